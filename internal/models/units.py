from django.conf import settings
from django.db import models
from wagtail.admin.panels import FieldPanel


class UnitKind(models.TextChoices):
    LEAD = "lead", "牵头单位"
    MEMBER = "member", "成员单位"


class MemberUnit(models.Model):
    """联席会议成员单位 (and the two 牵头单位), with the liaisons who report for it."""

    name = models.CharField("单位名称", max_length=80, unique=True)
    short_name = models.CharField("简称", max_length=30, blank=True)
    kind = models.CharField("类别", max_length=10, choices=UnitKind.choices, default=UnitKind.MEMBER)
    representative = models.CharField(
        "联席会议成员", max_length=80, blank=True, help_text="姓名和职务，例如：王某某 副局长"
    )
    liaisons = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name="联络员账号", blank=True, related_name="member_units"
    )
    is_active = models.BooleanField(
        "在册", default=True, help_text="调整出联席会议的单位取消勾选，历史记录保留。"
    )
    sort_order = models.PositiveSmallIntegerField("排序", default=100)

    panels = [
        FieldPanel("name"),
        FieldPanel("short_name"),
        FieldPanel("kind"),
        FieldPanel("representative"),
        FieldPanel("liaisons"),
        FieldPanel("is_active"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = "成员单位"
        verbose_name_plural = "成员单位"

    def __str__(self):
        # The full name everywhere (lists, reports, mails, choosers): one unit, one name.
        return self.name
