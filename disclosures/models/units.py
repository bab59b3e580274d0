from django.core.validators import RegexValidator
from django.db import models
from wagtail.admin.panels import FieldPanel


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

    panels = [FieldPanel("name"), FieldPanel("short_name"), FieldPanel("code")]

    class Meta:
        ordering = ["name"]
        verbose_name = "发布机构"
        verbose_name_plural = "发布机构"

    def __str__(self):
        return self.name
