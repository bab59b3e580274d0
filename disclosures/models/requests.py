"""依申请公开台账 (政府信息公开条例 2019): every application — online, on paper, by post — with its
clock in working days (home.workdays): 20 working days after receipt, the day of receipt not
counted (第三十三条); +20 when an extension is approved; counted from receipt of the corrected
application when a 补正 was asked for (第三十条); the time a third party is consulted not counted
(第三十二条). The outcome is one row of the national annual-report table (国办公开办函〔2021〕30号).
Applicants' personal data stays here: no public page, search or feed reads this model."""

import datetime
import secrets
import unicodedata

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from home.security.storage import private_storage
from home.workdays import WorkingCalendar, add_working_days, working_days_between

from .units import PublishingUnit

REPLY_WORKING_DAYS = 20
EXTENSION_WORKING_DAYS = 20
CORRECTION_NOTICE_WORKING_DAYS = 7
# 条例 第三十二条: the third party answers within 15 working days of receiving the request for its
# view; silent past that, the organ decides — the pause of the reply clock ends there.
THIRD_PARTY_WORKING_DAYS = 15


class ApplicantType(models.TextChoices):
    """The applicant columns of table 三."""

    PERSON = "person", _("自然人")
    COMMERCIAL = "commercial", _("商业企业")
    RESEARCH = "research", _("科研机构")
    PUBLIC_WELFARE = "public_welfare", _("社会公益组织")
    LEGAL_SERVICE = "legal_service", _("法律服务机构")
    OTHER_ORGANISATION = "other_org", _("其他组织")


class Channel(models.TextChoices):
    ONLINE = "online", "网上申请"
    IN_PERSON = "in_person", "当面申请"
    POST = "post", "信函申请"
    FAX = "fax", "传真申请"
    EMAIL = "email", "电子邮件申请"


class DeliveryForm(models.TextChoices):
    PAPER = "paper", _("纸质（邮寄或当面领取）")
    EMAIL = "email", _("电子邮件")
    ONLINE = "online", _("网上查阅")


