"""政府信息公开年度报告 tables (格式：国办公开办函〔2021〕30号) for a year and a publishing unit:
二 主动公开 (规章, 行政规范性文件 from the policy documents; permits, penalties, coercion and fees
entered by hand), 三 依申请公开 (from the register: 7 applicant columns × the national rows),
四 行政复议、行政诉讼 (15 figures). Plus the consistency checks the national format implies.

Counting rules (stated on the report page): an application counts as 本年新收 in the year it was
received; as 上年结转 when received earlier and not answered before 1 January; in a 办理结果 row
when answered in the year; as 结转下年度 when not answered by 31 December. Table 四 counts the
reconsiderations and suits recorded on applications answered in the year."""

import datetime
from decimal import Decimal

from django.db.models import Q

from home.models import default_locale_id

from .models.policy import LegalForm, PolicyDocumentPage, Validity
from .models.requests import ApplicantType, InformationRequest, Outcome, ReviewResult

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
    start, end = _start_end(year)
    answered = InformationRequest.objects.filter(publishing_unit=unit, replied_on__range=(start, end))
    table = {}
    for field, key in (
        ("reconsideration", "reconsideration"),
        ("litigation_without_reconsideration", "litigation_direct"),
        ("litigation_after_reconsideration", "litigation_after"),
    ):
        counts = {result: answered.filter(**{field: result}).count() for result in REVIEW_RESULTS}
        counts["total"] = sum(counts.values())
        table[key] = counts
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


def report_xlsx(tables: dict) -> bytes:
    """The three tables in the national layout (merged headings as printed in 国办公开办函〔2021〕30号)."""
    import io

    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side

    from home.spreadsheets import neutralise

    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    centre = Alignment(horizontal="center", vertical="center", wrap_text=True)
    workbook = Workbook()

    def sheet(title, heading, width):
        ws = workbook.create_sheet(title)
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
        ws.cell(1, 1, heading).font = Font(bold=True, size=13)
        ws.cell(1, 1).alignment = centre
        ws.column_dimensions["A"].width = 46
        return ws

    def box(ws, row, col, value, bold=False):
        cell = ws.cell(row, col, neutralise(value))
        cell.border, cell.alignment = border, centre if col > 1 or bold else Alignment(wrap_text=True)
        if bold:
            cell.font = Font(bold=True)
        return cell

    workbook.remove(workbook.active)
    two = tables["table_2"]
    ws = sheet("表二", "二、主动公开政府信息情况", 4)
    for col, text in enumerate(["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"], 1):
        box(ws, 2, col, text, bold=True)
    for row, (key, label) in enumerate(TABLE_TWO_ROWS, 3):
        box(ws, row, 1, label)
        for col, field in enumerate(("issued", "repealed", "in_force"), 2):
            box(ws, row, col, two[key][field])
    box(ws, 6, 1, "信息内容", bold=True)
    box(ws, 6, 2, "本年处理决定数量", bold=True)
    for row, (key, label) in enumerate(TABLE_TWO_DECISIONS, 7):
        box(ws, row, 1, label)
        box(ws, row, 2, two[key])
    box(ws, 11, 1, "信息内容", bold=True)
    box(ws, 11, 2, "本年收费金额（单位：万元）", bold=True)
    box(ws, 12, 1, "行政事业性收费")
    box(ws, 12, 2, float(two["fees"]))

    three = tables["table_3"]
    ws = sheet("表三", "三、收到和处理政府信息公开申请情况", 8)
    ws.merge_cells("A2:A4")
    box(ws, 2, 1, "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", bold=True)
    ws.merge_cells("B2:H2")
    box(ws, 2, 2, "申请人情况", bold=True)
    ws.merge_cells("B3:B4")
    box(ws, 3, 2, "自然人", bold=True)
    ws.merge_cells("C3:G3")
    box(ws, 3, 3, "法人或其他组织", bold=True)
    ws.merge_cells("H3:H4")
    box(ws, 3, 8, "总计", bold=True)
    for col, column in enumerate(COLUMNS[1:-1], 3):
        box(ws, 4, col, COLUMN_LABELS[column], bold=True)
    row = 5
    for key, label in ROW_LABELS.items():
        if key == "disclosed":
            ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=8)
            box(ws, row, 1, "三、本年度办理结果", bold=True)
            row += 1
        box(ws, row, 1, label)
        for col, column in enumerate(COLUMNS, 2):
            box(ws, row, col, three[key][column])
        row += 1
    for col in "BCDEFGH":
        ws.column_dimensions[col].width = 11

    four = tables["table_4"]
    ws = sheet("表四", "四、政府信息公开行政复议、行政诉讼情况", 15)
    col = 1
    for key, label in TABLE_FOUR_GROUPS:
        ws.merge_cells(start_row=2, start_column=col, end_row=2, end_column=col + 4)
        box(ws, 2, col, label, bold=True)
        for offset, result in enumerate(("upheld", "corrected", "other", "pending", "total")):
            box(ws, 3, col + offset, REVIEW_LABELS[result], bold=True)
            box(ws, 4, col + offset, four[key][result])
        col += 5
    ws.column_dimensions["A"].width = 11
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
