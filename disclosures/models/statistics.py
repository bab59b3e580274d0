"""数据发布: a statistics release — its period, its rows, 同比 with a year earlier, and charts.
Its downloads (data.csv, data.xlsx, data.json under the page's URL) are disclosures.views."""

import re
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, HelpPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page

from home.models import BasePage
from home.search.backend import ChineseSearchField

from .units import PublishingUnit

CN_QUARTERS = "一二三四"
BAR_CHART_LIMIT = 20  # a bar chart of hundreds of rows helps nobody; the table has them all
TOTAL_ROW = re.compile(r"^(合计|小计|总计|共计)")


class ReleaseKind(models.TextChoices):
    PROCURATORATE = "procuratorate", _("检察机关主要办案数据")
    COURT_APPEARANCE = "court_appearance", _("行政机关负责人出庭应诉情况")
    RECONSIDERATION = "reconsideration", _("行政复议和行政诉讼")
    CUSTOM = "custom", _("其他数据")


class PeriodType(models.TextChoices):
    YEAR = "year", "年度"
    HALF = "half", "半年"
    QUARTER = "quarter", "季度"
    MONTH = "month", "月度"


PERIOD_LIMITS = {PeriodType.HALF: 2, PeriodType.QUARTER: 4, PeriodType.MONTH: 12}
MONTHS_PER = {PeriodType.HALF: 6, PeriodType.QUARTER: 3, PeriodType.MONTH: 1}


