"""民生诉求研判: the county's 12345 and 12309 工单, imported every month with personal data removed on
the way in (home.security.privacy.redact), sorted into the 公益诉讼 fields by the rules staff keep
(hotline/sorting.py), read for hot words and recurring problems (hotline/analysis.py), and turned
into 公益诉讼线索 of the clue register (clues/) with one action."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from home.models import UploadJob
from home.security.storage import private_storage


class Source(models.TextChoices):
    HOTLINE_12345 = "12345", "12345政务服务便民热线"
    HOTLINE_12309 = "12309", "12309检察服务热线"


class Field(models.TextChoices):
    """The 公益诉讼 fields (检察公益诉讼 法定领域 and those the county works in)."""

    ENVIRONMENT = "environment", "生态环境和资源保护"
    FOOD_DRUG = "food_drug", "食品药品安全"
    STATE_PROPERTY = "state_property", "国有财产保护"
    LAND_GRANT = "land_grant", "国有土地使用权出让"
    SAFETY = "safety", "安全生产"
    MINORS = "minors", "未成年人保护"
    PERSONAL_INFO = "personal_info", "个人信息保护"
    HEROES = "heroes", "英烈权益保护"
    HERITAGE = "heritage", "文物和文化遗产保护"
    ACCESSIBILITY = "accessibility", "无障碍环境"


class SortingRule(models.Model):
    """One field's words: a 工单 whose content holds any of them (and none of the exclusions) is
    sorted into the field. Rules are tried in order; the first that matches decides."""

    field = models.CharField("公益诉讼领域", max_length=20, choices=Field.choices)
    words = models.TextField(
        "关键词和短语", help_text="用顿号、逗号或换行分隔，例如：倾倒垃圾、排污、河道、偷排"
    )
    exclusions = models.TextField(
        "排除词", blank=True, help_text="含有其中任何一个就不归入本领域，例如：垃圾分类宣传"
    )
    order = models.PositiveSmallIntegerField("顺序", default=100)
    is_active = models.BooleanField("启用", default=True)

    class Meta:
        verbose_name = "分拣规则"
        verbose_name_plural = "分拣规则"
        ordering = ["order", "pk"]

    def __str__(self):
        return f"{self.get_field_display()}：{self.words[:30]}"

    @staticmethod
    def split(text: str) -> list[str]:
        import re

        return [word for word in re.split(r"[、，,；;\s]+", text or "") if word]

    def clean(self):
        if not self.split(self.words):
            raise ValidationError({"words": "请至少填写一个关键词。"})


class StopWord(models.Model):
    """A word 热词分析 leaves out (besides the built-in ones: 反映, 问题, 希望 …)."""

    word = models.CharField("停用词", max_length=20, unique=True)

    class Meta:
        verbose_name = "停用词"
        verbose_name_plural = "热词停用词"
        ordering = ["word"]

    def __str__(self):
        return self.word


class AnalysisSettings(models.Model):
    """类案 alerts: the same field this many times in one 乡镇 within so many days (one row)."""

    cluster_count = models.PositiveSmallIntegerField(
        "类案预警件数", default=5, validators=[MinValueValidator(2), MaxValueValidator(1000)]
    )
    cluster_days = models.PositiveSmallIntegerField(
        "类案预警天数", default=30, validators=[MinValueValidator(1), MaxValueValidator(366)]
    )

    class Meta:
        verbose_name = "研判设置"
        verbose_name_plural = "研判设置"

    def __str__(self):
        return f"{self.cluster_days}日内同一乡镇同一领域{self.cluster_count}件以上"

    @classmethod
    def current(cls) -> "AnalysisSettings":
        return cls.objects.order_by("pk").first() or cls()


class ColumnMapping(models.Model):
    """Which column of a source's export holds which field, confirmed once by staff and then used
    for every import of that source (mapping: field → the header text as the export writes it)."""

    source = models.CharField("来源", max_length=10, choices=Source.choices, unique=True)
    mapping = models.JSONField("列对应关系", default=dict)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="确认人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    confirmed_at = models.DateTimeField("确认时间", auto_now=True)

    class Meta:
        verbose_name = "导入列对应关系"
        verbose_name_plural = "导入列对应关系"

    def __str__(self):
        return self.get_source_display()


class Ticket(models.Model):
    """One 工单, as stored: every text already through redact(); no caller's name or number."""

    source = models.CharField("来源", max_length=10, choices=Source.choices)
    number = models.CharField("工单编号", max_length=60)
    received_on = models.DateField("受理日期")
    category = models.CharField("诉求类型", max_length=120, blank=True)
    content = models.TextField("诉求内容", max_length=4000)
    township = models.CharField("乡镇（街道）", max_length=40, blank=True)
    village = models.CharField("村（社区）", max_length=40, blank=True)
    handler = models.CharField("承办单位", max_length=80, blank=True)
    status = models.CharField("办理状态", max_length=40, blank=True)
    closed_on = models.DateField("办结日期", null=True, blank=True)
    satisfaction = models.CharField("满意度", max_length=20, blank=True)
    field = models.CharField("公益诉讼领域", max_length=20, choices=Field.choices, blank=True)
    rule = models.ForeignKey(
        SortingRule,
        verbose_name="命中规则",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    matched = models.CharField("命中词", max_length=40, blank=True)
    words = models.JSONField("分词", default=list, blank=True)  # for 热词: the content's words, once
    clue = models.ForeignKey(
        "clues.Clue",
        verbose_name="公益诉讼线索",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tickets",
    )
    imported_at = models.DateTimeField("导入时间", auto_now=True)

    class Meta:
        verbose_name = "工单"
        verbose_name_plural = "民生诉求工单"
        ordering = ["-received_on", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["source", "number"], name="ticket_number_unique_per_source")
        ]
        indexes = [
            models.Index(fields=["received_on", "field"], name="ticket_by_day_field"),
            models.Index(fields=["field", "township", "received_on"], name="ticket_cluster"),
            models.Index(fields=["-received_on", "-id"], name="ticket_newest_first"),
        ]
        permissions = [
            ("analyse_hotline", "查看全部工单和研判结果，把工单转为公益诉讼线索（检察院、联席会议办公室）"),
            ("exchange_hotline", "导入本中心的工单，查看月底反馈（政务服务中心联络员）"),
        ]

    def __str__(self):
        return f"{self.number}（{self.get_source_display()}）"


