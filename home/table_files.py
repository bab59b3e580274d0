"""Reading the tables people upload (XLSX or CSV, as offices really make them): the whole file
read safely (size, ZIP bombs, GBK/GB18030 CSV, percentage cells as displayed), the header found
by its column names in any order — under title rows, one row or two merged rows — and the lines
under the table (制表人, 审核人, 填报日期, 注：) set aside as notes. The statistics import
(disclosures/dataset.py) and the 行政处罚 import (clues/penalty_import.py) each describe their
columns with a Layout."""

import csv
import io
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from .spreadsheets import unneutralise

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 20_000


class TableFileError(Exception):
    """A file that cannot be read at all (its message is shown to the person who uploaded it)."""


MAX_COLUMNS = 20  # a table has a handful; more is read as nothing (a sheet may claim 16,384)
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
        raise TableFileError("文件不是有效的 XLSX 表格（可能已损坏，或是改了扩展名的其他文件）。") from exc
    unpacked = sum(entry.file_size for entry in entries)
    if (
        len(entries) > MAX_ZIP_ENTRIES
        or unpacked > MAX_UNZIPPED_BYTES
        or unpacked > len(data) * MAX_ZIP_RATIO
    ):
        raise TableFileError(
            f"表格解压后过大（约 {unpacked / 1024 / 1024:.0f} MB），不像是一份数据表，已拒绝。"
            "请只保留数据所在的工作表和区域后另存再上传。"
        )


def _cells_from_xlsx(data: bytes, max_rows: int = MAX_ROWS) -> list[list]:
    from openpyxl import load_workbook

    check_zip_bomb(data)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:
        raise TableFileError("文件不是有效的 XLSX 表格（可能已损坏，或是改了扩展名的其他文件）。") from exc
    sheet = workbook.worksheets[0]
    rows = []
    for row in sheet.iter_rows(max_col=MAX_COLUMNS):
        rows.append([_as_displayed(cell) for cell in row])
        if len(rows) > max_rows + HEADER_SEARCH_ROWS + FOOTER_ROWS:
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
        raise TableFileError("文件不是文本格式的 CSV 表格，也不是 XLSX 表格。")
    if "\x00" in text:
        raise TableFileError("文件不是表格文件（CSV 或 XLSX）。")
    return [row for row in csv.reader(io.StringIO(text))]


def read_cells(name: str, data: bytes, max_bytes: int = MAX_BYTES, max_rows: int = MAX_ROWS) -> list[list]:
    """The first sheet's cells (an upload's own limits: the 12345 export is larger than a table)."""
    if len(data) > max_bytes:
        raise TableFileError(
            f"文件过大（{len(data) / 1024 / 1024:.1f} MB），请控制在 {max_bytes // 1024 // 1024} MB 以内。"
        )
    if not data.strip():
        raise TableFileError("文件是空的。")
    lower = name.lower()
    if data[:4] == b"PK\x03\x04" or lower.endswith((".xlsx", ".xlsm")):
        return _cells_from_xlsx(data, max_rows)
    if lower.endswith((".csv", ".txt")) or not lower.rpartition(".")[1]:
        return _cells_from_csv(data)
    raise TableFileError("只能导入 XLSX 或 CSV 表格文件。")


def text_of(cell) -> str:
    if cell is None:
        return ""
    # our own exports neutralise formula-like text with a leading apostrophe: undo it
    return unneutralise(str(cell).strip())


def number_of(cell) -> Decimal | None:
    if isinstance(cell, bool):
        return None
    if isinstance(cell, (int, float, Decimal)):
        return Decimal(str(cell)).normalize() if isinstance(cell, Decimal) else Decimal(str(cell))
    text = (
        text_of(cell).replace(",", "").replace("，", "").replace(" ", "").removesuffix("%").removesuffix("％")
    )
    try:
        value = Decimal(text)
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


HEADER_SEARCH_ROWS = 10
FOOTER_ROWS = 20  # 制表人, 审核人 … under the last row: read, so that they can be set aside


@dataclass(frozen=True)
class Layout:
    """What one kind of upload calls its columns: for each field the header words that name it
    (the words themselves, or a longer heading ending in one: "计量单位", "2026年1—9月数值"), the
    fields it cannot do without, and each field's name for messages."""

    words: dict[str, tuple[str, ...]]
    required: tuple[str, ...]
    names: dict[str, str]
    hint: str = ""  # how else the columns may be headed, for the message when one is missing

    def key_of(self, text: str) -> str | None:
        text = re.sub(r"[\s\u3000：:（）()]", "", text)
        text = text.lower() if text.isascii() else text
        if not text or len(text) > 30:
            return None
        for key, words in self.words.items():
            if text in words:
                return key
        for key, words in self.words.items():
            if any(len(word) > 1 and not word.isascii() and text.endswith(word) for word in words):
                return key
        return None

    def columns(self, row) -> dict[str, int]:
        header = {}
        for position, cell in enumerate(row):
            key = self.key_of(text_of(cell))
            if key and key not in header:
                header[key] = position
        return header

    def complete(self, header) -> bool:
        return all(key in header for key in self.required)