class StatisticsReleasePage(BasePage):
    kind = models.CharField("数据类别", max_length=30, choices=ReleaseKind.choices)
    year = models.PositiveSmallIntegerField("年份")
    period_type = models.CharField(
        "统计周期", max_length=10, choices=PeriodType.choices, default=PeriodType.YEAR
    )
    period_number = models.PositiveSmallIntegerField(
        "第几期", null=True, blank=True, help_text="半年填1或2，季度填1–4，月度填1–12；年度留空。"
    )
    cumulative = models.BooleanField("累计数据", default=False, help_text="勾选表示自年初累计（如1—6月）。")
    publishing_unit = models.ForeignKey(
        PublishingUnit, verbose_name="发布机构", on_delete=models.PROTECT, related_name="statistics_releases"
    )
    intro = RichTextField("数据说明", blank=True, features=["bold", "link", "ol", "ul"])
    is_demo_data = models.BooleanField("演示数据", default=False, help_text="勾选后页面醒目标注“演示数据”。")

    parent_page_types = ["disclosures.DisclosureIndexPage"]
    subpage_types: list[str] = []
    template = "disclosures/statistics_release_page.html"

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("kind"),
                FieldPanel("publishing_unit"),
                FieldPanel("year"),
                FieldPanel("period_type"),
                FieldPanel("period_number"),
                FieldPanel("cumulative"),
                FieldPanel("is_demo_data"),
            ],
            heading="数据类别与统计周期",
        ),
        FieldPanel("summary"),
        FieldPanel("intro"),
        HelpPanel(
            content="<p>可以逐行填写下面的数据，也可以在页面列表中点击本页的“导入数据”上传 XLSX 或 CSV 文件"
            "（列：指标、数值、单位、备注）。</p>",
            heading="导入表格",
        ),
        InlinePanel("rows", label="数据"),
    ]
    promote_panels = Page.promote_panels
    search_fields = [*BasePage.search_fields, ChineseSearchField("intro")]

    class Meta:
        verbose_name = "数据发布"
        verbose_name_plural = "数据发布"

    def clean(self):
        super().clean()
        limit = PERIOD_LIMITS.get(self.period_type)
        if limit is None:
            if self.period_number:
                raise ValidationError({"period_number": "年度数据不填“第几期”。"})
            self.cumulative = False
        elif not self.period_number or not 1 <= self.period_number <= limit:
            raise ValidationError(
                {"period_number": f"{self.get_period_type_display()}数据请填写1到{limit}。"}
            )

    @property
    def period_label(self) -> str:
        if self.period_type == PeriodType.YEAR or not self.period_number:
            return f"{self.year}年"
        last_month = self.period_number * MONTHS_PER[self.period_type]
        if self.cumulative:
            return f"{self.year}年1—{last_month}月" if last_month > 1 else f"{self.year}年1月"
        if self.period_type == PeriodType.HALF:
            return f"{self.year}年{'上' if self.period_number == 1 else '下'}半年"
        if self.period_type == PeriodType.QUARTER:
            return f"{self.year}年第{CN_QUARTERS[self.period_number - 1]}季度"
        return f"{self.year}年{self.period_number}月"

    def sort_key(self) -> tuple:
        months = (self.period_number or 1) * MONTHS_PER.get(self.period_type, 12)
        return (self.year, months)

    def same_series(self):
        """Live releases of the same kind and period pattern, for 同比 and the line chart."""
        return (
            StatisticsReleasePage.objects.live()
            .public()
            .filter(kind=self.kind, period_type=self.period_type, cumulative=self.cumulative)
        )

    def previous_year_release(self):
        return (
            self.same_series()
            .filter(year=self.year - 1, period_number=self.period_number)
            .prefetch_related("rows")
            .first()
        )

    def table_rows(self, rows=None) -> list[dict]:
        """Rows with 同比 against the release a year earlier (when it exists and has the indicator)."""
        previous = self.previous_year_release()
        before = {row.indicator: row for row in previous.rows.all()} if previous else {}
        table = []
        for row in self.rows.all() if rows is None else rows:
            earlier = before.get(row.indicator)
            change = None
            if earlier is not None and earlier.unit == row.unit and earlier.value:
                if row.unit == "%":
                    change = {"points": row.value - earlier.value}
                else:
                    change = {"percent": (row.value - earlier.value) / earlier.value * 100}
            table.append({"row": row, "earlier": earlier, "change": change})
        return table

    def series_for(self, indicator: str) -> list[tuple[str, Decimal]]:
        """(period label, value) of one indicator across the series, oldest first. Cumulative figures
        (1—3月, 1—6月 …) are compared with the same span of other years only: joining 1—12月 to the
        next 1—3月 would draw a collapse that never happened."""
        releases = self.same_series()
        if self.cumulative:
            releases = releases.filter(period_number=self.period_number)
        releases = sorted(releases, key=lambda r: r.sort_key())
        values = dict(  # this indicator's rows only: a release may have thousands
            StatisticRow.objects.filter(page__in=[r.pk for r in releases], indicator=indicator).values_list(
                "page_id", "value"
            )
        )
        return [(release.period_label, values[release.pk]) for release in releases if release.pk in values]

    def get_context(self, request, *args, **kwargs):
        from home.charts import line_chart

        context = super().get_context(request, *args, **kwargs)
        rows = list(self.rows.all())
        context["table"] = self.table_rows(rows)
        if rows:
            context["bar_charts"] = self.bar_charts(rows)
            indicators = [r.indicator for r in rows]
            chosen = request.GET.get("indicator", indicators[0])
            if chosen not in indicators:
                context["indicator_message"] = (
                    f"本期数据中没有“{chosen[:30]}”这一指标，已显示“{indicators[0]}”。"
                )
                chosen = indicators[0]
            chosen_row = next(r for r in rows if r.indicator == chosen)
            context["indicators"] = indicators
            context["chosen_indicator"] = chosen
            span = "历年同期" if self.cumulative else "历次发布"
            context["trend_span"] = span
            context["line_chart"] = line_chart(
                self.series_for(chosen), chosen_row.unit, f"{chosen}（{span}）"
            )
        return context

    def bar_charts(self, rows) -> list[dict]:
        """A bar chart for each unit that two or more indicators share (人, 件, % …), never two
        units on one axis; an indicator alone in its unit is in the table only."""
        from home.charts import bar_chart

        by_unit: dict[str, list] = {}
        for row in (row for row in rows if not row.is_total):
            by_unit.setdefault(row.unit, []).append(row)
        charts = []
        for unit, group in by_unit.items():
            if len(group) < 2:
                continue
            charts.append(
                bar_chart(
                    [(r.indicator, r.value) for r in group[:BAR_CHART_LIMIT]],
                    unit,
                    f"{self.period_label}{self.kind_label}（单位：{unit}）",
                    ident=f"bar-{len(charts) + 1}",
                )
            )
        return charts

    @property
    def kind_label(self) -> str:
        return self.get_kind_display()

    def dataset_filename(self, extension: str) -> str:
        return f"{self.slug}.{extension}"


class StatisticRow(Orderable):
    page = ParentalKey(StatisticsReleasePage, on_delete=models.CASCADE, related_name="rows")
    indicator = models.CharField("指标", max_length=100)
    value = models.DecimalField("数值", max_digits=18, decimal_places=4)
    unit = models.CharField("单位", max_length=10)
    note = models.CharField("备注", max_length=200, blank=True)

    panels = [FieldPanel("indicator"), FieldPanel("value"), FieldPanel("unit"), FieldPanel("note")]

    class Meta(Orderable.Meta):
        verbose_name = "数据行"

    def __str__(self):
        return f"{self.indicator}：{self.value}{self.unit}"

    @property
    def is_total(self) -> bool:
        """合计, 小计 and the like: kept in the table, kept out of a bar chart (one more bar, as tall as
        the others put together, would dwarf them)."""
        return bool(TOTAL_ROW.match(re.sub(r"[\s\u3000]", "", self.indicator)))

    @property
    def display_value(self) -> str:
        value = self.value.normalize()
        text = f"{value:f}"
        return text
