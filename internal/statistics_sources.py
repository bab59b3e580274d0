"""The year's 检察建议办理情况 as public figures: totals only (no unit, no recommendation), for the
disclosures app to publish as a statistics release through the normal review."""

from decimal import Decimal

from home.registries.statistics import StatisticsRow, StatisticsSource, statistics_sources

from .recommendations import FIGURE_LABELS, year_figures

COUNTS = (
    ("issued", "件"),
    ("replied", "件"),
    ("replied_on_time", "件"),
    ("adopted", "件"),
    ("rectified", "件"),
    ("objections", "件"),
    ("copied_to_government", "件"),
    ("urged", "次"),
    ("notified", "次"),
    ("interviewed", "次"),
)
RATES = (("on_time_rate", "%"), ("adoption_rate", "%"), ("rectified_rate", "%"), ("average_reply_days", "天"))
PUBLIC_LABELS = {"issued": "制发检察建议", "copied_to_government": "抄送县人民政府"}


def recommendation_rows(year: int) -> list[StatisticsRow]:
    figures = year_figures(year)
    rows = [
        StatisticsRow(PUBLIC_LABELS.get(key, FIGURE_LABELS[key]), Decimal(figures[key]), unit)
        for key, unit in COUNTS
    ]
    rows += [
        StatisticsRow(FIGURE_LABELS[key], Decimal(str(figures[key])), unit)
        for key, unit in RATES
        if figures[key] is not None
    ]
    return rows


statistics_sources.register(
    StatisticsSource(
        key="recommendations",
        title="检察建议办理情况",
        rows=recommendation_rows,
        intro="根据府检联动检察建议台账按签发年度汇总生成，只公布汇总数字。按期回复率＝按期回复数÷应回复数；"
        "采纳率＝采纳数÷已回复数；整改到位率＝整改到位数÷采纳数。",
        unit_name_contains="检察院",
    )
)
