"""府检线索互通 — the 以罚代刑 screen (issue 28, part 2): the 行政处罚 decisions member units enter or
import, the 立案追诉标准 thresholds staff keep, and the procuratorate's finding on each decision the
screen flags. Whether a decision is flagged is worked out from the thresholds (clues/screening.py),
never stored: a threshold changed today re-screens every decision at once."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from home.security.privacy import PersonalInfoGuardMixin
from home.security.storage import private_storage

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


class PenaltyImport(models.Model):
    """导入表格 on the task queue: the uploaded file (kept privately until it is read), and what came
    of it — how many imported, skipped as already there, and each refused row."""

    unit = models.ForeignKey(
        "internal.MemberUnit", verbose_name="录入单位", on_delete=models.CASCADE, related_name="+"
    )
    file = models.FileField(
        "上传的文件", storage=private_storage, upload_to="penalty-imports/%Y/%m/", blank=True
    )
    filename = models.CharField("文件名", max_length=255)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="上传人",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("上传时间", auto_now_add=True)
    finished_at = models.DateTimeField("完成时间", null=True, blank=True)
    status = models.CharField(
        "状态", max_length=10, choices=PenaltyImportStatus.choices, default=PenaltyImportStatus.QUEUED
    )
    imported = models.PositiveIntegerField("导入条数", default=0)
    skipped = models.PositiveIntegerField("已登记而跳过", default=0)
    errors = models.JSONField("有问题的行", default=list, blank=True)  # [{"row": n, "message": "…"}]
    notes = models.JSONField("表尾说明", default=list, blank=True)

    class Meta:
        verbose_name = "行政处罚决定导入"
        verbose_name_plural = "行政处罚决定导入"
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.filename}（{self.get_status_display()}）"

    @property
    def finished(self) -> bool:
        return self.status == PenaltyImportStatus.DONE
