"""检察建议台账: the procuratorate's recommendations (检察建议, 提醒函, 检察意见) to administrative
organs, and their life as records — objection and its review, the unit's written reply, its
rectification progress, the procuratorate's verification, escalations, 考核 incidents. The state
shown everywhere is derived from those records and the dates (annotate_state), never typed.

人民检察院检察建议工作规定 (2019): the written reply is due two months after receipt unless the
recommendation sets another period (urgent public-interest cases: 15 days); an objection is
reviewed and the recommendation upheld, amended or withdrawn; a unit that does not rectify after
being urged may be reported to its supervising organ or the government, or sued."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from home.security.privacy import PersonalInfoGuardMixin
from home.workdays import add_months

from ..groups import FOLLOW_UP_RECOMMENDATIONS, MANAGE_RECOMMENDATIONS, REPORT_OWN_UNIT
from ..storage import attachment_validators, private_storage
from .units import MemberUnit

REPLY_MONTHS = 2
VERIFY_AFTER_DAYS = 30  # a completed rectification is verified within this many days of the report
# 人民检察院检察建议工作规定 第二十三条: an objection is reviewed 立即 ("at once"). The county reads that
# as within this many days of the filing; past it, a pending objection no longer holds the reply back.
OBJECTION_REVIEW_DAYS = 15


class RecommendationKind(models.TextChoices):
    RECOMMENDATION = "recommendation", "检察建议"
    REMINDER = "reminder", "提醒函"
    OPINION = "opinion", "检察意见"


class RecommendationType(models.TextChoices):
    CORRECTION = "correction", "纠正违法"
    PUBLIC_INTEREST = "public_interest", "公益诉讼诉前"
    GOVERNANCE = "governance", "社会治理"
    OTHER = "other", "其他"


class DeliveryMethod(models.TextChoices):
    IN_PERSON = "in_person", "直接送达"
    POST = "post", "邮寄送达"
    MEETING = "meeting", "宣告送达"
    ELECTRONIC = "electronic", "电子送达"


class CopyReason(models.TextChoices):
    """山丹 三(四): when a copy goes to the county government."""

    IMPACT = "impact", "重大社会影响"
    ATTENTION = "attention", "社会关注度高"
    TYPICAL = "typical", "违法情形具有典型性"
    NOTICE = "notice", "需要引起重视"


class RecommendationState(models.TextChoices):
    DELIVERED = "delivered", "已送达"
    OBJECTION = "objection", "异议复核中"
    AWAITING_REPLY = "awaiting_reply", "待回复"
    REPLY_OVERDUE = "reply_overdue", "逾期未回复"
    REPLIED = "replied", "已回复"
    RECTIFYING = "rectifying", "整改中"
    RECTIFICATION_OVERDUE = "rectification_overdue", "整改逾期"
    AWAITING_VERIFICATION = "awaiting_verification", "待核查"  # the unit reported it done; nobody's fault yet
    VERIFICATION_OVERDUE = "verification_overdue", "核查逾期"  # the procuratorate's backlog, not the unit's
    RECTIFIED = "rectified", "整改到位"
    CLOSED = "closed", "已办结"
    WITHDRAWN = "withdrawn", "已撤回"
    SUED = "sued", "已起诉"


class RecommendationQuerySet(models.QuerySet):
    def for_unit(self, units):
        return self.filter(target_unit__in=units)

    def with_records(self):
        """What the lists show; internal.recommendations.with_states() attaches the records."""
        return self.select_related("target_unit", "legal_area")

    def with_state(self, today: datetime.date):
        """Each recommendation's `state` on `today`, worked out in SQL (annotate_state)."""
        return annotate_state(self, today)

    def in_state(self, state: str, today: datetime.date):
        """Those in `state` on `today`. The state decides; `state_narrowing` only lets the database
        skip, with indexed tests, rows that cannot be in it (a test checks it never changes a result)."""
        return self.with_state(today).filter(state_narrowing(state, today), state=state)