class Outcome(models.TextChoices):
    """Table 三's outcome rows (每项申请只计一种情形)."""

    DISCLOSED = "disclosed", "（一）予以公开"
    PARTIAL = "partial", "（二）部分公开"
    SECRET = "secret", "（三）不予公开：1.属于国家秘密"
    LAW_FORBIDS = "law_forbids", "（三）不予公开：2.其他法律行政法规禁止公开"
    SECURITY = "security", "（三）不予公开：3.危及“三安全一稳定”"
    THIRD_PARTY = "third_party", "（三）不予公开：4.保护第三方合法权益"
    INTERNAL_AFFAIRS = "internal_affairs", "（三）不予公开：5.属于三类内部事务信息"
    PROCESS = "process", "（三）不予公开：6.属于四类过程性信息"
    CASE_FILE = "case_file", "（三）不予公开：7.属于行政执法案卷"
    INQUIRY = "inquiry", "（三）不予公开：8.属于行政查询事项"
    NOT_HELD = "not_held", "（四）无法提供：1.本机关不掌握相关政府信息"
    NEEDS_MAKING = "needs_making", "（四）无法提供：2.没有现成信息需要另行制作"
    UNCLEAR = "unclear", "（四）无法提供：3.补正后申请内容仍不明确"
    PETITION = "petition", "（五）不予处理：1.信访举报投诉类申请"
    REPEATED = "repeated", "（五）不予处理：2.重复申请"
    PUBLICATION = "publication", "（五）不予处理：3.要求提供公开出版物"
    MASS = "mass", "（五）不予处理：4.无正当理由大量反复申请"
    CONFIRMATION = "confirmation", "（五）不予处理：5.要求行政机关确认或重新出具已获取信息"
    NO_CORRECTION = (
        "no_correction",
        "（六）其他处理：1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    )
    NO_FEE = (
        "no_fee",
        "（六）其他处理：2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    )
    OTHER = "other", "（六）其他处理：3.其他"


class ReviewResult(models.TextChoices):
    UPHELD = "upheld", "结果维持"
    CORRECTED = "corrected", "结果纠正"
    OTHER = "other", "其他结果"
    PENDING = "pending", "尚未审结"


class RequestState(models.TextChoices):
    AWAITING_CORRECTION = "awaiting_correction", _("待补正")
    CONSULTING = "consulting", _("征求第三方意见中")
    IN_PROGRESS = "in_progress", _("办理中")
    OVERDUE = "overdue", _("已超期")
    ANSWERED = "answered", _("已答复")


phone_validator = RegexValidator(r"^[0-9０-９+\-\s()（）]{7,20}$", _("请填写有效的联系电话（7至20位数字）。"))


class InformationRequest(models.Model):
    number = models.CharField("受理编号", max_length=20, unique=True, editable=False)
    publishing_unit = models.ForeignKey(
        PublishingUnit,
        verbose_name=_("受理机关"),
        on_delete=models.PROTECT,
        related_name="information_requests",
    )
    channel = models.CharField("申请方式", max_length=20, choices=Channel.choices, default=Channel.ONLINE)
    received_on = models.DateField("收到申请日期", default=timezone.localdate)
    applicant_type = models.CharField(_("申请人类型"), max_length=20, choices=ApplicantType.choices)
    applicant_name = models.CharField(_("申请人姓名或名称"), max_length=100)
    id_number = models.CharField(
        _("身份证件号码或统一社会信用代码"),
        max_length=40,
        blank=True,
        help_text=_("仅用于核实身份，不公开。"),
    )
    phone = models.CharField(_("联系电话"), max_length=20, validators=[phone_validator])
    email = models.EmailField(_("电子邮箱"), blank=True)
    address = models.CharField(_("通信地址"), max_length=200, blank=True)
    description = models.TextField(_("所需政府信息的名称或内容描述"), max_length=2000)
    document_number = models.CharField(_("文号（如知道）"), max_length=80, blank=True)
    delivery_form = models.CharField(
        _("获取信息的方式"), max_length=20, choices=DeliveryForm.choices, default=DeliveryForm.EMAIL
    )

    correction_sent_on = models.DateField(
        "补正通知日期",
        null=True,
        blank=True,
        help_text="申请内容不明确的，应在收到申请之日起7个工作日内一次性告知补正。",
    )
    correction_received_on = models.DateField(
        "收到补正日期", null=True, blank=True, help_text="答复期限自收到补正的申请之日起重新计算。"
    )
    third_party_sent_on = models.DateField("征求第三方意见日期", null=True, blank=True)
    third_party_replied_on = models.DateField(
        "第三方答复日期", null=True, blank=True, help_text="征求意见所需时间不计入答复期限。"
    )
    extension_approved = models.BooleanField(
        "延长答复期限", default=False, help_text="经政府信息公开工作机构负责人同意，延长不超过20个工作日。"
    )
    extension_reason = models.CharField("延长理由", max_length=200, blank=True)
    due_on = models.DateField("答复期限", null=True, blank=True, editable=False)
    # The acknowledgement mail to an online applicant who gave an address (disclosures/acknowledgements.py)
    acknowledged_at = models.DateTimeField("回执邮件发出时间", null=True, blank=True, editable=False)
    acknowledgement_error = models.CharField("回执邮件发送失败", max_length=300, blank=True, editable=False)

    replied_on = models.DateField("答复日期", null=True, blank=True)
    outcome = models.CharField("处理结果", max_length=30, choices=Outcome.choices, blank=True)
    reply_text = models.TextField("答复内容摘要", max_length=4000, blank=True)
    reply_document = models.FileField(
        "答复书（扫描件）",
        storage=private_storage,
        upload_to="requests/%Y/",
        blank=True,
    )
    reconsideration = models.CharField("行政复议", max_length=20, choices=ReviewResult.choices, blank=True)
    litigation_without_reconsideration = models.CharField(
        "未经复议直接起诉", max_length=20, choices=ReviewResult.choices, blank=True
    )
    litigation_after_reconsideration = models.CharField(
        "复议后起诉", max_length=20, choices=ReviewResult.choices, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="登记人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        ordering = ["-received_on", "-pk"]
        verbose_name = "依申请公开"
        verbose_name_plural = "依申请公开台账"

    def __str__(self):
        return f"{self.number}（{self.received_on:%Y-%m-%d}）"

    def save(self, *args, **kwargs):
        self.full_clean(exclude=["number"])
        self.due_on = self.compute_due_on()
        if self.number:
            return super().save(*args, **kwargs)
        for _attempt in range(5):  # two applications at the same moment: the loser takes the next
            self.number = self.next_number()
            try:
                with transaction.atomic():
                    return super().save(*args, **kwargs)
            except IntegrityError:
                self.pk = None
        raise IntegrityError("无法生成受理编号，请重试。")

    def next_number(self) -> str:
        year = self.received_on.year
        prefix = f"YSQ{year}"
        last = (
            InformationRequest.objects.filter(number__startswith=prefix)
            .order_by("-number")
            .values_list("number", flat=True)
            .first()
        )
        sequence = int(last[len(prefix) : len(prefix) + 4]) + 1 if last else 1
        # a random tail: numbers cannot be guessed one from another
        return f"{prefix}{sequence:04d}{secrets.randbelow(90) + 10}"

    def clean(self):
        super().clean()
        self.phone = unicodedata.normalize("NFKC", self.phone or "").strip()
        errors = {}
        if self.correction_received_on and not self.correction_sent_on:
            errors["correction_received_on"] = "请先填写补正通知日期。"
        if self.correction_sent_on and self.correction_sent_on < self.received_on:
            errors["correction_sent_on"] = "补正通知日期不能早于收到申请日期。"
        if (
            self.correction_received_on
            and self.correction_sent_on
            and self.correction_received_on < self.correction_sent_on
        ):
            errors["correction_received_on"] = "收到补正日期不能早于补正通知日期。"
        if self.third_party_replied_on and not self.third_party_sent_on:
            errors["third_party_replied_on"] = "请先填写征求第三方意见日期。"
        if self.extension_approved and not self.extension_reason.strip():
            errors["extension_reason"] = "延长答复期限须写明理由。"
        if bool(self.replied_on) != bool(self.outcome):
            errors["outcome"] = "答复日期和处理结果须同时填写。"
        if self.replied_on and self.replied_on < self.received_on:
            errors["replied_on"] = "答复日期不能早于收到申请日期。"
        if errors:
            raise ValidationError(errors)

    def compute_due_on(self) -> datetime.date | None:
        """None while a 补正 is outstanding (the clock starts again on the corrected application)."""
        if self.correction_sent_on and not self.correction_received_on:
            return None
        calendar = WorkingCalendar()
        start = self.correction_received_on or self.received_on
        days = REPLY_WORKING_DAYS + (EXTENSION_WORKING_DAYS if self.extension_approved else 0)
        if self.third_party_sent_on:
            until = self.third_party_pause_ends(calendar)
            days += working_days_between(self.third_party_sent_on, until, calendar)
        return add_working_days(start, days, calendar)

    def third_party_pause_ends(self, calendar: WorkingCalendar | None = None) -> datetime.date | None:
        """The last day the third party's consultation pauses the clock: its answer's date, or the
        15th working day after the request was sent when it stays silent — never "today", so the
        deadline does not freeze on the day the record happened to be saved."""
        if not self.third_party_sent_on:
            return None
        limit = add_working_days(self.third_party_sent_on, THIRD_PARTY_WORKING_DAYS, calendar)
        return min(self.third_party_replied_on, limit) if self.third_party_replied_on else limit

    @property
    def correction_deadline(self) -> datetime.date:
        return add_working_days(self.received_on, CORRECTION_NOTICE_WORKING_DAYS)

    def state(self, today: datetime.date | None = None) -> str:
        today = today or timezone.localdate()
        if self.replied_on:
            return RequestState.ANSWERED
        if self.correction_sent_on and not self.correction_received_on:
            return RequestState.AWAITING_CORRECTION
        if (
            self.third_party_sent_on
            and not self.third_party_replied_on
            and today <= self.third_party_pause_ends()
        ):
            return RequestState.CONSULTING
        if self.due_on and today > self.due_on:
            return RequestState.OVERDUE
        return RequestState.IN_PROGRESS

    @property
    def state_label(self) -> str:
        return RequestState(self.state()).label

    state_label.fget.short_description = "状态"  # the admin list's heading

    @property
    def due_is_provisional(self) -> bool:
        """暂定: the deadline reaches into a year whose holidays and 调休 are not yet confirmed."""
        from home.workdays import provisional_years

        return bool(self.due_on and provisional_years(self.received_on, self.due_on))

    @property
    def due_label(self) -> str:
        """答复期限 as the register and the mails show it, with 暂定 when it may still move."""
        if not self.due_on:
            return "待补正后计算"
        return f"{self.due_on:%Y-%m-%d}" + ("（暂定）" if self.due_is_provisional else "")

    due_label.fget.short_description = "答复期限"

    @property
    def answered_on_time(self) -> bool | None:
        if not self.replied_on or not self.due_on:
            return None
        return self.replied_on <= self.due_on

    def matches_phone(self, last_four: str) -> bool:
        digits = "".join(ch for ch in self.phone if ch.isdigit())
        return len(last_four) == 4 and digits.endswith(last_four)


class RequestReminder(models.Model):
    """A reminder sent about an application, so a re-run of the daily job never sends it twice."""

    request = models.ForeignKey(InformationRequest, on_delete=models.CASCADE, related_name="reminders")
    recipient = models.EmailField("收件人")
    key = models.CharField("提醒事项", max_length=60)
    sent_at = models.DateTimeField("发送时间", auto_now_add=True)

    class Meta:
        verbose_name = "依申请公开提醒"
        constraints = [
            models.UniqueConstraint(fields=["request", "recipient", "key"], name="request_reminder_sent_once")
        ]

    def __str__(self):
        return f"{self.request} · {self.key}"
