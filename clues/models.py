"""府检线索互通. The register: each clue or transferred case (Clue) and the dated steps of its life
(ClueStep), whose order, clocks and recorders clues/lives.py sets and clues/deadlines.py works out.
The 以罚代刑 screen: the 行政处罚 decisions member units enter or import, the 立案追诉标准 thresholds
staff keep, and the procuratorate's finding on each decision the screen flags. Whether a decision
is flagged is worked out from the thresholds (clues/screening.py), never stored: a threshold
changed today re-screens every decision at once."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from home.models import UploadJob
from home.security.privacy import PersonalInfoGuardMixin
from home.security.storage import private_storage

from .lives import ClueKind, ClueSource
from .measures import UNITS

UNIT_CHOICES = [(unit, unit) for unit in UNITS]


class ProsecutionThreshold(models.Model):
    """One line of the 立案追诉标准: the 案由 it applies to (keywords, any of which in a decision's
    案由 counts), what is measured, the amount at and over which a case must go to the police."""

    name = models.CharField("罪名及情形", max_length=80, help_text="例如：生产、销售伪劣产品（销售金额）")
    keywords = models.CharField(
        "案由关键词",
        max_length=200,
        help_text="用顿号或逗号分隔；决定书的案由含其中任何一个即适用，例如：伪劣产品、以假充真、以次充好",
    )
    measure = models.CharField("计量内容", max_length=40, help_text="例如：销售金额、占用面积")
    threshold = models.DecimalField("追诉标准（含本数）", max_digits=14, decimal_places=4)
    unit = models.CharField("单位", max_length=10, choices=UNIT_CHOICES)
    legal_basis = models.CharField(
        "依据", max_length=200, help_text="例如：《立案追诉标准（一）》第十六条第（一）项"
    )
    is_active = models.BooleanField("启用", default=True)

    class Meta:
        verbose_name = "立案追诉标准"
        verbose_name_plural = "立案追诉标准"
        ordering = ["name", "pk"]

    def __str__(self):
        return f"{self.name}：{self.threshold.normalize():f}{self.unit}以上"

    def keyword_list(self) -> list[str]:
        import re

        return [word for word in re.split(r"[、，,；;\s]+", self.keywords) if word]

    def clean(self):
        if not self.keyword_list():
            raise ValidationError({"keywords": "请至少填写一个案由关键词。"})
        if self.threshold is not None and self.threshold <= 0:
            raise ValidationError({"threshold": "追诉标准应大于零。"})


class PenaltyDecision(PersonalInfoGuardMixin, models.Model):
    """A 行政处罚决定 that meets the 录入标准, entered by its unit (or imported from the unit's
    monthly spreadsheet). A natural person's name is masked on entry (张三 → 张某)."""

    unit = models.ForeignKey(
        "internal.MemberUnit",
        verbose_name="录入单位",
        on_delete=models.PROTECT,
        related_name="penalty_decisions",
    )
    number = models.CharField("决定书文号", max_length=80)
    cause = models.CharField("案由", max_length=200)
    party = models.CharField(
        "当事人", max_length=100, help_text="自然人姓名保存时自动隐去名字（张三 → 张某）。"
    )
    amount = models.DecimalField("涉案数额", max_digits=18, decimal_places=4, null=True, blank=True)
    amount_unit = models.CharField("计量单位", max_length=10, choices=UNIT_CHOICES, blank=True)
    penalty = models.CharField("处罚内容", max_length=300)
    decided_on = models.DateField("决定日期")
    created_at = models.DateTimeField("录入时间", auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="录入人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = "行政处罚决定"
        verbose_name_plural = "行政处罚决定"
        ordering = ["-decided_on", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "number"], name="penalty_number_unique_per_unit"),
        ]
        indexes = [
            models.Index(fields=["amount_unit", "amount"], name="penalty_by_amount"),  # the screen
            models.Index(fields=["-decided_on", "-id"], name="penalty_newest_first"),  # every list's order
            models.Index(
                fields=["unit", "-decided_on", "-id"], name="penalty_unit_newest_first"
            ),  # a liaison's
        ]
        permissions = [
            ("screen_penalties", "查看全部行政处罚决定并记录以罚代刑筛查意见（检察院）"),
            ("enter_penalties", "录入本单位的行政处罚决定（成员单位）"),
        ]

    def __str__(self):
        return f"{self.number}（{self.cause}）"

    def save(self, *args, **kwargs):
        from .parties import mask_party

        self.party = mask_party(self.party)  # an import or the shell as well as a form
        super().save(*args, **kwargs)

    def clean(self):
        from .parties import mask_party

        self.party = mask_party(self.party)
        super().clean()  # no ID, telephone or card number in any text
        if (self.amount is None) != (not self.amount_unit):
            raise ValidationError({"amount_unit": "涉案数额和计量单位须同时填写。"})
        if self.amount is not None and self.amount < 0:
            raise ValidationError({"amount": "涉案数额不能为负数。"})