class Recommendation(PersonalInfoGuardMixin, models.Model):
    number = models.CharField(
        "文号", max_length=60, unique=True, help_text="例如：永检行建〔2026〕3号（文号唯一，不能重复）"
    )
    kind = models.CharField("文书种类", max_length=20, choices=RecommendationKind.choices)
    category = models.CharField("建议类型", max_length=20, choices=RecommendationType.choices)
    legal_area = models.ForeignKey(
        "campaigns.LegalArea",
        verbose_name="所属领域",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    target_unit = models.ForeignKey(
        MemberUnit,
        verbose_name="被建议单位（成员单位）",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="recommendations",
    )
    target_name = models.CharField(
        "被建议单位（非成员单位）",
        max_length=120,
        blank=True,
        help_text="乡镇人民政府等不在联席会议成员单位名单中的机关，填写全称；与上一项二选一。",
    )
    issued_on = models.DateField("签发日期")
    delivered_on = models.DateField("送达（收到）日期")
    delivery_method = models.CharField("送达方式", max_length=20, choices=DeliveryMethod.choices)
    objection_days = models.PositiveSmallIntegerField(
        "异议期限（日）", default=5, help_text="检察建议书载明的、收到后可提出异议的天数。"
    )
    reply_period_days = models.PositiveSmallIntegerField(
        "建议书另定的回复期限（日）",
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(366)],
        help_text="留空：收到之日起两个月（1月31日送达→3月31日）。建议书另定期限的填天数，"
        "例如紧急的公益诉讼诉前检察建议填 15。",
    )
    # Derived on every save from the delivery date and the period (never typed): a corrected delivery
    # date moves it. Stored so that lists and reminders can filter on it.
    reply_due = models.DateField("书面回复期限", editable=False)
    copied_to_government = models.BooleanField("抄送县人民政府", default=False)
    copy_reason = models.CharField(
        "抄送理由", max_length=20, choices=CopyReason.choices, blank=True, help_text="抄送县政府时必选。"
    )
    problem = models.TextField("发现的问题", max_length=4000)
    measures = models.TextField("建议事项", max_length=4000, help_text="每行一项建议措施。")
    attachment = models.FileField(
        "检察建议书（扫描件）",
        storage=private_storage,
        upload_to="recommendations/%Y/",
        blank=True,
        validators=attachment_validators,
    )
    closed_on = models.DateField("办结日期", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="录入人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("录入时间", auto_now_add=True)

    objects = RecommendationQuerySet.as_manager()

    class Meta:
        ordering = ["-issued_on", "-pk"]
        verbose_name = "检察建议"
        verbose_name_plural = "检察建议台账"
        permissions = [
            ("manage_recommendations", "录入和办理全部检察建议（检察院、联席会议办公室）"),
            ("follow_up_recommendations", "查看全部检察建议办理情况并记录督促、通报、约谈（县政府法治督办）"),
        ]

    def __str__(self):
        return self.number

    def save(self, *args, **kwargs):
        if self.delivered_on:
            self.reply_due = self.compute_reply_due()
        if not self.copied_to_government:
            self.copy_reason = ""
        self.full_clean()  # every path: admin, shell, demo, import
        return super().save(*args, **kwargs)

    @property
    def target(self) -> str:
        return self.target_unit.name if self.target_unit_id else self.target_name

    @property
    def measure_list(self) -> list[str]:
        return [line.strip() for line in self.measures.splitlines() if line.strip()]

    def compute_reply_due(self) -> datetime.date:
        """Two calendar months after receipt (人民检察院检察建议工作规定 第二十一条 as the site reads it),
        or the period the recommendation itself sets, in days."""
        if self.reply_period_days:
            return self.delivered_on + datetime.timedelta(days=self.reply_period_days)
        return add_months(self.delivered_on, REPLY_MONTHS)

    @property
    def objection_deadline(self) -> datetime.date:
        return self.delivered_on + datetime.timedelta(days=self.objection_days)

    def clean(self):
        super().clean()
        errors = {}
        if bool(self.target_unit_id) == bool(self.target_name.strip()):
            errors["target_name"] = "请选择一个成员单位，或填写非成员单位的名称（二者选一）。"
        if self.issued_on and self.delivered_on and self.delivered_on < self.issued_on:
            errors["delivered_on"] = "送达日期不能早于签发日期。"
        if self.copied_to_government and not self.copy_reason:
            errors["copy_reason"] = "抄送县政府时请选择抄送理由。"
        if errors:
            raise ValidationError(errors)


def may_record(user, recommendation: Recommendation, rule: str) -> bool:
    """rule "unit": the recommended unit's liaisons; "government": 法治督办; "procuratorate": only
    those who manage the ledger (who may also record anything on the unit's behalf, e.g. a letter
    that came by post)."""
    if user is None or not user.is_active:
        return False
    if user.has_perm(MANAGE_RECOMMENDATIONS):
        return True
    if rule == "unit":
        return bool(
            user.has_perm(REPORT_OWN_UNIT)
            and recommendation.target_unit_id
            and recommendation.target_unit.liaisons.filter(pk=user.pk).exists()
        )
    if rule == "government":
        return user.has_perm(FOLLOW_UP_RECOMMENDATIONS)
    return False


class RecordBase(models.Model):
    """A dated record in a recommendation's life, by a person; validated wherever it is saved —
    including who may make it (may_record), so no path can file for another unit."""

    recorder_rule = "procuratorate"
    date_field = ""  # the record's date: never before the recommendation was delivered

    recommendation = models.ForeignKey(Recommendation, verbose_name="检察建议", on_delete=models.CASCADE)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="记录人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField("记录时间", auto_now_add=True)

    class Meta:
        abstract = True

    def __str__(self):
        return f"{self.recommendation}：{self._meta.verbose_name}"

    def save(self, *args, **kwargs):
        self.full_clean()
        return super().save(*args, **kwargs)

    def rule(self) -> str:
        return self.recorder_rule

    def clean(self):
        super().clean()
        if self.pk is None and self.recorded_by_id and self.recommendation_id:
            if not may_record(self.recorded_by, self.recommendation, self.rule()):
                raise ValidationError(f"您不能为这份检察建议记录“{self._meta.verbose_name}”。")
        day = getattr(self, self.date_field, None) if self.date_field else None
        if day and self.recommendation_id and day < self.recommendation.delivered_on:
            raise ValidationError(
                {
                    self.date_field: f"这一日期早于检察建议的送达日期（{self.recommendation.delivered_on:%Y-%m-%d}），请核对。"
                }
            )


class ObjectionOutcome(models.TextChoices):
    UPHELD = "upheld", "维持"
    AMENDED = "amended", "修改"
    WITHDRAWN = "withdrawn", "撤回"


class Objection(PersonalInfoGuardMixin, RecordBase):
    """The unit's objection and the procuratorate's review (outcome blank while under review)."""

    recorder_rule = "unit"
    date_field = "filed_on"

    filed_on = models.DateField("提出异议日期")
    grounds = models.TextField("异议理由", max_length=4000)
    outcome = models.CharField("复核结果", max_length=20, choices=ObjectionOutcome.choices, blank=True)
    decided_on = models.DateField("复核日期", null=True, blank=True)
    explanation = models.TextField("复核说明", max_length=4000, blank=True)
    late_reason = models.TextField(
        "逾期登记的理由",
        max_length=1000,
        blank=True,
        help_text="异议期限过后仍要登记的（如邮寄延误），由检察院或联席会议办公室写明理由；这样的异议不暂停回复期限。",
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="复核人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["filed_on", "pk"]
        verbose_name = "异议"
        verbose_name_plural = "异议"
        default_related_name = "objections"
        indexes = [models.Index(fields=["recommendation", "outcome"], name="objection_by_outcome")]

    def clean(self):
        super().clean()
        rec = self.recommendation if self.recommendation_id else None
        if rec is not None and self.pk is None and self.filed_on and self.filed_on > rec.objection_deadline:
            if not self.late_reason.strip():
                raise ValidationError(
                    {
                        "filed_on": f"异议期限已过：收到检察建议后{rec.objection_days}日内（{rec.objection_deadline:%Y-%m-%d}前）"
                        "可以提出异议。确需登记的，请检察院或联席会议办公室写明理由后登记。"
                    }
                )
            if self.recorded_by_id and not may_record(self.recorded_by, rec, "procuratorate"):
                raise ValidationError({"late_reason": "逾期提出的异议只能由检察院或联席会议办公室登记。"})
        if self.decided_on and self.filed_on and self.decided_on < self.filed_on:
            raise ValidationError({"decided_on": "复核日期不能早于提出异议的日期。"})
        if self.outcome and not (self.decided_on and self.explanation.strip()):
            raise ValidationError({"explanation": "作出复核结果时须填写复核日期和书面说明理由。"})
        if (
            self.outcome
            and self.decided_by_id
            and not may_record(self.decided_by, self.recommendation, "procuratorate")
        ):
            raise ValidationError("只有检察院（或联席会议办公室）可以作出复核结果。")


class Adoption(models.TextChoices):
    FULL = "full", "全部采纳"
    PARTIAL = "partial", "部分采纳"
    NONE = "none", "未采纳"


class Reply(PersonalInfoGuardMixin, RecordBase):
    """The unit's written reply (书面回复)."""

    recorder_rule = "unit"
    date_field = "replied_on"

    replied_on = models.DateField("回复日期")
    adoption = models.CharField("采纳情况", max_length=20, choices=Adoption.choices)
    reasons = models.TextField("未采纳或部分采纳的理由", max_length=4000, blank=True)
    measures = models.TextField("整改措施", max_length=4000, blank=True)
    promised_by = models.DateField("承诺整改完成日期", null=True, blank=True)
    letter = models.FileField(
        "回复函（扫描件）",
        storage=private_storage,
        upload_to="recommendations/replies/%Y/",
        blank=True,
        validators=attachment_validators,
    )

    class Meta:
        ordering = ["replied_on", "pk"]
        verbose_name = "书面回复"
        verbose_name_plural = "书面回复"
        default_related_name = "replies"
        # the first and the latest reply of a recommendation, read by annotate_state for every row
        indexes = [models.Index(fields=["recommendation", "replied_on", "id"], name="reply_in_order")]

    def clean(self):
        super().clean()
        errors = {}
        if self.adoption != Adoption.FULL and not self.reasons.strip():
            errors["reasons"] = "部分采纳或未采纳的，请写明理由。"
        if self.adoption != Adoption.NONE and not self.promised_by:
            errors["promised_by"] = "采纳的，请填写承诺整改完成日期。"
        if self.promised_by and self.replied_on and self.promised_by < self.replied_on:
            errors["promised_by"] = "承诺整改完成日期不能早于回复日期：整改只能承诺在回复之后完成。"
        if errors:
            raise ValidationError(errors)


class Rectification(PersonalInfoGuardMixin, RecordBase):
    """整改进展 from the unit; `done` says the unit reports the rectification finished."""

    recorder_rule = "unit"
    date_field = "reported_on"

    reported_on = models.DateField("报送日期")
    text = models.TextField("整改进展", max_length=4000)
    done = models.BooleanField("已整改完毕", default=False)

    class Meta:
        ordering = ["reported_on", "pk"]
        verbose_name = "整改进展"
        verbose_name_plural = "整改进展"
        default_related_name = "rectifications"


class Verification(PersonalInfoGuardMixin, RecordBase):
    """The procuratorate's check of the rectification (跟进监督, 回头看)."""

    date_field = "visited_on"
    visited_on = models.DateField("核查日期")
    passed = models.BooleanField("整改到位")
    notes = models.TextField("核查情况", max_length=4000)

    class Meta:
        ordering = ["visited_on", "pk"]
        verbose_name = "整改核查"
        verbose_name_plural = "整改核查"
        default_related_name = "verifications"
        indexes = [models.Index(fields=["recommendation", "visited_on", "id"], name="verification_in_order")]

    def clean(self):
        super().clean()
        if not (self.recommendation_id and self.visited_on):
            return
        replied = (
            self.recommendation.replies.order_by("replied_on").values_list("replied_on", flat=True).first()
        )
        if replied is None:
            raise ValidationError("这份检察建议还没有书面回复，不能核查整改情况。")
        if self.visited_on < replied:
            raise ValidationError(
                {"visited_on": f"核查日期早于被建议单位的书面回复（{replied:%Y-%m-%d}），请核对。"}
            )


class EscalationKind(models.TextChoices):
    URGE = "urge", "督促"
    NOTIFY = "notify", "通报"
    INTERVIEW = "interview", "约谈"
    REPORT_UP = "report_up", "报告上级检察院"
    LAWSUIT = "lawsuit", "提起公益诉讼"
    DISCIPLINE = "discipline", "移送纪检监察机关"


# The county government's 法治督办 records these; the procuratorate the rest.
GOVERNMENT_ESCALATIONS = (EscalationKind.URGE, EscalationKind.NOTIFY, EscalationKind.INTERVIEW)


class Escalation(PersonalInfoGuardMixin, RecordBase):
    """督促, 通报, 约谈 by the county government; the procuratorate's further steps."""

    date_field = "taken_on"
    kind = models.CharField("措施", max_length=20, choices=EscalationKind.choices)
    taken_on = models.DateField("日期")
    notes = models.TextField("情况说明", max_length=4000)

    class Meta:
        ordering = ["taken_on", "pk"]
        verbose_name = "督促与追责措施"
        verbose_name_plural = "督促与追责措施"
        default_related_name = "escalations"
        indexes = [models.Index(fields=["recommendation", "kind"], name="escalation_by_kind")]

    def rule(self) -> str:
        return "government" if self.kind in GOVERNMENT_ESCALATIONS else "procuratorate"


class IncidentKind(models.TextChoices):
    """九寨沟 三(三): what counts against a unit in 法治政府建设考核."""

    HEARING_ABSENT = "hearing_absent", "无正当理由不参加公开听证"
    REFUSED_INQUIRY = "refused_inquiry", "拒绝配合调查核实"
    REFUSED_FILES = "refused_files", "拒绝调阅卷宗"
    OBSTRUCTED = "obstructed", "阻碍专项监督"
    NOT_RECTIFIED = "not_rectified", "经督促仍不整改"


class Incident(PersonalInfoGuardMixin, RecordBase):
    kind = models.CharField("情形", max_length=20, choices=IncidentKind.choices)
    occurred_on = models.DateField("发生日期")
    notes = models.TextField("情况说明", max_length=4000)

    class Meta:
        ordering = ["occurred_on", "pk"]
        verbose_name = "考核扣分情形"
        verbose_name_plural = "考核扣分情形"
        default_related_name = "incidents"


class AddDays(models.Func):
    """date + a number of days held in another column (Django's date + duration arithmetic cannot
    multiply a column by a day on SQLite)."""

    output_field = models.DateField()
    arity = 2
    template = "(%(expressions)s)"
    arg_joiner = " + "  # PostgreSQL: date + integer is a date

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(
            compiler, connection, template="date(%(expressions)s || ' days')", arg_joiner=", '+' || ", **extra
        )


def state_narrowing(state: str, today: datetime.date):
    """A condition every recommendation in `state` meets (implied by annotate_state's order), cheap
    to test: it keeps the database from working out the state of rows that cannot have it."""
    from django.db.models import Exists, OuterRef, Q

    def has(model, **conditions):
        return Exists(model.objects.filter(recommendation=OuterRef("pk"), **conditions))

    S = RecommendationState
    open_ = Q(closed_on__isnull=True)
    unreplied = open_ & ~has(Reply)
    return {
        S.SUED: has(Escalation, kind=EscalationKind.LAWSUIT),
        S.WITHDRAWN: has(Objection, outcome=ObjectionOutcome.WITHDRAWN),
        S.CLOSED: Q(closed_on__isnull=False),
        S.OBJECTION: open_
        & has(Objection, outcome="", filed_on__gte=today - datetime.timedelta(days=OBJECTION_REVIEW_DAYS)),
        S.AWAITING_VERIFICATION: open_ & has(Rectification, done=True) & has(Reply),
        S.VERIFICATION_OVERDUE: open_
        & has(Rectification, done=True, reported_on__lt=today - datetime.timedelta(days=VERIFY_AFTER_DAYS))
        & has(Reply),
        S.REPLY_OVERDUE: unreplied & Q(reply_due__lt=today),
        S.DELIVERED: unreplied & Q(reply_due__gte=today) & ~has(Objection),
        S.AWAITING_REPLY: unreplied & Q(reply_due__gte=today),
        S.RECTIFIED: open_ & has(Verification, passed=True),
        S.REPLIED: open_ & has(Reply),
        S.RECTIFICATION_OVERDUE: open_ & has(Reply, promised_by__lt=today),
        S.RECTIFYING: open_ & has(Rectification) & has(Reply),
    }.get(state, Q())


def annotate_state(queryset, today: datetime.date):
    """`state` worked out by the database from the records and the dates — the one definition every
    list, filter, count, panel, reminder and figure uses (`Recommendation.objects.with_state(today)`),
    so that a filter by state is a WHERE and a page of the ledger costs the same at 50 or 50,000.

    In order: a lawsuit; an objection that ended in withdrawal; 办结; an objection under review that
    came within the objection period, for OBJECTION_REVIEW_DAYS; no reply yet (overdue after the reply deadline; 已送达 while the
    objection period runs and nothing was objected; otherwise awaiting the reply); the latest
    verification passed; the latest reply adopted nothing; the unit reported it done and nothing was
    verified since (待核查, then 核查逾期: the procuratorate's); its promised date passed (整改逾期:
    the unit's — a failed verification comes back here or to 整改中); progress reported; replied."""
    from django.db.models import (
        Case,
        CharField,
        Exists,
        F,
        OuterRef,
        Q,
        Subquery,
        Value,
        When,
    )

    def records(model, **conditions):
        return model.objects.filter(recommendation=OuterRef("pk"), **conditions)

    latest_reply = records(Reply).order_by("-replied_on", "-pk")
    latest_verification = records(Verification).order_by("-visited_on", "-pk")
    latest_rectification = records(Rectification).order_by("-reported_on", "-pk")
    has_reply = Exists(records(Reply))

    def state(value):
        return Value(str(value))

    return queryset.annotate(
        latest_adoption=Subquery(latest_reply.values("adoption")[:1]),
        latest_promised_by=Subquery(latest_reply.values("promised_by")[:1]),
        latest_passed=Subquery(latest_verification.values("passed")[:1]),
        latest_visited_on=Subquery(latest_verification.values("visited_on")[:1]),
        latest_report_done=Subquery(latest_rectification.values("done")[:1]),
        latest_reported_on=Subquery(latest_rectification.values("reported_on")[:1]),
        objection_ends=AddDays("delivered_on", "objection_days"),
    ).annotate(
        state=Case(
            When(
                Exists(records(Escalation, kind=EscalationKind.LAWSUIT)), then=state(RecommendationState.SUED)
            ),
            When(
                Exists(records(Objection, outcome=ObjectionOutcome.WITHDRAWN)),
                then=state(RecommendationState.WITHDRAWN),
            ),
            When(closed_on__isnull=False, then=state(RecommendationState.CLOSED)),
            # an objection under review suspends the reply only when it came within the objection period
            When(
                Exists(
                    records(
                        Objection,
                        outcome="",
                        filed_on__lte=OuterRef("objection_ends"),
                        filed_on__gte=today - datetime.timedelta(days=OBJECTION_REVIEW_DAYS),
                    )
                ),
                then=state(RecommendationState.OBJECTION),
            ),
            When(
                ~has_reply,  # asked once for the three states of a recommendation not yet answered
                then=Case(
                    When(reply_due__lt=today, then=state(RecommendationState.REPLY_OVERDUE)),
                    When(
                        Q(objection_ends__gte=today) & ~Exists(records(Objection)),
                        then=state(RecommendationState.DELIVERED),
                    ),
                    default=state(RecommendationState.AWAITING_REPLY),
                ),
            ),
            When(latest_passed=True, then=state(RecommendationState.RECTIFIED)),
            When(latest_adoption=Adoption.NONE, then=state(RecommendationState.REPLIED)),
            # the unit's latest report says done and no verification has come since: the ball is
            # with the procuratorate — 待核查, then 核查逾期 after VERIFY_AFTER_DAYS
            When(
                Q(latest_report_done=True)
                & (Q(latest_visited_on__isnull=True) | Q(latest_visited_on__lt=F("latest_reported_on"))),
                then=Case(
                    When(
                        latest_reported_on__lt=today - datetime.timedelta(days=VERIFY_AFTER_DAYS),
                        then=state(RecommendationState.VERIFICATION_OVERDUE),
                    ),
                    default=state(RecommendationState.AWAITING_VERIFICATION),
                ),
            ),
            When(latest_promised_by__lt=today, then=state(RecommendationState.RECTIFICATION_OVERDUE)),
            When(Exists(records(Rectification)), then=state(RecommendationState.RECTIFYING)),
            default=state(RecommendationState.REPLIED),
            output_field=CharField(),
        )
    )


def recommendation_state(rec: Recommendation, today: datetime.date) -> str:
    """One recommendation's state on `today` (the contract other tools use): annotate_state's, read
    for this one record — the same definition as every list and count."""
    return Recommendation.objects.with_state(today).filter(pk=rec.pk).values_list("state", flat=True).first()


def first_reply(rec: Recommendation):
    return min(rec.replies.all(), key=lambda r: (r.replied_on, r.pk), default=None)
