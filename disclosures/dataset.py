"""Statistics datasets: reading an uploaded XLSX/CSV (the whole file validated first, every bad
row reported by number in Chinese, nothing saved unless all is valid) and writing CSV/XLSX/JSON
(text cells that a spreadsheet would run as a formula are neutralised)."""

import csv
import io
import json
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction

from home.spreadsheets import Column, add_sheet, neutralise, new_workbook, plain_number, workbook_bytes
from home.table_files import (
    HEADER_SEARCH_ROWS,
    MAX_BYTES,
    MAX_ROWS,
    Layout,
    Percent,
    find_header,
    missing_header_message,
    number_of,
    read_cells,
    split_footer,
    text_of,
)
from home.table_files import TableFileError as DatasetError

__all__ = ["HEADER_SEARCH_ROWS", "MAX_BYTES", "DatasetError", "import_rows", "parse"]
ALLOWED_UNITS = {
    "件",
    "人",
    "人次",
    "%",
    "‰",
    "个",
    "次",
    "元",
    "万元",
    "亿元",
    "名",
    "家",
    "起",
    "份",
    "项",
    "天",
    "条",
    "户",
}
# What a header cell may say, for each column: the words themselves, or a longer heading ending in
# one of them ("计量单位", "2026年1—9月数值" under a merged "2026年1—9月"). Chinese first, English accepted.
HEADER_WORDS = {
    "indicator": ("指标", "指标名称", "项目", "项目名称", "名称", "indicator"),
    "value": ("数值", "数量", "本期", "本期数", "本期数值", "value"),
    "unit": ("单位", "计量单位", "unit"),
    "note": ("备注", "说明", "note"),
}
LAYOUT = Layout(
    HEADER_WORDS,
    required=("indicator", "value", "unit"),
    names={"indicator": "指标", "value": "数值", "unit": "单位", "note": "备注"},
    hint="列名也可写作“指标名称”“计量单位”“本期数”等",
)


@dataclass
class ParsedRow:
    indicator: str
    value: Decimal
    unit: str
    note: str = ""


@dataclass
class ParseResult:
    rows: list[ParsedRow] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # the lines under the table (制表人, 注：…)

    @property
    def ok(self) -> bool:
        return not self.errors and bool(self.rows)


PROGRESS_EVERY = 500  # rows between two progress reports


def parse(name: str, data: bytes, progress=None) -> ParseResult:
    """Read and validate the whole file; never raises for bad content, reports it. `progress(done,
    total)` is told how far the row checks have got (the import on the task queue shows it)."""
    from openpyxl.utils import get_column_letter

    result = ParseResult()
    try:
        cells = read_cells(name, data)
    except DatasetError as exc:
        result.errors.append(str(exc))
        return result
    if not any(any(text_of(c) for c in row) for row in cells):
        result.errors.append("文件是空的。")
        return result
    # Clerks put a title (and a blank line) above the table, and a header may be two merged rows.
    found = find_header(cells, LAYOUT)
    if found is None:
        result.errors.append(missing_header_message(cells, LAYOUT))
        return result
    _, header_end, header = found
    data_rows, result.notes = split_footer(cells[header_end + 1 :])
    if len(data_rows) > MAX_ROWS:
        result.errors.append(f"数据超过 {MAX_ROWS} 行，请拆分后分别导入。")
        return result

    seen: dict[str, int] = {}
    letters = {key: get_column_letter(position + 1) for key, position in header.items()}
    for number, row in enumerate(data_rows, start=header_end + 2):
        if progress is not None and (number - header_end - 2) % PROGRESS_EVERY == 0:
            progress(number - header_end - 2, len(data_rows))

        def cell(key, row=row):
            position = header.get(key)
            return row[position] if position is not None and position < len(row) else None

        if not any(text_of(c) for c in row):
            continue
        indicator, unit, note = text_of(cell("indicator")), text_of(cell("unit")), text_of(cell("note"))
        raw = cell("value")
        value = number_of(raw)
        shown = text_of(raw)
        percent = isinstance(raw, Percent) or shown.endswith(("%", "％"))
        if not unit and value is not None:
            # a percentage with its unit column left empty: the cell's own format, or its "%" sign
            unit = "%" if percent else "‰" if shown.endswith("‰") else ""
        problems = []

        def problem(key, text, problems=problems):
            problems.append(f"{letters[key]}列{text}")

        if not indicator:
            problem("indicator", "缺少指标名称")
        elif len(indicator) > 100:
            problem("indicator", "指标名称超过100字")
        elif indicator in seen:
            problem("indicator", f"指标“{indicator}”与第{seen[indicator]}行重复")
        if value is None:
            problem("value", f"数值“{shown[:20]}”不是数字" if shown else "缺少数值")
        elif abs(value) >= Decimal("1e14"):
            problem("value", "数值过大")
        elif percent and unit and unit != "%":
            problem("value", f"数值“{shown[:20]}”是百分数，单位却是“{unit[:10]}”")
        if not unit:
            problem("unit", "缺少单位")
        elif unit not in ALLOWED_UNITS:
            problem("unit", f"单位“{unit[:10]}”不在可用单位中（{'、'.join(sorted(ALLOWED_UNITS))}）")
        if len(note) > 200:
            problem("note", "备注超过200字")
        if problems:
            result.errors.append(f"第{number}行：{'；'.join(problems)}。")
        else:
            seen[indicator] = number
            result.rows.append(ParsedRow(indicator, value, unit, note))
    if not result.rows and not result.errors:
        result.errors.append("文件只有表头，没有数据行。")
    if progress is not None:
        progress(len(data_rows), len(data_rows))
    return result


def import_rows(page, rows: list[ParsedRow], user=None, publish: bool = False):
    """Replace the release's rows with `rows` in a new revision (a draft unless publish)."""
    from .models import StatisticRow

    with transaction.atomic():
        page = page.get_latest_revision_as_object()
        page.rows = [
            StatisticRow(indicator=r.indicator, value=r.value, unit=r.unit, note=r.note, sort_order=i)
            for i, r in enumerate(rows)
        ]
        revision = page.save_revision(user=user, log_action=True)
        if publish:
            revision.publish(user=user)
    return revision


# ---- exports ----
def export_csv(rows) -> str:
    out = io.StringIO()
    out.write("\ufeff")  # Excel opens UTF-8 CSV correctly only with a BOM
    writer = csv.writer(out)
    writer.writerow(["指标", "数值", "单位", "备注"])
    for row in rows:
        writer.writerow(
            [neutralise(row.indicator), plain_number(row.value), neutralise(row.unit), neutralise(row.note)]
        )
    return out.getvalue()


DATASET_COLUMNS = (
    Column("指标", 36, wrap=True),
    Column("数值", 14),
    Column("单位", 10),
    Column("备注", 40, wrap=True),
)


def export_xlsx(rows, title: str) -> bytes:
    """The header stays on row 1 (no title row) so that the file imports back as it is."""
    workbook = new_workbook(title)
    add_sheet(
        workbook,
        "数据",
        DATASET_COLUMNS,
        ([row.indicator, plain_number(row.value), row.unit, row.note] for row in rows),
    )
    return workbook_bytes(workbook)


def export_json(page) -> dict:
    return {
        "title": page.title,
        "kind": page.get_kind_display(),
        "period": page.period_label,
        "publishing_unit": page.publishing_unit.name,
        "demo_data": page.is_demo_data,
        "rows": [
            {"indicator": r.indicator, "value": plain_number(r.value), "unit": r.unit, "note": r.note}
            for r in page.rows.all()
        ],
    }


def dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False)
