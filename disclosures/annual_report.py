"""政府信息公开年度报告 tables (格式：国办公开办函〔2021〕30号) for a year and a publishing unit:
二 主动公开 (规章, 行政规范性文件 from the policy documents; permits, penalties, coercion and fees
entered by hand), 三 依申请公开 (from the register: 7 applicant columns × the national rows),
四 行政复议、行政诉讼 (15 figures). Plus the consistency checks the national format implies.

Counting rules (stated on the report page): an application counts as 本年新收 in the year it was
received; as 上年结转 when received earlier and not answered before 1 January; in a 办理结果 row
when answered in the year; as 结转下年度 when not answered by 31 December. Table 四 counts each
行政复议 and 行政诉讼 in the year it was decided, and as 尚未审结 when still open on 31 December."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q

from home.models import default_locale_id

from .models.policy import LegalForm, PolicyDocumentPage, Validity
from .models.requests import (
    ApplicantType,
    InformationRequest,
    Outcome,
    RequestReview,
    ReviewKind,
    ReviewResult,
)

# Table 三's columns: 自然人, the five kinds of 法人或其他组织, 总计.
COLUMNS = [*(value for value, _label in ApplicantType.choices), "total"]
COLUMN_LABELS = {**{value: str(label) for value, label in ApplicantType.choices}, "total": "总计"}
COLUMN_LABELS["other_org"] = "其他"

# Table 三's rows: (key, label, outcomes counted) — a None set marks a heading row without figures.
OUTCOME_GROUPS = [
    ("disclosed", "（一）予以公开", [Outcome.DISCLOSED]),
    ("partial", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", [Outcome.PARTIAL]),
    ("withheld", "（三）不予公开", None),
    ("secret", "1.属于国家秘密", [Outcome.SECRET]),
    ("law_forbids", "2.其他法律行政法规禁止公开", [Outcome.LAW_FORBIDS]),
    ("security", "3.危及“三安全一稳定”", [Outcome.SECURITY]),
    ("third_party", "4.保护第三方合法权益", [Outcome.THIRD_PARTY]),
    ("internal_affairs", "5.属于三类内部事务信息", [Outcome.INTERNAL_AFFAIRS]),
    ("process", "6.属于四类过程性信息", [Outcome.PROCESS]),
    ("case_file", "7.属于行政执法案卷", [Outcome.CASE_FILE]),
    ("inquiry", "8.属于行政查询事项", [Outcome.INQUIRY]),
    ("unavailable", "（四）无法提供", None),
    ("not_held", "1.本机关不掌握相关政府信息", [Outcome.NOT_HELD]),
    ("needs_making", "2.没有现成信息需要另行制作", [Outcome.NEEDS_MAKING]),
    ("unclear", "3.补正后申请内容仍不明确", [Outcome.UNCLEAR]),
    ("not_handled", "（五）不予处理", None),
    ("petition", "1.信访举报投诉类申请", [Outcome.PETITION]),
    ("repeated", "2.重复申请", [Outcome.REPEATED]),
    ("publication", "3.要求提供公开出版物", [Outcome.PUBLICATION]),
    ("mass", "4.无正当理由大量反复申请", [Outcome.MASS]),
    ("confirmation", "5.要求行政机关确认或重新出具已获取信息", [Outcome.CONFIRMATION]),
    ("other_handling", "（六）其他处理", None),
    (
        "no_correction",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        [Outcome.NO_CORRECTION],
    ),
    ("no_fee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", [Outcome.NO_FEE]),
    ("other", "3.其他", [Outcome.OTHER]),
]
GROUP_PARTS = {
    "withheld": [
        "secret",
        "law_forbids",
        "security",
        "third_party",
        "internal_affairs",
        "process",
        "case_file",
        "inquiry",
    ],
    "unavailable": ["not_held", "needs_making", "unclear"],
    "not_handled": ["petition", "repeated", "publication", "mass", "confirmation"],
    "other_handling": ["no_correction", "no_fee", "other"],
}
TOP_LEVEL = ["disclosed", "partial", "withheld", "unavailable", "not_handled", "other_handling"]
ROW_LABELS = {
    "new": "一、本年新收政府信息公开申请数量",
    "carried_in": "二、上年结转政府信息公开申请数量",
    **{key: label for key, label, _outcomes in OUTCOME_GROUPS},
    "total": "（七）总计",
    "carried_out": "四、结转下年度继续办理",
}
REVIEW_RESULTS = [value for value, _label in ReviewResult.choices]  # upheld, corrected, other, pending


def _start_end(year: int):
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def _row(applications) -> dict:
    row = dict.fromkeys(COLUMNS, 0)
    for application in applications:
        row[application.applicant_type] += 1
        row["total"] += 1
    return row


def table_three(year: int, unit) -> dict:
    start, end = _start_end(year)
    register = list(InformationRequest.objects.filter(publishing_unit=unit, received_on__lte=end))
    new = [a for a in register if a.received_on >= start]
    carried_in = [
        a for a in register if a.received_on < start and (a.replied_on is None or a.replied_on >= start)
    ]
    answered = [a for a in new + carried_in if a.replied_on and a.replied_on <= end]
    rows = {"new": _row(new), "carried_in": _row(carried_in)}
    for key, _label, outcomes in OUTCOME_GROUPS:
        if outcomes is not None:
            rows[key] = _row(a for a in answered if a.outcome in outcomes)
    for group, parts in GROUP_PARTS.items():
        rows[group] = {column: sum(rows[part][column] for part in parts) for column in COLUMNS}
    rows["total"] = _row(answered)
    rows["carried_out"] = _row(a for a in new + carried_in if not (a.replied_on and a.replied_on <= end))
    return {key: rows[key] for key in ROW_LABELS}


def table_two(year: int, unit, entered: dict) -> dict:
    start, end = _start_end(year)
    # one document, one count: its English and Tibetan translations are the same document
    documents = PolicyDocumentPage.objects.filter(
        publishing_unit=unit, live=True, locale_id=default_locale_id()
    )
    figures = {}
    for form in (LegalForm.RULE, LegalForm.NORMATIVE):
        of_form = documents.filter(legal_form=form)
        figures[form.value] = {
            "issued": of_form.filter(written_date__range=(start, end)).count(),
            "repealed": of_form.filter(repealed_on__range=(start, end)).count(),
            "in_force": of_form.filter(written_date__lte=end)
            .filter(Q(repealed_on__isnull=True) | Q(repealed_on__gt=end))
            .exclude(Q(validity__in=[Validity.EXPIRED, Validity.REPEALED]) & Q(repealed_on__isnull=True))
            .count(),
        }
    for key in ("permits", "penalties", "coercion"):
        figures[key] = int(entered.get(key) or 0)
    figures["fees"] = f"{Decimal(str(entered.get('fees') or 0)):.2f}"  # 万元, two decimals
    return figures


def table_four(year: int, unit) -> dict:
    """Each 行政复议 and 行政诉讼 on the unit's applications, by the year it was decided (its result)
    or, still open on 31 December, as 尚未审结 of that year — whatever year the application was
    answered in."""
    start, end = _start_end(year)
    table = {kind: dict.fromkeys([*REVIEW_RESULTS, "total"], 0) for kind in ReviewKind.values}
    reviews = RequestReview.objects.filter(request__publishing_unit=unit, filed_on__lte=end).filter(
        Q(decided_on__isnull=True) | Q(decided_on__gte=start)
    )
    for review in reviews:
        column = review.result_at(end)
        table[review.kind][column] += 1
        table[review.kind]["total"] += 1
    return table


def annual_tables(year: int, unit, entered: dict | None = None) -> dict:
    return {
        "year": year,
        "unit": unit.name,
        "table_2": table_two(year, unit, entered or {}),
        "table_3": table_three(year, unit),
        "table_4": table_four(year, unit),
    }


def consistency_problems(tables: dict) -> list[str]:
    """The sums the national format implies; an empty list when they all hold."""
    problems = []
    three = tables["table_3"]
    for key, row in three.items():
        parts = sum(row[c] for c in COLUMNS if c != "total")
        if parts != row["total"]:
            problems.append(f"表三“{ROW_LABELS[key]}”各列之和（{parts}）不等于总计（{row['total']}）。")
    for column in COLUMNS:
        top = sum(three[key][column] for key in TOP_LEVEL)
        if top != three["total"][column]:
            problems.append(f"表三“{COLUMN_LABELS[column]}”列：办理结果（一）至（六）之和不等于（七）总计。")
        if (
            three["new"][column] + three["carried_in"][column]
            != three["total"][column] + three["carried_out"][column]
        ):
            problems.append(f"表三“{COLUMN_LABELS[column]}”列：本年新收＋上年结转 ≠ 办结总计＋结转下年度。")
    for key, counts in tables["table_4"].items():
        if sum(v for k, v in counts.items() if k != "total") != counts["total"]:
            problems.append(f"表四“{key}”各项之和不等于总计。")
    return problems


TABLE_TWO_ROWS = [
    ("rule", "规章"),
    ("normative", "行政规范性文件"),
]
TABLE_TWO_DECISIONS = [("permits", "行政许可"), ("penalties", "行政处罚"), ("coercion", "行政强制")]
REVIEW_LABELS = {
    "upheld": "结果维持",
    "corrected": "结果纠正",
    "other": "其他结果",
    "pending": "尚未审结",
    "total": "总计",
}
TABLE_FOUR_GROUPS = [
    ("reconsideration", "行政复议"),
    ("litigation_direct", "行政诉讼：未经复议直接起诉"),
    ("litigation_after", "行政诉讼：复议后起诉"),
]


# --- The national form (国办公开办函〔2021〕30号), cell by cell ------------------------------------
# One description of tables 二, 三 and 四 as printed in the national format — every label, heading
# row and merged cell — from which the page, the XLSX and the JSON are all drawn, so that a county
# can copy any of them into its superior office's template and the rows line up.


@dataclass(frozen=True)
class Cell:
    """A label (`text`) or a figure (`key`, its path in the tables, and `value`)."""

    text: str = ""
    key: str = ""
    value: object = None
    rowspan: int = 1
    colspan: int = 1
    header: bool = False  # a heading cell (the table's head, or a 第二十条 item's heading)
    note: bool = False  # table 三's corner: the 勾稽关系 note, not a heading of the cells below it

    def as_json(self) -> dict:
        cell = {"text": self.text} if not self.key else {"key": self.key, "value": self.value}
        if self.rowspan > 1:
            cell["rowspan"] = self.rowspan
        if self.colspan > 1:
            cell["colspan"] = self.colspan
        if self.header:
            cell["header"] = True
        if self.note:
            cell["note"] = True
        return cell

    @property
    def scope(self) -> str:
        """The HTML scope of a heading or label cell."""
        if self.header:
            return "colgroup" if self.colspan > 1 else "col"
        return "rowgroup" if self.rowspan > 1 else "row"


def _label(text, rowspan=1, colspan=1, header=False) -> Cell:
    return Cell(text=text, rowspan=rowspan, colspan=colspan, header=header)


def _figure(tables: dict, path: str, colspan=1) -> Cell:
    value = tables
    for part in path.split("."):
        value = value[part]
    return Cell(key=path, value=value, colspan=colspan)


LINKAGE_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
TABLE_TWO_ITEMS = [
    # (第二十条 item, the figure's heading, rows of (label, key or keys))
    ("第二十条第（一）项", ["本年制发件数", "本年废止件数", "现行有效件数"], TABLE_TWO_ROWS),
    ("第二十条第（五）项", ["本年处理决定数量"], [("permits", "行政许可")]),
    ("第二十条第（六）项", ["本年处理决定数量"], [("penalties", "行政处罚"), ("coercion", "行政强制")]),
    ("第二十条第（八）项", ["本年收费金额（单位：万元）"], [("fees", "行政事业性收费")]),
]
TABLE_THREE_COLUMN_LABELS = ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
REVIEW_COLUMNS = ["upheld", "corrected", "other", "pending", "total"]


def national_table_two(tables: dict) -> list[list[Cell]]:
    rows = []
    for item, headings, entries in TABLE_TWO_ITEMS:
        rows.append([_label(item, colspan=4, header=True)])
        if len(headings) == 3:
            rows.append([_label("信息内容", header=True), *(_label(h, header=True) for h in headings)])
            for key, label in entries:
                rows.append(
                    [
                        _label(label),
                        *(_figure(tables, f"table_2.{key}.{f}") for f in ("issued", "repealed", "in_force")),
                    ]
                )
        else:
            rows.append([_label("信息内容", header=True), _label(headings[0], colspan=3, header=True)])
            for key, label in entries:
                rows.append([_label(label), _figure(tables, f"table_2.{key}", colspan=3)])
    return rows


def national_table_three(tables: dict) -> list[list[Cell]]:
    def figures(key):
        return [_figure(tables, f"table_3.{key}.{column}") for column in COLUMNS]

    rows = [
        [
            _label(LINKAGE_NOTE, rowspan=3, colspan=3, header=True),
            _label("申请人情况", colspan=7, header=True),
        ],
        [
            _label("自然人", rowspan=2, header=True),
            _label("法人或其他组织", colspan=5, header=True),
            _label("总计", rowspan=2, header=True),
        ],
        [_label(text, header=True) for text in TABLE_THREE_COLUMN_LABELS],
        [_label(ROW_LABELS["new"], colspan=3), *figures("new")],
        [_label(ROW_LABELS["carried_in"], colspan=3), *figures("carried_in")],
    ]
    results = []  # the rows under 三、本年度办理结果, each without that first merged cell
    for key in TOP_LEVEL:
        parts = GROUP_PARTS.get(key)
        if parts is None:
            results.append([_label(ROW_LABELS[key], colspan=2), *figures(key)])
            continue
        for index, part in enumerate(parts):
            group = [_label(ROW_LABELS[key], rowspan=len(parts))] if index == 0 else []
            results.append([*group, _label(ROW_LABELS[part]), *figures(part)])
    results.append([_label(ROW_LABELS["total"], colspan=2), *figures("total")])
    results[0] = [_label("三、本年度办理结果", rowspan=len(results)), *results[0]]
    rows += results
    rows.append([_label(ROW_LABELS["carried_out"], colspan=3), *figures("carried_out")])
    return rows


def national_table_four(tables: dict) -> list[list[Cell]]:
    return [
        [_label("行政复议", colspan=5, header=True), _label("行政诉讼", colspan=10, header=True)],
        [
            *(_label(REVIEW_LABELS[c], rowspan=2, header=True) for c in REVIEW_COLUMNS),
            _label("未经复议直接起诉", colspan=5, header=True),
            _label("复议后起诉", colspan=5, header=True),
        ],
        [_label(REVIEW_LABELS[c], header=True) for _twice in range(2) for c in REVIEW_COLUMNS],
        [
            _figure(tables, f"table_4.{kind}.{c}")
            for kind in ("reconsideration", "litigation_direct", "litigation_after")
            for c in REVIEW_COLUMNS
        ],
    ]


NATIONAL_TABLES = [
    ("table_2", "二、主动公开政府信息情况", 4, national_table_two),
    ("table_3", "三、收到和处理政府信息公开申请情况", 10, national_table_three),
    ("table_4", "四、政府信息公开行政复议、行政诉讼情况", 15, national_table_four),
]


def national_forms(tables: dict) -> dict[str, list[list[Cell]]]:
    return {key: build(tables) for key, _title, _width, build in NATIONAL_TABLES}


def head_and_body(rows: list[list[Cell]]) -> tuple[list[list[Cell]], list[list[Cell]]]:
    """The leading rows made only of headings (the table's head), and the rest."""
    count = 0
    while count < len(rows) and all(cell.header for cell in rows[count]):
        count += 1
    return rows[:count], rows[count:]


def place(rows: list[list[Cell]]) -> list[tuple[int, int, Cell]]:
    """Each cell's (row, column), 0-based, as a spreadsheet lays a table with merged cells out."""
    taken: set[tuple[int, int]] = set()
    placed = []
    for r, row in enumerate(rows):
        c = 0
        for cell in row:
            while (r, c) in taken:
                c += 1
            placed.append((r, c, cell))
            taken |= {(r + dr, c + dc) for dr in range(cell.rowspan) for dc in range(cell.colspan)}
            c += cell.colspan
    return placed


LINKAGE_CHECKS = [
    "表三：第一项加第二项之和，等于第三项加第四项之和（每一列）。",
    "表三：（一）至（六）之和等于（七）总计；每行各列之和等于总计。",
    "表四：结果维持、结果纠正、其他结果、尚未审结之和等于总计。",
]


def report_xlsx(tables: dict) -> bytes:
    """The three tables as the national form prints them (national_forms): merged cells, heading
    rows, landscape, fitted to the page width, the heading rows repeated on every printed page."""
    import io

    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    from home.spreadsheets import neutralise

    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    centre = Alignment(horizontal="center", vertical="center", wrap_text=True)
    left = Alignment(horizontal="left", vertical="center", wrap_text=True)
    workbook = Workbook()
    workbook.remove(workbook.active)
    forms = national_forms(tables)
    for key, title, width, _build in NATIONAL_TABLES:
        ws = workbook.create_sheet("表" + title[0])
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
        ws.cell(1, 1, title).font = Font(bold=True, size=13)
        ws.cell(1, 1).alignment = centre
        for r, c, cell in place(forms[key]):
            row, column = r + 2, c + 1
            value = (
                cell.text
                if not cell.key
                else (float(cell.value) if key == "table_2" and cell.key.endswith("fees") else cell.value)
            )
            target = ws.cell(row, column, neutralise(value))
            target.alignment = centre if cell.header or cell.key else left
            if cell.header:
                target.font = Font(bold=True)
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    ws.cell(row + dr, column + dc).border = border
            if cell.rowspan > 1 or cell.colspan > 1:
                ws.merge_cells(
                    start_row=row,
                    start_column=column,
                    end_row=row + cell.rowspan - 1,
                    end_column=column + cell.colspan - 1,
                )
        for column in range(1, width + 1):
            ws.column_dimensions[get_column_letter(column)].width = 11
        if key == "table_3":
            ws.column_dimensions["A"].width, ws.column_dimensions["B"].width = 8, 16
            ws.column_dimensions["C"].width = 30
        elif key == "table_2":
            ws.column_dimensions["A"].width = 24
        ws.page_setup.orientation = "landscape"
        ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.print_title_rows = f"1:{1 + len(head_and_body(forms[key])[0])}"
    ws = workbook.create_sheet("勾稽关系")
    ws.column_dimensions["A"].width = 80
    for row, text in enumerate(
        ["统计表之间和表内的勾稽关系（均已校验）：", *LINKAGE_CHECKS, *consistency_problems(tables)], 1
    ):
        ws.cell(row, 1, neutralise(text))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
