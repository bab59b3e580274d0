from django.core.validators import RegexValidator
from django.db import models
from wagtail.admin.panels import FieldPanel


class UnitKind(models.TextChoices):
    """Who the unit is decides its rules and dates: the 条例 binds the government and its
    departments (年度报告 by 31 March for the government, 31 January for a department); the
    procuratorate publishes under 检务公开."""

    GOVERNMENT = "government", "人民政府（适用政府信息公开条例）"
    DEPARTMENT = "department", "政府部门（适用政府信息公开条例）"
    PROCURATORATE = "procuratorate", "检察机关（适用检务公开规定）"


class PublishingUnit(models.Model):
    """发布机构: the unit whose code starts a document's 索引号 (e.g. 116203210138000001/2026-00029)."""

    name = models.CharField("机构全称", max_length=120, unique=True)
    short_name = models.CharField("简称", max_length=40, blank=True)
    code = models.CharField(
        "机构代码",
        max_length=40,
        unique=True,
        validators=[RegexValidator(r"^[0-9A-Z]{6,30}$", "机构代码只能包含数字和大写字母（6–30位）。")],
        help_text="索引号的前缀，通常为统一社会信用代码或政府信息公开目录编码。",
    )

    kind = models.CharField(
        "机构类别", max_length=20, choices=UnitKind.choices, default=UnitKind.DEPARTMENT,
        help_text="决定适用的公开规则和年度报告的公布期限。",
    )  # fmt: skip
    is_local = models.BooleanField("本县机构", default=True, help_text="选择发布机构时排在前面。")

    panels = [
        FieldPanel("name"),
        FieldPanel("short_name"),
        FieldPanel("code"),
        FieldPanel("kind"),
        FieldPanel("is_local"),
    ]

    class Meta:
        ordering = ["-is_local", "name"]
        verbose_name = "发布机构"
        verbose_name_plural = "发布机构"

    def __str__(self):
        return self.name

    @property
    def follows_regulations(self) -> bool:
        """Bound by the 政府信息公开条例 (annual report, 依申请公开 clock)."""
        return self.kind != UnitKind.PROCURATORATE

    @property
    def annual_report_due(self) -> tuple[int, int]:
        """(month, day) by which last year's 年度报告 must be published (条例 第四十九条)."""
        return (3, 31) if self.kind == UnitKind.GOVERNMENT else (1, 31)
