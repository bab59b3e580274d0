"""Statistics datasets: reading an uploaded XLSX/CSV (the whole file validated first, every bad
row reported by number in Chinese, nothing saved unless all is valid) and writing CSV/XLSX/JSON
(text cells that a spreadsheet would run as a formula are neutralised)."""

import csv
import io
import json
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
COLUMNS = {  # header text -> field; Chinese first, English accepted
    "指标": "indicator",
    "indicator": "indicator",
    "数值": "value",
    "value": "value",
    "单位": "unit",
    "unit": "unit",
    "备注": "note",
    "note": "note",
}
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


def _as_displayed(cell):
    """A number formatted as a percentage (98%) is stored as 0.98: read it as the clerk sees it."""
    value = getattr(cell, "value", None)
    if (
        isinstance(value, (int, float))
        and not isinstance(value, bool)
        and "%" in (getattr(cell, "number_format", "") or "")
    ):
        return Decimal(str(value)) * 100
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


def _header(row) -> dict[str, int]:
    header = {}
    for position, cell in enumerate(row):
        text = _text(cell)
        key = COLUMNS.get(text.lower() if text.isascii() else text.replace(" ", "").replace("\u3000", ""))
        if key and key not in header:
            header[key] = position
    return header


PROGRESS_EVERY = 500  # rows between two progress reports


def parse(name: str, data: bytes, progress=None) -> ParseResult:
    """Read and validate the whole file; never raises for bad content, reports it. `progress(done,
    total)` is told how far the row checks have got (the import on the task queue shows it)."""
    result = ParseResult()
    try:
        cells = read_cells(name, data)
    except DatasetError as exc:
        result.errors.append(str(exc))
        return result
    if not any(any(_text(c) for c in row) for row in cells):
        result.errors.append("文件是空的。")
        return result
    # Clerks put a title (and a blank line) above the table: the header is the first of the first
    # rows that names the columns.
    header_row = next((i for i, row in enumerate(cells[:HEADER_SEARCH_ROWS]) if len(_header(row)) >= 3), None)
    first = next(i for i, row in enumerate(cells) if any(_text(c) for c in row))
    header = _header(cells[header_row if header_row is not None else first])
    missing = [
        name
        for name, key in (("指标", "indicator"), ("数值", "value"), ("单位", "unit"))
        if key not in header
    ]
    if missing:
        found = "、".join(_text(c) for c in cells[first] if _text(c)) or "无"
        result.errors.append(
            f"前{HEADER_SEARCH_ROWS}行中没有找到表头，缺少列：{'、'.join(missing)}。表头应为：指标、数值、单位、备注"
            f"（备注可省略）；第{first + 1}行实际为：{found}。可以下载导入模板对照填写。"
        )
        return result
    if len(cells) - 1 - header_row > MAX_ROWS:
        result.errors.append(f"数据超过 {MAX_ROWS} 行，请拆分后分别导入。")
        return result

    seen: dict[str, int] = {}
    data_rows = cells[header_row + 1 :]
    for number, row in enumerate(data_rows, start=header_row + 2):
        if progress is not None and (number - header_row - 2) % PROGRESS_EVERY == 0:
            progress(number - header_row - 2, len(data_rows))

        def cell(key, row=row):
            position = header.get(key)
            return row[position] if position is not None and position < len(row) else None

        if not any(_text(c) for c in row):
            continue
        indicator, unit, note = _text(cell("indicator")), _text(cell("unit")), _text(cell("note"))
        value = _number(cell("value"))
        problems = []
        if not indicator:
            problems.append("缺少指标名称")
        elif len(indicator) > 100:
            problems.append("指标名称超过100字")
        elif indicator in seen:
            problems.append(f"指标“{indicator}”与第{seen[indicator]}行重复")
        if value is None:
            shown = _text(cell("value"))
            problems.append(f"数值“{shown[:20]}”不是数字" if shown else "缺少数值")
        elif abs(value) >= Decimal("1e14"):
            problems.append("数值过大")
        if not unit:
            problems.append("缺少单位")
        elif unit not in ALLOWED_UNITS:
            problems.append(f"单位“{unit[:10]}”不在可用单位中（{'、'.join(sorted(ALLOWED_UNITS))}）")
        if len(note) > 200:
            problems.append("备注超过200字")
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