class Finding(models.TextChoices):
    TRANSFER = "transfer", "建议移送"
    NO_TRANSFER = "no_transfer", "无需移送"


class PenaltyReview(models.Model):
    """The procuratorate's finding on a flagged decision: 建议移送, or 无需移送 with its reasons."""

    decision = models.OneToOneField(PenaltyDecision, on_delete=models.CASCADE, related_name="review")
    finding = models.CharField("筛查意见", max_length=20, choices=Finding.choices)
    reasons = models.TextField("理由", max_length=2000)
    reviewed_on = models.DateField("日期")
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="记录人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = "以罚代刑筛查意见"
        verbose_name_plural = "以罚代刑筛查意见"

    def __str__(self):
        return f"{self.decision.number}：{self.get_finding_display()}"

    def clean(self):
        if self.reviewed_on and self.decision_id and self.reviewed_on < self.decision.decided_on:
            raise ValidationError({"reviewed_on": "筛查意见的日期不能早于处罚决定日期。"})
        if not (self.reasons or "").strip():
            raise ValidationError({"reasons": "请写明理由。"})


class PenaltyImportStatus(models.TextChoices):
    QUEUED = "queued", "排队等待"
    RUNNING = "running", "正在导入"
    DONE = "done", "已完成"


class PenaltyImport(UploadJob):
    """导入表格 on the task queue: the uploaded file (kept privately until it is read), and what came
    of it — how many imported, skipped as already there, and each refused row."""

    unit = models.ForeignKey(
        "internal.MemberUnit", verbose_name="录入单位", on_delete=models.CASCADE, related_name="+"
    )
    file = models.FileField(
        "上传的文件", storage=private_storage, upload_to="penalty-imports/%Y/%m/", blank=True
    )
    status = models.CharField(
        "状态", max_length=10, choices=PenaltyImportStatus.choices, default=PenaltyImportStatus.QUEUED
    )
    imported = models.PositiveIntegerField("导入条数", default=0)
    skipped = models.PositiveIntegerField("已登记而跳过", default=0)
    errors = models.JSONField("有问题的行", default=list, blank=True)  # [{"row": n, "message": "…"}]
    notes = models.JSONField("表尾说明", default=list, blank=True)

    class Meta(UploadJob.Meta):
        verbose_name = "行政处罚决定导入"
        verbose_name_plural = "行政处罚决定导入"

    @property
    def finished(self) -> bool:
        return self.status == PenaltyImportStatus.DONE


# —— the clue and transfer register (issue 28, part 1) ————————————————————————————————————————


class ClueQuerySet(models.QuerySet):
    def overdue(self, now):
        """Past the deadline of what should follow (an option's window passing is nobody's fault),
        or past the month-end feedback to the clue's source."""
        from django.utils import timezone

        from .lives import window_codes

        return self.filter(
            models.Q(due_at__lte=now) & ~models.Q(stage__in=window_codes())
            | models.Q(feedback_due__lt=timezone.localdate(now))
        )

    def due_between(self, first, last):
        return self.filter(
            models.Q(due_on__gte=first, due_on__lte=last)
            | models.Q(feedback_due__gte=first, feedback_due__lte=last)
        )


