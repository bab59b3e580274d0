from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

CN_DIGITS = "零一二三四五六七八九"


def cn_number(n: int) -> str:
    """Batch numbers in Chinese: 1 → 一, 12 → 十二, 20 → 二十, 105 → 一百零五, 279 → 二百七十九,
    1010 → 一千零一十; from 10,000 on (no county gets there) Arabic digits."""
    if n < 0 or n >= 10_000:
        return str(n)
    if n < 10:
        return CN_DIGITS[n]
    if n < 20:
        return "十" + (CN_DIGITS[n % 10] if n % 10 else "")
    out, zero = "", False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = n // value % 10
        if digit:
            if zero and out:
                out += "零"
            out += CN_DIGITS[digit] + unit
            zero = False
        elif out:
            zero = True
    return out


class Taxonomy(index.Indexed, models.Model):
    name = models.CharField("名称", max_length=40, unique=True)
    slug = models.SlugField(
        "网址标识", max_length=60, unique=True, help_text="英文小写和连字符，用于筛选网址。"
    )
    description = models.TextField("说明", blank=True)
    sort_order = models.PositiveSmallIntegerField("排序", default=100, help_text="数字小的排在前面。")

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description"), FieldPanel("sort_order")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        abstract = True
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class LegalArea(Taxonomy):
    """重点领域: 生态环境, 未成年人保护, 电信网络诈骗 …"""

    class Meta(Taxonomy.Meta):
        verbose_name = "重点领域"
        verbose_name_plural = "重点领域"


class Venue(Taxonomy):
    """普法阵地: 进机关 进企业 进乡村 进校园 进社区 进网格 进景区 进寺庙 …"""

    class Meta(Taxonomy.Meta):
        verbose_name = "普法阵地"
        verbose_name_plural = "普法阵地"


class CaseBatch(models.Model):
    """A release of typical cases (第X批), with its date and issuing units."""

    number = models.PositiveSmallIntegerField("批次", unique=True, help_text="第几批，填数字。")
    title = models.CharField("批次标题", max_length=120, blank=True, help_text="例如：未成年人保护专题")
    release_date = models.DateField("发布日期")
    issuing_units = models.CharField("发布单位", max_length=200)
    description = models.TextField("发布说明", blank=True)

    panels = [
        FieldPanel("number"),
        FieldPanel("title"),
        FieldPanel("release_date"),
        FieldPanel("issuing_units"),
        FieldPanel("description"),
    ]

    class Meta:
        ordering = ["-number"]
        verbose_name = "案例批次"
        verbose_name_plural = "案例批次"

    def __str__(self):
        return f"{self.label}{f'（{self.title}）' if self.title else ''}"

    @property
    def label(self) -> str:
        return f"第{cn_number(self.number)}批"

    @property
    def local_label(self) -> str:
        """第四批 in Chinese, "Release 4" in English, ཐེངས་4 in Tibetan (page titles, headings)."""
        from django.utils.translation import get_language, gettext

        if (get_language() or "zh").startswith("zh"):
            return str(self)
        return gettext("第%(number)s批") % {"number": self.number}
