"""依申请公开台账 (政府信息公开条例 2019): every application — online, on paper, by post — with its
clock in working days (home.workdays): 20 working days after receipt, the day of receipt not
counted (第三十三条); +20 when an extension is approved; counted from receipt of the corrected
application when a 补正 was asked for (第三十条); the time a third party is consulted not counted
(第三十二条) — its first consultation in the two `third_party_*` fields, any further one (another
third party, or another organ: 第三十三条) as a RequestConsultation; overlapping pauses count once.
The outcome is one row of the national annual-report table (国办公开办函〔2021〕30号).
Applicants' personal data stays here: no public page, search or feed reads this model."""

import datetime
import secrets
import unicodedata
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.forms import WagtailAdminModelForm

from home.security.storage import private_storage
from home.workdays import WorkingCalendar, add_working_days, working_days_after

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
    PENDING = "pending", "尚未审结"  # not a stored result: a review without a decision date


class ReviewKind(models.TextChoices):
    """The three groups of the national table 四."""

    RECONSIDERATION = "reconsideration", "行政复议"
    LITIGATION_DIRECT = "litigation_direct", "行政诉讼（未经复议直接起诉）"
    LITIGATION_AFTER = "litigation_after", "行政诉讼（复议后起诉）"


class RequestState(models.TextChoices):
    AWAITING_CORRECTION = "awaiting_correction", _("待补正")
    CONSULTING = "consulting", _("征求意见中")
    IN_PROGRESS = "in_progress", _("办理中")
    OVERDUE = "overdue", _("已超期")
    ANSWERED = "answered", _("已答复")


phone_validator = RegexValidator(r"^[0-9０-９+\-\s()（）]{7,20}$", _("请填写有效的联系电话（7至20位数字）。"))


class ConsultationKind(models.TextChoices):
    THIRD_PARTY = "third_party", "第三方"
    OTHER_ORGAN = "other_organ", "其他机关"


@dataclass(frozen=True)
class Pause:
    """One consultation as the register shows it: who, sent when, and the last day it pauses the
    clock (None: another organ not yet answered — no statutory limit, the clock waits for it)."""

    kind: str
    party: str
    sent_on: datetime.date
    replied_on: datetime.date | None
    ends_on: datetime.date | None

    @property
    def kind_label(self) -> str:
        return ConsultationKind(self.kind).label

    @property
    def limit_text(self) -> str:
        if self.kind == ConsultationKind.THIRD_PARTY:
            return "第三方15个工作日内未答复的，期满即恢复计算（第三十二条）"
        return "征求其他机关意见的时间不计入答复期限（第三十三条），收到答复后恢复计算"


class InformationRequestForm(WagtailAdminModelForm):
    """The consultations and reviews typed below an application are checked against its receipt
    date here: a new row in the form does not know its application until the whole form is saved."""

    def clean(self):
        cleaned = super().clean()
        received = cleaned.get("received_on")
        for relation, field, message in (
            ("consultations", "sent_on", CONSULTATION_BEFORE_RECEIPT),
            ("reviews", "filed_on", REVIEW_BEFORE_RECEIPT),
        ):
            formset = self.formsets.get(relation)
            if not received or formset is None or not formset.is_valid():
                continue
            for form in formset.forms:
                day = form.cleaned_data.get(field)
                if day and day < received and not form.cleaned_data.get("DELETE"):
                    form.add_error(field, message)
        return cleaned


CONSULTATION_BEFORE_RECEIPT = "征求意见日期不能早于收到申请日期。"