class Clue(PersonalInfoGuardMixin, models.Model):
    """One case or clue passing between an agency and the procuratorate (or the police, or 纪检监察).
    Its life is its steps (ClueStep); `stage`, `due_on`/`due_at`, `paused`, `feedback_due`,
    `opened_on` and `closed_on` are worked out from them and the rules (clues/lives.py,
    clues/deadlines.py) whenever a step, a pause, the linked 检察建议 or the 工作日历 changes —
    stored only so that lists can filter and count on them."""

    number = models.CharField("登记编号", max_length=40, unique=True, editable=False)
    kind = models.CharField("类别", max_length=20, choices=ClueKind.choices)
    title = models.CharField(
        "案由或线索摘要",
        max_length=200,
        blank=True,
        help_text="例如：涉嫌销售伪劣产品（以次充好的复合肥）。职务违法线索不填，只登记编号和日期。",
    )
    summary = models.TextField("简要情况", max_length=4000, blank=True)
    unit = models.ForeignKey(
        "internal.MemberUnit",
        verbose_name="行政机关",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="clues",
        help_text="移送机关、收到检察意见的主管机关、被建议移送的机关，或移送公益诉讼线索的机关。",
    )
    police_unit = models.ForeignKey(
        "internal.MemberUnit",
        verbose_name="公安机关",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="clues_received",
        help_text="涉嫌犯罪案件移送的接收机关。",
    )
    source = models.CharField("线索来源", max_length=20, choices=ClueSource.choices, blank=True)
    reference = models.CharField(
        "文书编号", max_length=80, blank=True, help_text="移送书、检察意见书或移交函的文号。"
    )
    penalty_decision = models.ForeignKey(
        PenaltyDecision,
        verbose_name="行政处罚决定",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="clues",
    )
    opened_from = models.ForeignKey(
        "self",
        verbose_name="由此线索产生",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="opened",
    )
    recommendation = models.OneToOneField(
        "internal.Recommendation",
        verbose_name="检察建议",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="clue",
    )
    # —— derived from the steps (clues/deadlines.py) ——
    stage = models.CharField("当前环节", max_length=30, editable=False, blank=True, default="")
    opened_on = models.DateField("登记日期", null=True, editable=False)
    closed_on = models.DateField("办结日期", null=True, editable=False)
    due_on = models.DateField("下一环节期限", null=True, editable=False)
    due_at = models.DateTimeField("下一环节截止时刻", null=True, editable=False)
    paused = models.BooleanField("期限中止", default=False, editable=False)
    feedback_due = models.DateField("向线索来源反馈期限", null=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="登记人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    objects = ClueQuerySet.as_manager()

    class Meta:
        verbose_name = "线索和移送案件"
        verbose_name_plural = "府检线索互通登记"
        ordering = ["-opened_on", "-pk"]
        indexes = [
            models.Index(fields=["-opened_on", "-id"], name="clue_newest_first"),
            models.Index(fields=["unit", "-opened_on", "-id"], name="clue_unit_newest_first"),
            models.Index(fields=["police_unit", "-opened_on", "-id"], name="clue_police_newest_first"),
            models.Index(fields=["due_at"], name="clue_by_due"),
            models.Index(fields=["kind", "stage"], name="clue_by_stage"),
        ]
        permissions = [
            ("manage_clues", "登记和办理全部线索，含职务违法线索（检察院、联席会议办公室）"),
            ("read_clues", "查看全部线索和移送案件（县司法局行政执法监督），职务违法线索除外"),
            ("report_clues", "登记本单位移送的案件，记录本单位或本公安机关的办理环节（成员单位联络员）"),
        ]

    def __str__(self):
        return f"{self.number} {self.display_title}"

    def save(self, *args, **kwargs):
        if not self.number:
            self.number = next_number(self)
        self.full_clean(exclude=["recommendation"])  # every path: a form, the demo, the shell
        super().save(*args, **kwargs)

    @property
    def display_title(self) -> str:
        return "职务违法线索" if self.kind == ClueKind.DISCIPLINE else self.title

    def clean(self):
        super().clean()
        errors = {}
        if self.kind == ClueKind.DISCIPLINE:
            if self.title.strip() or self.summary.strip() or self.unit_id or self.police_unit_id:
                errors["title"] = "职务违法线索只登记编号和日期，不填写案由、情况和单位。"
        elif not self.title.strip():
            errors["title"] = "请填写案由或线索摘要。"
        if self.kind == ClueKind.TRANSFER and not (self.unit_id and self.police_unit_id):
            errors["police_unit"] = "涉嫌犯罪案件移送须选择移送机关和接收的公安机关。"
        if self.kind in (ClueKind.OPINION, ClueKind.URGE) and not self.unit_id:
            errors["unit"] = "请选择行政机关。"
        if self.kind == ClueKind.PUBLIC_INTEREST:
            if not self.source:
                errors["source"] = "请选择线索来源。"
            elif self.source == "agency" and not self.unit_id:
                errors["unit"] = "行政机关移送的线索，请选择移送机关。"
        if self.unit_id and self.police_unit_id and self.unit_id == self.police_unit_id:
            errors["police_unit"] = "移送机关和公安机关不能是同一个单位。"
        if errors:
            raise ValidationError(errors)


def next_number(clue) -> str:
    """府检线索〔2026〕0012号: the year's next number (a gap left by a deleted clue is not reused)."""
    import re

    from django.utils import timezone

    year = timezone.localdate().year
    prefix = f"府检线索〔{year}〕"
    last = (
        Clue.objects.filter(number__startswith=prefix)
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
    )
    n = int(re.search(r"〕(\d+)号", last).group(1)) + 1 if last else 1
    return f"{prefix}{n:04d}号"


class ClueStep(PersonalInfoGuardMixin, models.Model):
    """One dated step of a clue's life (lives.py says which may follow which and who records it), a
    pause of its review clock (code "pause", until `ends_on`), or a feedback to its source."""

    clue = models.ForeignKey(Clue, verbose_name="线索", on_delete=models.CASCADE, related_name="steps")
    code = models.CharField("环节", max_length=30)
    on = models.DateField("日期")
    at = models.TimeField("时间", null=True, blank=True, help_text="24小时内移送的规则按小时计算。")
    ends_on = models.DateField("中止结束日期", null=True, blank=True)
    notes = models.TextField("情况说明", max_length=4000, blank=True)
    document = models.CharField("文书编号", max_length=80, blank=True)
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
        verbose_name = "办理环节"
        verbose_name_plural = "办理环节"
        ordering = ["on", "pk"]  # recorded in order: a step without an hour is not "before" one with
        indexes = [
            models.Index(fields=["clue", "on", "id"], name="clue_step_in_order"),
            models.Index(fields=["code", "on"], name="clue_step_by_code"),  # the 案情通报's counts
        ]

    def __str__(self):
        return f"{self.clue.number}：{self.label}"

    def save(self, *args, **kwargs):
        self.full_clean()  # every path: a form, the demo, the shell
        super().save(*args, **kwargs)

    @property
    def label(self) -> str:
        from .lives import FEEDBACK_CODE, FEEDBACK_LABEL, PAUSE_CODE, PAUSE_LABEL, STEPS

        if self.code == PAUSE_CODE:
            return PAUSE_LABEL
        if self.code == FEEDBACK_CODE:
            return FEEDBACK_LABEL
        step = STEPS.get((self.clue.kind, self.code))
        return step.label if step else self.code

    def clean(self):
        from .lives import FEEDBACK_CODE, FEEDBACK_SOURCES, PAUSE_CODE, STEPS, first_step, life_steps
        from .permissions import may_record_step

        super().clean()
        if not self.clue_id:
            return
        clue = self.clue
        others = [s for s in clue.steps.all() if s.pk != self.pk]
        life = life_steps(others)
        errors = {}
        if self.code == PAUSE_CODE:
            if clue.kind != ClueKind.OPINION or not life or life[-1].code != "registered":
                errors["code"] = "只有审查中的检察意见案件可以中止审查或征求其他检察院意见。"
            elif self.on < life[-1].on:
                errors["on"] = f"中止日期不能早于受理登记日期（{life[-1].on:%Y-%m-%d}）。"
            if self.ends_on and self.ends_on < self.on:
                errors["ends_on"] = "中止结束日期不能早于开始日期。"
        elif self.code == FEEDBACK_CODE:
            if clue.kind != ClueKind.PUBLIC_INTEREST or clue.source not in FEEDBACK_SOURCES:
                errors["code"] = "只有行政机关或热线移送的公益诉讼线索需要向来源反馈。"
            elif not self.notes.strip():
                errors["notes"] = "请写明反馈的办理情况。"
        else:
            rule = STEPS.get((clue.kind, self.code))
            expected = life[-1] if life else None
            allowed = STEPS[(clue.kind, expected.code)].then if expected else (first_step(clue.kind).code,)
            if rule is None or (self.pk is None and self.code not in allowed):
                names = (
                    "、".join(STEPS[(clue.kind, c)].label for c in allowed) or "（已办结，不能再记录环节）"
                )
                errors["code"] = f"这一环节现在不能记录。可以记录的是：{names}。"
            else:
                if rule.needs_time and not self.at:
                    errors["at"] = f"“{rule.label}”须填写时间（按小时计算期限）。"
                if rule.needs_notes and not self.notes.strip():
                    errors["notes"] = f"请填写{rule.needs_notes}。"
                if expected and self.pk is None and self.on < expected.on:
                    errors["on"] = (
                        f"日期不能早于上一环节“{STEPS[(clue.kind, expected.code)].label}”（{expected.on:%Y-%m-%d}）。"
                    )
        if (
            self.pk is None
            and self.recorded_by_id
            and not errors
            and not may_record_step(self.recorded_by, clue, self.code)
        ):
            errors["code"] = "您不能为这条线索记录这一环节。"
        if errors:
            raise ValidationError(errors)
