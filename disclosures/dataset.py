"""Statistics datasets: reading an uploaded XLSX/CSV (the whole file validated first, every bad
row reported by number in Chinese, nothing saved unless all is valid) and writing CSV/XLSX/JSON
(text cells that a spreadsheet would run as a formula are neutralised)."""

import csv
import io
import json
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db import transaction

from home.spreadsheets import (
    Column,
    add_sheet,
    neutralise,
    new_workbook,
    unneutralise,
    workbook_bytes,
)

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 20_000
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
COLUMN_NAMES = {"indicator": "指标", "value": "数值", "unit": "单位", "note": "备注"}
REQUIRED = ("indicator", "value", "unit")


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


class DatasetError(Exception):
    """A file that cannot be read at all (its message is shown to the officer)."""


MAX_COLUMNS = 20  # a dataset has 3 or 4; more is read as nothing (a sheet may claim 16,384)
MAX_UNZIPPED_BYTES = 60 * 1024 * 1024
MAX_ZIP_RATIO = 200  # XML compresses ~10–30×; a "bomb" compresses thousands of times
MAX_ZIP_ENTRIES = 2_000


def check_zip_bomb(data: bytes) -> None:
    """Before openpyxl opens an XLSX (a ZIP of XML): what it would unpack must be bounded, in total
    and in ratio, or a few hundred KB can take a worker's memory (openpyxl parses the XML with
    defusedxml, so entity expansion is already refused)."""
    import zipfile

    try:
        entries = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, ValueError) as exc:
        raise DatasetError("文件不是有效的 XLSX 表格（可能已损坏，或是改了扩展名的其他文件）。") from exc
    unpacked = sum(entry.file_size for entry in entries)
    if (
        len(entries) > MAX_ZIP_ENTRIES
        or unpacked > MAX_UNZIPPED_BYTES
        or unpacked > len(data) * MAX_ZIP_RATIO
    ):
        raise DatasetError(
            f"表格解压后过大（约 {unpacked / 1024 / 1024:.0f} MB），不像是一份数据表，已拒绝。"
            "请只保留数据所在的工作表和区域后另存再上传。"
        )


def _cells_from_xlsx(data: bytes) -> list[list]:
    from openpyxl import load_workbook

    check_zip_bomb(data)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:
        raise DatasetError("文件不是有效的 XLSX 表格（可能已损坏，或是改了扩展名的其他文件）。") from exc
    sheet = workbook.worksheets[0]
    rows = []
    for row in sheet.iter_rows(max_col=MAX_COLUMNS):
        rows.append([_as_displayed(cell) for cell in row])
        if len(rows) > MAX_ROWS + HEADER_SEARCH_ROWS:
            break
    workbook.close()
    return rows


class Percent(Decimal):
    """A cell formatted as a percentage: its unit is % even when the unit column is left empty."""


def _as_displayed(cell):
    """A number formatted as a percentage (98%) is stored as 0.98: read it as the clerk sees it."""
    value = getattr(cell, "value", None)
    if (
        isinstance(value, (int, float))
        and not isinstance(value, bool)
        and "%" in (getattr(cell, "number_format", "") or "")
    ):
        return Percent(Decimal(str(value)) * 100)
    return value


def _cells_from_csv(data: bytes) -> list[list]:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise DatasetError("文件不是文本格式的 CSV 表格，也不是 XLSX 表格。")
    if "\x00" in text:
        raise DatasetError("文件不是表格文件（CSV 或 XLSX）。")
    return [row for row in csv.reader(io.StringIO(text))]


def read_cells(name: str, data: bytes) -> list[list]:
    if len(data) > MAX_BYTES:
        raise DatasetError(
            f"文件过大（{len(data) / 1024 / 1024:.1f} MB），请控制在 {MAX_BYTES // 1024 // 1024} MB 以内。"
        )
    if not data.strip():
        raise DatasetError("文件是空的。")
    lower = name.lower()
    if data[:4] == b"PK\x03\x04" or lower.endswith((".xlsx", ".xlsm")):
        return _cells_from_xlsx(data)
    if lower.endswith((".csv", ".txt")) or not lower.rpartition(".")[1]:
        return _cells_from_csv(data)
    raise DatasetError("只能导入 XLSX 或 CSV 表格文件。")


def _text(cell) -> str:
    if cell is None:
        return ""
    # our own exports neutralise formula-like text with a leading apostrophe: undo it
    return unneutralise(str(cell).strip())


def _number(cell) -> Decimal | None:
    if isinstance(cell, bool):
        return None
    if isinstance(cell, (int, float, Decimal)):
        return Decimal(str(cell)).normalize() if isinstance(cell, Decimal) else Decimal(str(cell))
    text = (
        _text(cell).replace(",", "").replace("，", "").replace(" ", "").removesuffix("%").removesuffix("％")
    )
    try:
        value = Decimal(text)
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


HEADER_SEARCH_ROWS = 10


def _header_key(text: str) -> str | None:
    text = re.sub(r"[\s\u3000：:（）()]", "", text)
    text = text.lower() if text.isascii() else text
    if not text or len(text) > 30:
        return None
    for key, words in HEADER_WORDS.items():
        if text in words:
            return key
    for key, words in HEADER_WORDS.items():
        if any(len(word) > 1 and not word.isascii() and text.endswith(word) for word in words):
            return key
    return None


def _header(row) -> dict[str, int]:
    header = {}
    for position, cell in enumerate(row):
        key = _header_key(_text(cell))
        if key and key not in header:
            header[key] = position
    return header