class InformationRequest(ClusterableModel):
    base_form_class = InformationRequestForm

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
        """None while a 补正 is outstanding (the clock starts again on the corrected application) or
        while another organ has not answered (its time is not counted and has no limit)."""
        if self.correction_sent_on and not self.correction_received_on:
            return None
        calendar = WorkingCalendar()
        pauses = self.pauses(calendar)
        if any(pause.ends_on is None for pause in pauses):
            return None
        start = self.correction_received_on or self.received_on
        days = REPLY_WORKING_DAYS + (EXTENSION_WORKING_DAYS if self.extension_approved else 0)
        paused: set[datetime.date] = set()  # overlapping consultations pause each day once
        for pause in pauses:
            paused |= working_days_after(pause.sent_on, pause.ends_on, calendar)
        return add_working_days(start, days + len(paused), calendar)

    def pauses(self, calendar: WorkingCalendar | None = None) -> list[Pause]:
        """Every consultation, the first third party's (the two fields) first, then the others."""
        calendar = calendar or WorkingCalendar()
        consulted = []
        if self.third_party_sent_on:
            consulted.append(
                (ConsultationKind.THIRD_PARTY, "", self.third_party_sent_on, self.third_party_replied_on)
            )
        for row in self.consultations.all():
            if row.sent_on:
                consulted.append((row.kind, row.party, row.sent_on, row.replied_on))
        return [
            Pause(kind, party, sent, replied, pause_ends(kind, sent, replied, calendar))
            for kind, party, sent, replied in sorted(consulted, key=lambda c: c[2])
        ]

    def third_party_pause_ends(self, calendar: WorkingCalendar | None = None) -> datetime.date | None:
        """The last day the first third party's consultation pauses the clock (see pause_ends)."""
        if not self.third_party_sent_on:
            return None
        return pause_ends(
            ConsultationKind.THIRD_PARTY, self.third_party_sent_on, self.third_party_replied_on, calendar
        )

    @property
    def correction_deadline(self) -> datetime.date:
        return add_working_days(self.received_on, CORRECTION_NOTICE_WORKING_DAYS)

    def state(self, today: datetime.date | None = None) -> str:
        today = today or timezone.localdate()
        if self.replied_on:
            return RequestState.ANSWERED
        if self.correction_sent_on and not self.correction_received_on:
            return RequestState.AWAITING_CORRECTION
        if any(
            pause.ends_on is None or today <= pause.ends_on for pause in self.pauses() if not pause.replied_on
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
            if self.correction_sent_on and not self.correction_received_on:
                return "待补正后计算"
            return "待其他机关答复后计算"
        return f"{self.due_on:%Y-%m-%d}" + ("（暂定）" if self.due_is_provisional else "")

    due_label.fget.short_description = "答复期限"

    @property
    def pauses_label(self) -> str:
        """The register's column: each consultation and how long it pauses the clock."""
        return "；".join(
            f"征求{pause.kind_label}意见{('（' + pause.party + '）') if pause.party else ''}"
            + (f"暂停至{pause.ends_on:%Y-%m-%d}" if pause.ends_on else "，待答复")
            for pause in self.pauses()
        )

    pauses_label.fget.short_description = "征求意见暂停"

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


def pause_ends(
    kind: str,
    sent_on: datetime.date,
    replied_on: datetime.date | None,
    calendar: WorkingCalendar | None = None,
) -> datetime.date | None:
    """The last day a consultation pauses the reply clock: its answer's date; for a third party at
    the latest the 15th working day after the request was sent (silence ends the pause there —
    never "today", so a deadline does not freeze on the day a record was saved); for another organ
    None until it answers."""
    if kind == ConsultationKind.THIRD_PARTY:
        limit = add_working_days(sent_on, THIRD_PARTY_WORKING_DAYS, calendar)
        return min(replied_on, limit) if replied_on else limit
    return replied_on


def _received_on(row) -> datetime.date | None:
    """The receipt date of a row's application (None for a row not yet attached to one)."""
    try:
        return row.request.received_on
    except InformationRequest.DoesNotExist:
        return None


class RequestConsultation(models.Model):
    """A further consultation on one application: another third party, or another organ whose view
    the answer needs (第三十三条). It pauses the clock from the day after it is sent to its answer."""

    request = ParentalKey(InformationRequest, on_delete=models.CASCADE, related_name="consultations")
    kind = models.CharField("征求对象类型", max_length=20, choices=ConsultationKind.choices)
    party = models.CharField("征求对象", max_length=100, help_text="如：某某公司、县自然资源局")
    sent_on = models.DateField("发出征求意见日期")
    replied_on = models.DateField("收到答复日期", null=True, blank=True)

    class Meta:
        ordering = ["sent_on", "pk"]
        verbose_name = "征求意见"
        verbose_name_plural = "征求意见"

    def __str__(self):
        return f"{self.get_kind_display()}：{self.party}"

    def clean(self):
        super().clean()
        errors = {}
        received = _received_on(self)
        if self.sent_on and received and self.sent_on < received:
            errors["sent_on"] = CONSULTATION_BEFORE_RECEIPT
        if self.replied_on and self.sent_on and self.replied_on < self.sent_on:
            errors["replied_on"] = "收到答复日期不能早于发出征求意见日期。"
        if errors:
            raise ValidationError(errors)


class RequestReview(models.Model):
    """A 行政复议 or 行政诉讼 on one application, with its own dates: table 四 counts it in the year it
    was decided, and as 尚未审结 in every year-end it was still open (filed, not yet decided)."""

    request = ParentalKey(InformationRequest, on_delete=models.CASCADE, related_name="reviews")
    kind = models.CharField("类型", max_length=20, choices=ReviewKind.choices)
    filed_on = models.DateField("申请复议或起诉日期")
    decided_on = models.DateField("复议决定或裁判日期", null=True, blank=True, help_text="尚未审结的留空。")
    result = models.CharField(
        "结果",
        max_length=20,
        choices=[c for c in ReviewResult.choices if c[0] != ReviewResult.PENDING],
        blank=True,
    )

    class Meta:
        ordering = ["filed_on", "pk"]
        verbose_name = "行政复议、行政诉讼"
        verbose_name_plural = "行政复议、行政诉讼"

    def __str__(self):
        return f"{self.get_kind_display()}（{self.filed_on:%Y-%m-%d}）"

    def clean(self):
        super().clean()
        errors = {}
        if bool(self.decided_on) != bool(self.result):
            errors["result"] = "复议决定或裁判日期与结果须同时填写；尚未审结的两项都留空。"
        if self.decided_on and self.filed_on and self.decided_on < self.filed_on:
            errors["decided_on"] = "复议决定或裁判日期不能早于申请复议或起诉日期。"
        received = _received_on(self)
        if self.filed_on and received and self.filed_on < received:
            errors["filed_on"] = REVIEW_BEFORE_RECEIPT
        if errors:
            raise ValidationError(errors)

    def result_at(self, day: datetime.date) -> str | None:
        """Its table-四 column at the end of `day`: the result once decided, 尚未审结 while open,
        None before it was filed."""
        if self.filed_on > day:
            return None
        if self.decided_on and self.decided_on <= day:
            return self.result
        return ReviewResult.PENDING


REVIEW_BEFORE_RECEIPT = "申请复议或起诉日期不能早于收到申请日期。"