def _two_level(upper, lower) -> list[str]:
    """A header of two rows (merged cells above, e.g. "本期" over "数值" and "单位"), read as one: the
    two texts of each column joined. A merged cell's text is in its first column only, so a column
    under it reads as its own lower text, which is what names it."""
    width = max(len(upper), len(lower))
    pad = [None] * width
    return [
        text_of(a) + text_of(b) for a, b in zip([*upper, *pad][:width], [*lower, *pad][:width], strict=True)
    ]


def header_texts(cells, first: int, last: int) -> list[str]:
    """The header's text of each column, from its one row or its two (find_header's first, last)."""
    if last > first:
        return _two_level(cells[first], cells[last])
    return [text_of(c) for c in cells[first]]


def find_header(cells, layout: Layout) -> tuple[int, int, dict[str, int]] | None:
    """(first and last row of the header, column of each field), from the first rows: one row that
    names every required column, or two rows that do together — the upper one naming some columns
    itself (a title row above a one-row header is not its upper level)."""
    for i, row in enumerate(cells[:HEADER_SEARCH_ROWS]):
        header = layout.columns(row)
        if not header:
            continue  # a title, 填报单位, a blank line
        below = cells[i + 1] if i + 1 < len(cells) else []
        joined = layout.columns(_two_level(row, below)) if below else {}
        # the row under it names columns too and holds no number: it is the header's second level
        second_level = bool(layout.columns(below)) and all(number_of(c) is None for c in below)
        if layout.complete(joined) and (second_level or not layout.complete(header)):
            if layout.complete(layout.columns(below)) and not layout.complete(header):
                continue  # the row below is the whole header by itself
            return i, i + 1, joined
        if layout.complete(header):
            return i, i, header
    return None


def missing_header_message(cells, layout: Layout) -> str:
    """Which column is missing, and the row that came closest to a header, quoted."""
    needed = "".join(f"“{layout.names[key]}”" for key in layout.required)
    optional = "、".join(f"“{name}”" for key, name in layout.names.items() if key not in layout.required)
    rule = f"表头可以是一行，也可以是合并单元格的两行，须有{needed}{len(layout.required)}列" + (
        f"（{optional}可省略）" if optional else ""
    )
    candidates = []
    for i, row in enumerate(cells[:HEADER_SEARCH_ROWS]):
        candidates.append((len(layout.columns(row)), -i, i, i))
        if i + 1 < len(cells):
            candidates.append((len(layout.columns(_two_level(row, cells[i + 1]))), -i, i, i + 1))
    found, _, first, last = max(candidates)
    if not found:
        first = next(i for i, row in enumerate(cells) if any(text_of(c) for c in row))
        shown = "、".join(text_of(c) for c in cells[first] if text_of(c))[:120]
        return f"前{HEADER_SEARCH_ROWS}行中没有找到表头。{rule}；第{first + 1}行实际为：{shown}。可以下载导入模板对照填写。"
    texts = _two_level(cells[first], cells[last]) if last > first else [text_of(c) for c in cells[first]]
    header = layout.columns(texts)
    missing = "、".join(f"“{layout.names[key]}”" for key in layout.required if key not in header)
    rows = f"第{first + 1}行" if first == last else f"第{first + 1}—{last + 1}行"
    shown = "、".join(t for t in texts if t)[:120] or "（空）"
    return (
        f"表头缺少{missing}列：最像表头的是{rows}（{shown}）。{rule}"
        + (f"；{layout.hint}" if layout.hint else "")
        + "。"
    )


# Lines under an office's table: who made and checked it, when, and notes. They end the data; what
# follows them is kept as notes, never read as rows.
FOOTER = re.compile(
    r"^(制表人|填表人|填报人|审核人|审批人|单位负责人|统计负责人|填报日期|填表日期|报出日期)"
    r"|^(制表|审核|负责人|联系人|联系电话|注|说明|备注|数据来源|资料来源)\s*[:：]"
)


def is_footer(row) -> bool:
    first = next((text_of(c) for c in row if text_of(c)), "")
    return bool(FOOTER.match(re.sub(r"[\s\u3000]", "", first)))


def split_footer(rows) -> tuple[list, list[str]]:
    """(the rows above the first footer line, the footer's lines as text)."""
    at = next((i for i, row in enumerate(rows) if is_footer(row)), len(rows))
    notes = [
        "　".join(text_of(c) for c in row if text_of(c)) for row in rows[at:] if any(text_of(c) for c in row)
    ]
    return rows[:at], notes