def _two_level(upper, lower) -> list[str]:
    """A header of two rows (merged cells above, e.g. "本期" over "数值" and "单位"), read as one: the
    two texts of each column joined. A merged cell's text is in its first column only, so a column
    under it reads as its own lower text, which is what names it."""
    width = max(len(upper), len(lower))
    pad = [None] * width
    return [_text(a) + _text(b) for a, b in zip([*upper, *pad][:width], [*lower, *pad][:width], strict=True)]


def find_header(cells) -> tuple[int, int, dict[str, int]] | None:
    """(first and last row of the header, column of each field), from the first rows: one row that
    names 指标, 数值 and 单位, or two rows that do together."""
    for i, row in enumerate(cells[:HEADER_SEARCH_ROWS]):
        header = _header(row)
        below = cells[i + 1] if i + 1 < len(cells) else []
        joined = _header(_two_level(row, below)) if below else {}
        # the row under it names columns too and holds no number: it is the header's second level
        second_level = bool(_header(below)) and all(_number(c) is None for c in below)
        if all(key in joined for key in REQUIRED) and (
            second_level or not all(k in header for k in REQUIRED)
        ):
            return i, i + 1, joined
        if all(key in header for key in REQUIRED):
            return i, i, header
    return None


def _missing_header_message(cells) -> str:
    """Which column is missing, and the row that came closest to a header, quoted."""
    candidates = []
    for i, row in enumerate(cells[:HEADER_SEARCH_ROWS]):
        candidates.append((len(_header(row)), -i, i, i))
        if i + 1 < len(cells):
            candidates.append((len(_header(_two_level(row, cells[i + 1]))), -i, i, i + 1))
    found, _, first, last = max(candidates)
    header = _header(_two_level(cells[first], cells[last])) if last > first else _header(cells[first])
    missing = "、".join(f"“{COLUMN_NAMES[key]}”" for key in REQUIRED if key not in header)
    rows = f"第{first + 1}行" if first == last else f"第{first + 1}—{last + 1}行"
    texts = _two_level(cells[first], cells[last]) if last > first else [_text(c) for c in cells[first]]
    shown = "、".join(t for t in texts if t)[:120] or "（空）"
    if not found:
        first = next(i for i, row in enumerate(cells) if any(_text(c) for c in row))
        shown = "、".join(_text(c) for c in cells[first] if _text(c))[:120]
        return (
            f"前{HEADER_SEARCH_ROWS}行中没有找到表头。表头可以是一行，也可以是合并单元格的两行，须有“指标”“数值”“单位”三列"
            f"（“备注”可省略）；第{first + 1}行实际为：{shown}。可以下载导入模板对照填写。"
        )
    return (
        f"表头缺少{missing}列：最像表头的是{rows}（{shown}）。表头可以是一行，也可以是合并单元格的两行，"
        "须有“指标”“数值”“单位”三列（“备注”可省略）；列名也可写作“指标名称”“计量单位”“本期数”等。"
    )


# Lines under a statistics office's table: who made and checked it, when, and notes. They end the
# data; what follows them is kept as notes, never read as indicators.
FOOTER = re.compile(
    r"^(制表人|填表人|填报人|审核人|审批人|单位负责人|统计负责人|填报日期|填表日期|报出日期)"
    r"|^(制表|审核|负责人|联系人|联系电话|注|说明|备注|数据来源|资料来源)\s*[:：]"
)


def _is_footer(row) -> bool:
    first = next((_text(c) for c in row if _text(c)), "")
    return bool(FOOTER.match(re.sub(r"[\s\u3000]", "", first)))


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
    if not any(any(_text(c) for c in row) for row in cells):
        result.errors.append("文件是空的。")
        return result
    # Clerks put a title (and a blank line) above the table, and a header may be two merged rows.
    found = find_header(cells)
    if found is None:
        result.errors.append(_missing_header_message(cells))
        return result
    _, header_end, header = found
    if len(cells) - 1 - header_end > MAX_ROWS:
        result.errors.append(f"数据超过 {MAX_ROWS} 行，请拆分后分别导入。")
        return result

    seen: dict[str, int] = {}
    data_rows = cells[header_end + 1 :]
    footer_at = next((i for i, row in enumerate(data_rows) if _is_footer(row)), len(data_rows))
    result.notes = [
        "　".join(_text(c) for c in row if _text(c))
        for row in data_rows[footer_at:]
        if any(_text(c) for c in row)
    ]
    data_rows = data_rows[:footer_at]
    letters = {key: get_column_letter(position + 1) for key, position in header.items()}
    for number, row in enumerate(data_rows, start=header_end + 2):
        if progress is not None and (number - header_end - 2) % PROGRESS_EVERY == 0:
            progress(number - header_end - 2, len(data_rows))

        def cell(key, row=row):
            position = header.get(key)
            return row[position] if position is not None and position < len(row) else None

        if not any(_text(c) for c in row):
            continue
        indicator, unit, note = _text(cell("indicator")), _text(cell("unit")), _text(cell("note"))
        raw = cell("value")
        value = _number(raw)
        shown = _text(raw)
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
def _number_out(value: Decimal):
    value = value.normalize()
    return int(value) if value == value.to_integral_value() else float(value)


def export_csv(rows) -> str:
    out = io.StringIO()
    out.write("\ufeff")  # Excel opens UTF-8 CSV correctly only with a BOM
    writer = csv.writer(out)
    writer.writerow(["指标", "数值", "单位", "备注"])
    for row in rows:
        writer.writerow(
            [neutralise(row.indicator), _number_out(row.value), neutralise(row.unit), neutralise(row.note)]
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
        ([row.indicator, _number_out(row.value), row.unit, row.note] for row in rows),
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
            {"indicator": r.indicator, "value": _number_out(r.value), "unit": r.unit, "note": r.note}
            for r in page.rows.all()
        ],
    }


def dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False)