class MonthlyWord(models.Model):
    """How often a word occurs in a month's 工单, counted at import — so that 热词 over any period is a sum of a few hundred rows, at any number of 工单."""

    month = models.DateField("月份")  # the first of the month
    word = models.CharField("词", max_length=20)
    count = models.PositiveIntegerField("次数")

    class Meta:
        verbose_name = "月度词频"
        verbose_name_plural = "月度词频"
        constraints = [models.UniqueConstraint(fields=["month", "word"], name="monthly_word_once")]

    def __str__(self):
        return f"{self.month:%Y-%m} {self.word} {self.count}"


class MonthlyCount(models.Model):
    """How many 工单 a month has per field and 乡镇, counted at import (and after a re-sort) — so
    that 研判's counts over any period sum a few hundred rows, at any number of 工单."""

    month = models.DateField("月份")  # the first of the month
    field = models.CharField("公益诉讼领域", max_length=20, blank=True)
    township = models.CharField("乡镇（街道）", max_length=40, blank=True)
    count = models.PositiveIntegerField("件数")

    class Meta:
        verbose_name = "月度件数"
        verbose_name_plural = "月度件数"
        constraints = [
            models.UniqueConstraint(fields=["month", "field", "township"], name="monthly_count_once")
        ]

    def __str__(self):
        return f"{self.month:%Y-%m} {self.field or '未归类'} {self.township} {self.count}"


class ImportStatus(models.TextChoices):
    PREVIEW = "preview", "待确认"
    QUEUED = "queued", "排队等待"
    RUNNING = "running", "正在导入"
    DONE = "done", "已完成"
    FAILED = "failed", "无法读取"


class HotlineImport(UploadJob):
    """One upload: kept privately only until the queue has read it (then deleted), with what came of
    it — imported, updated, skipped, the values masked by kind, and each refused row by the sheet's
    own row number."""

    source = models.CharField("来源", max_length=10, choices=Source.choices)
    file = models.FileField(
        "上传的文件", storage=private_storage, upload_to="hotline-imports/%Y/%m/", blank=True
    )
    status = models.CharField(
        "状态", max_length=10, choices=ImportStatus.choices, default=ImportStatus.PREVIEW
    )
    total = models.PositiveIntegerField("总行数", default=0)
    done = models.PositiveIntegerField("已处理", default=0)
    imported = models.PositiveIntegerField("新增", default=0)
    updated = models.PositiveIntegerField("更新", default=0)
    skipped = models.PositiveIntegerField("跳过", default=0)
    masked = models.JSONField("隐去的个人信息", default=dict, blank=True)
    errors = models.JSONField("有问题的行", default=list, blank=True)

    class Meta(UploadJob.Meta):
        verbose_name = "工单导入"
        verbose_name_plural = "工单导入"
