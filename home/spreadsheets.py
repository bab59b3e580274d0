"""Spreadsheets the site hands out (reports, datasets, submissions): text that a spreadsheet would
run as a formula is neutralised, and every sheet is laid out to be printed as it is — a title row,
a bold frozen header, column widths, wrapped text, A4 landscape with the header repeated."""

import datetime
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def neutralise(text):
    """A text cell a spreadsheet would evaluate (=, +, -, @, tab, CR) gets a leading apostrophe.
    Numbers, dates and None pass unchanged."""
    if isinstance(text, str) and text.startswith(FORMULA_START):
        return f"'{text}"
    return text


def plain_number(value):
    """A Decimal as a spreadsheet or JSON number: 36 for 36.0000, 34.5 for 34.5000."""
    value = value.normalize()
    return int(value) if value == value.to_integral_value() else float(value)


def unneutralise(text: str) -> str:
    """Undo `neutralise` on a cell read back from one of our own exports."""
    if len(text) > 1 and text[0] == "'" and text[1] in FORMULA_START:
        return text[1:]
    return text


@dataclass(frozen=True)
class Column:
    heading: str
    width: int = 14  # in characters (a CJK character counts about two)
    wrap: bool = False
    number_format: str | None = None


def add_sheet(
    workbook,
    name: str,
    columns: Sequence[Column],
    rows: Iterable[Sequence],
    *,
    title: str | None = None,
    total_rows: int = 0,
):
    """A formatted sheet: optional title row, bold frozen header, widths, wrap, print setup. The
    last `total_rows` rows are set in bold (合计)."""
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    sheet = workbook.create_sheet(title=name[:31])
    thin = Side(style="thin", color="999999")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    top = 1
    if title:
        sheet.cell(row=1, column=1, value=title).font = Font(bold=True, size=14)
        sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=max(len(columns), 1))
        sheet.row_dimensions[1].height = 26
        top = 2
    for index, column in enumerate(columns, 1):
        cell = sheet.cell(row=top, column=index, value=column.heading)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="E8EEF4")
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = border
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    written = []
    for offset, row in enumerate(rows, 1):
        written.append(top + offset)
        for index, (column, value) in enumerate(zip(columns, row, strict=True), 1):
            cell = sheet.cell(row=top + offset, column=index, value=_cell_value(value))
            cell.alignment = Alignment(vertical="top", wrap_text=column.wrap)
            cell.border = border
            if column.number_format:
                cell.number_format = column.number_format
            elif isinstance(value, datetime.datetime):
                cell.number_format = "yyyy-mm-dd hh:mm"
            elif isinstance(value, datetime.date):
                cell.number_format = "yyyy-mm-dd"
    for row_number in written[len(written) - total_rows :] if total_rows else []:
        for index in range(1, len(columns) + 1):
            sheet.cell(row=row_number, column=index).font = Font(bold=True)
    sheet.freeze_panes = sheet.cell(row=top + 1, column=1)
    sheet.print_title_rows = f"{top}:{top}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    return sheet


def _cell_value(value):
    if isinstance(value, datetime.datetime) and value.tzinfo is not None:
        from django.utils import timezone

        value = timezone.localtime(value).replace(tzinfo=None)  # Excel has no time zones
    return neutralise(value)


def new_workbook(title: str = ""):
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    if title:
        workbook.properties.title = title[:200]
    return workbook


def workbook_bytes(workbook) -> bytes:
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
