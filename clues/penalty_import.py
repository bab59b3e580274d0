"""导入行政处罚决定: a member unit's monthly spreadsheet, read by the statistics import's rules
(home/table_files.py: title rows, a header of one or two merged rows, columns in any order found by
their names, lines under the table set aside). Unlike a statistics release, each row stands alone:
a bad row is reported with its row number and the good rows still import; a 决定书文号 the unit
already has is skipped, so the same file imported twice adds nothing."""

import datetime
import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from openpyxl.utils import get_column_letter

from home.table_files import (
    Layout,
    find_header,
    missing_header_message,
    number_of,
    read_cells,
    split_footer,
    text_of,
)

from .measures import UNITS

LAYOUT = Layout(
    {
        "number": ("决定书文号", "文号", "处罚决定书文号", "决定文号"),
        "cause": ("案由", "违法行为", "案件名称"),
        "party": ("当事人", "当事人名称", "被处罚人"),
        "amount": ("涉案数额", "涉案金额", "涉案数量", "数额", "金额"),
        "amount_unit": ("计量单位", "数额单位"),
        "penalty": ("处罚内容", "处罚结果", "处罚种类和幅度"),
        "decided_on": ("决定日期", "处罚日期", "作出日期", "处罚决定日期"),
    },
    required=("number", "cause", "party", "penalty", "decided_on"),
    names={
        "number": "决定书文号",
        "cause": "案由",
        "party": "当事人",
        "amount": "涉案数额",
        "amount_unit": "计量单位",
        "penalty": "处罚内容",
        "decided_on": "决定日期",
    },
    hint="可以下载“行政处罚决定导入模板”对照",
)
TEMPLATE_COLUMNS = tuple(LAYOUT.names.values())
AMOUNT_WITH_UNIT = re.compile(r"^([0-9.,，]+)\s*(" + "|".join(sorted(UNITS, key=len, reverse=True)) + r")$")
DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日", "%Y%m%d")


@dataclass
class ImportResult:
    imported: int = 0
    skipped: int = 0  # already in the register (the same 决定书文号 for this unit)
    errors: list[dict] = field(default_factory=list)  # {"row": n, "message": "…"}
    notes: list[str] = field(default_factory=list)

    def as_json(self) -> dict:
        return {"imported": self.imported, "skipped": self.skipped, "errors": self.errors}


def _date(cell) -> datetime.date | None:
    if isinstance(cell, datetime.datetime):
        return cell.date()
    if isinstance(cell, datetime.date):
        return cell
    text = re.sub(r"\s", "", text_of(cell))
    for pattern in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def _amount(cell, unit_text: str) -> tuple[Decimal | None, str, tuple[str, str] | None]:
    """(amount, unit, (column, problem) or None): "5.2万元" in the amount column gives its own unit."""
    text = text_of(cell)
    if not text:
        return None, unit_text, ("amount", "填写了计量单位但没有涉案数额") if unit_text else None
    match = AMOUNT_WITH_UNIT.match(re.sub(r"\s", "", text))
    if match and not unit_text:
        text, unit_text = match.group(1), match.group(2)
    value = number_of(cell if not match else text)
    if value is None:
        return None, unit_text, ("amount", f"涉案数额“{text[:20]}”不是数字")
    if not unit_text:
        return value, "", ("amount_unit", "有涉案数额但没有计量单位")
    if unit_text not in UNITS:
        return (
            value,
            unit_text,
            ("amount_unit", f"计量单位“{unit_text[:10]}”不在可用单位中（{'、'.join(UNITS)}）"),
        )
    return value, unit_text, None


def import_penalties(unit, name: str, data: bytes, user=None) -> ImportResult:
    """Read the file and create the unit's new decisions; never raises for bad content."""
    from home.table_files import TableFileError

    from .models import PenaltyDecision

    result = ImportResult()
    try:
        cells = read_cells(name, data)
    except TableFileError as exc:
        result.errors.append({"row": 0, "message": str(exc)})
        return result
    if not any(any(text_of(c) for c in row) for row in cells):
        result.errors.append({"row": 0, "message": "文件是空的。"})
        return result
    found = find_header(cells, LAYOUT)
    if found is None:
        result.errors.append({"row": 0, "message": missing_header_message(cells, LAYOUT)})
        return result
    _, header_end, header = found
    rows, result.notes = split_footer(cells[header_end + 1 :])
    letters = {key: get_column_letter(position + 1) for key, position in header.items()}
    existing = set(PenaltyDecision.objects.filter(unit=unit).values_list("number", flat=True))
    seen: dict[str, int] = {}
    new = []
    for number, row in enumerate(rows, start=header_end + 2):
        if not any(text_of(c) for c in row):
            continue

        def cell(key, row=row):
            position = header.get(key)
            return row[position] if position is not None and position < len(row) else None

        problems = []
        decision_number = re.sub(r"\s", "", text_of(cell("number")))
        amount, amount_unit, amount_problem = _amount(cell("amount"), text_of(cell("amount_unit")))
        if amount_problem:
            key, text = amount_problem
            column = letters.get(key) or letters.get("amount", "")
            problems.append(f"{column}列{text}" if column else text)
        decided_on = _date(cell("decided_on"))
        if decided_on is None:
            shown = text_of(cell("decided_on"))
            problems.append(
                f"{letters['decided_on']}列决定日期“{shown[:20]}”无法识别"
                if shown
                else f"{letters['decided_on']}列缺少决定日期"
            )
        if decision_number in seen:
            problems.append(
                f"{letters['number']}列决定书文号“{decision_number}”与第{seen[decision_number]}行重复"
            )
        if decision_number in existing and not problems:
            result.skipped += 1
            seen[decision_number] = number
            continue
        decision = PenaltyDecision(
            unit=unit,
            number=decision_number,
            cause=text_of(cell("cause")),
            party=text_of(cell("party")),
            amount=amount,
            amount_unit=amount_unit if amount is not None else "",
            penalty=text_of(cell("penalty")),
            decided_on=decided_on,
            created_by=user,
        )
        if not problems:
            try:
                decision.full_clean(validate_unique=False, validate_constraints=False)
            except ValidationError as exc:
                for key, messages in exc.message_dict.items():
                    column = f"{letters[key]}列" if key in letters else ""
                    label = LAYOUT.names.get(key, "")
                    for message in messages:
                        text = message if message.startswith(label) or not label else f"{label}：{message}"
                        problems.append(f"{column}{text}")
        if problems:
            result.errors.append({"row": number, "message": f"第{number}行：{'；'.join(problems)}。"})
            continue
        seen[decision_number] = number
        new.append(decision)
    with transaction.atomic():
        PenaltyDecision.objects.bulk_create(new, batch_size=1000)  # no signals: renew the figures here
        if new:
            from internal.dashboard import renew_panels

            transaction.on_commit(renew_panels)
    result.imported = len(new)
    return result
