"""The year's 行政执法与刑事司法衔接 figures as public figures: county totals only (no unit, no
clue, no number), for the disclosures app to publish as a statistics release through the normal
review — the same counts as the 案情通报 (clues/report.py)."""

from decimal import Decimal

from home.registries.statistics import StatisticsRow, StatisticsSource, statistics_sources

from .report import KEYS, LABELS, figures

PUBLIC = tuple(key for key in KEYS if key != "transfers_on_time")  # published as a rate below
PUBLIC_LABELS = {
    "transfers": "行政执法机关移送涉嫌犯罪案件",
    "supervised": "检察机关立案监督",
    "opinions": "检察机关提出检察意见（反向衔接）",
    "opinions_replied_on_time": "其中主管机关两个月内书面回复",
    "penalty_decisions": "纳入以罚代刑筛查的行政处罚决定",
    "flagged": "其中涉案数额达到立案追诉标准",
    "flagged_transferred": "其中检察机关建议移送",
}


def clue_rows(year: int) -> list[StatisticsRow]:
    result = figures(year)
    rows = [StatisticsRow(PUBLIC_LABELS.get(key, LABELS[key]), Decimal(result[key]), "件") for key in PUBLIC]
    if result["transfers"]:
        on_time = Decimal(result["transfers_on_time"] * 100) / result["transfers"]
        rows.append(StatisticsRow("移送案件按期移送率", on_time.quantize(Decimal("0.1")), "%"))
    return rows


statistics_sources.register(
    StatisticsSource(
        key="clues",
        title="行政执法与刑事司法衔接工作情况",
        rows=clue_rows,
        intro="根据府检线索互通登记簿按年度汇总生成，只公布全县汇总数字，不公布单位、案件和当事人。"
        "按期移送率＝3日内批准且批准后24小时内移送的案件数÷移送案件数。",
        unit_name_contains="检察院",
    )
)
