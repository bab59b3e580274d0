"""进展报送: a liaison reports on a resolution their own unit carries (lead or co-unit). The rule
is in the model's validation, so no path — admin view, shell, import — can file for another unit.
A resolution's current status is its latest report's (see Resolution.objects.with_progress())."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from ..storage import attachment_validators, private_storage
from .status import ResolutionStatus
from .units import MemberUnit


class ProgressReport(models.Model):
    resolution = models.ForeignKey(
        "internal.Resolution", verbose_name="议定事项", on_delete=models.CASCADE, related_name="reports"
    )
    unit = models.ForeignKey(
        MemberUnit, verbose_name="报送单位", on_delete=models.PROTECT, related_name="reports"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="报送人",
        on_delete=models.PROTECT,
        related_name="progress_reports",
    )
    text = models.TextField("进展情况", max_length=4000)
    attachment = models.FileField(
        "附件",
        storage=private_storage,
        upload_to="progress/%Y/%m/",
        blank=True,
        validators=attachment_validators,
        help_text="佐证材料，例如整改报告、会议纪要的扫描件，不超过 20 MB。",
    )
    new_status = models.CharField("办理状态", max_length=20, choices=ResolutionStatus.choices)
    created_at = models.DateTimeField("报送时间", auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "进展报送"
        verbose_name_plural = "进展报送"
        permissions = [("report_own_unit", "为本人担任联络员的单位报送议定事项进展")]

    def __str__(self):
        return f"{self.unit}：{self.resolution}"

    def save(self, *args, **kwargs):
        self.full_clean()
        return super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if not (self.author_id and self.unit_id and self.resolution_id):
            return
        if not self.unit.liaisons.filter(pk=self.author_id).exists():
            raise ValidationError({"unit": "您不是该单位的联络员，不能代其报送进展。"})
        carries = (
            self.resolution.lead_unit_id == self.unit_id
            or self.resolution.co_units.filter(pk=self.unit_id).exists()
        )
        if not carries:
            raise ValidationError({"resolution": "只能报送本单位牵头或配合的议定事项。"})

    @property
    def attachment_name(self) -> str:
        return self.attachment.name.rsplit("/", 1)[-1] if self.attachment else ""
