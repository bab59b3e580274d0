"""Reading a month's 12345 / 12309 export as centres produce it (home/table_files.py: title rows, one
or two merged header rows, blank rows, footer lines, GB18030 CSV, full-width digits): the columns
found by a mapping — remembered per source once staff confirmed it, else proposed from the header
names — every text through the personal-information guard's redact() before anything is kept, each
工单 sorted into its 公益诉讼 field, and saved by 工单编号 (a month imported again updates, never
duplicates). Columns that only name the caller (来电人, 来电号码, 证件号码, 详细地址) are never read."""

import datetime
import re
from collections import Counter
from dataclasses import dataclass, field

from home.security.privacy import redact
from home.table_files import (
    Layout,
    TableFileError,
    find_header,
    header_texts,
    missing_header_message,
    read_cells,
    split_footer,
    text_of,
)

MAX_BYTES = 20 * 1024 * 1024
MAX_ROWS = 100_000
PREVIEW_ROWS = 5

LAYOUT = Layout(
    words={
        "number": ("工单编号", "工单号", "受理编号", "编号", "单号"),
        "received": ("来电时间", "受理时间", "登记时间", "来电日期", "受理日期", "反映时间", "诉求时间"),
        "category": ("一级分类", "诉求类型", "问题类型", "事项分类", "诉求分类", "分类", "类型"),
        "subcategory": ("二级分类", "三级分类", "诉求小类", "小类"),
        "content": ("诉求内容", "问题描述", "来电内容", "反映内容", "诉求描述", "主要内容", "内容"),
        "township": ("所属区域", "所属乡镇", "乡镇街道", "乡镇", "街道", "区域", "所属镇街", "镇街"),
        "village": ("村社区", "所属村社区", "村居", "社区", "村"),
        "handler": ("承办单位", "办理单位", "责任单位", "主办单位"),
        "status": ("办理状态", "工单状态", "状态"),
        "closed": ("办结时间", "办结日期", "完成时间"),
        "satisfaction": ("满意度", "回访满意度", "评价结果", "评价"),
    },
    required=("number", "received", "content"),
    names={
        "number": "工单编号",
        "received": "来电时间",
        "category": "一级分类",
        "subcategory": "二级分类",
        "content": "诉求内容",
        "township": "所属乡镇",
        "village": "村（社区）",
        "handler": "承办单位",
        "status": "办理状态",
        "closed": "办结时间",
        "satisfaction": "满意度",
    },
    hint="也可以写作“受理时间”“问题描述”“所属区域”等",
)
FIELDS = tuple(LAYOUT.names)
TEXT_LIMITS = {
    "category": 120,
    "township": 40,
    "village": 40,
    "handler": 80,
    "status": 40,
    "satisfaction": 20,
}


def parse_date(cell) -> datetime.date | None:
    """2026-11-03 09:12, 2026/11/3, 2026年11月3日, 20261103, full-width digits, or a spreadsheet date."""
    if isinstance(cell, datetime.datetime):
        return cell.date()
    if isinstance(cell, datetime.date):
        return cell
    text = redact(text_of(cell))[0]  # folds full-width digits
    match = re.match(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})", text) or re.match(
        r"^\s*(\d{4})(\d{2})(\d{2})(?!\d)", text
    )
    if not match:
        return None
    try:
        return datetime.date(*(int(part) for part in match.groups()))
    except ValueError:
        return None


@dataclass
class Sheet:
    """A file read: the header's texts, the mapping used (field → column), and the data rows with
    their row numbers as the sheet shows them."""

    headers: list[str]
    columns: dict[str, int]
    rows: list[tuple[int, list]]
    notes: list[str] = field(default_factory=list)

    def mapping(self) -> dict[str, str]:
        return {key: self.headers[position] for key, position in self.columns.items()}


def read_sheet(
    name: str, data: bytes, remembered: dict[str, str] | None = None, first_rows: int | None = None
) -> Sheet:
    """The file's header and rows (only the first `first_rows`, for a preview: a 50,000-row export
    is read whole on the queue, never in a request). A remembered mapping (field → header text) is
    used when the file has every one of its header texts; otherwise the header is found by its names."""
    cells = read_cells(name, data, max_bytes=MAX_BYTES, max_rows=first_rows or MAX_ROWS)
    if not cells:
        raise TableFileError("文件中没有数据。")
    found = find_header(cells, LAYOUT)
    if found is None and not remembered:
        raise TableFileError(missing_header_message(cells, LAYOUT))
    if found is not None:
        first, last, columns = found
        texts = header_texts(cells, first, last)
    else:
        first = last = 0
        texts, columns = [], {}
    if remembered:
        for i in range(min(10, len(cells))):
            for j in (i, i + 1):
                if j >= len(cells):
                    continue
                candidate = header_texts(cells, i, j)
                if all(text in candidate for text in remembered.values()):
                    texts, first, last = candidate, i, j
                    columns = {key: candidate.index(text) for key, text in remembered.items()}
                    break
            else:
                continue
            break
        else:
            if found is None:
                raise TableFileError(missing_header_message(cells, LAYOUT))
    body, notes = split_footer(cells[last + 1 :])
    rows = [(last + 2 + i, row) for i, row in enumerate(body) if any(text_of(c) for c in row)]
    return Sheet(texts, columns, rows, notes)


@dataclass
class Parsed:
    values: dict
    masked: Counter


def parse_row(row: list, columns: dict[str, int]) -> tuple[Parsed | None, str]:
    """One row as a 工单's values, redacted — or None and the reason in Chinese."""

    def cell(key):
        position = columns.get(key)
        return row[position] if position is not None and position < len(row) else None

    masked: Counter = Counter()

    def clean_text(key, limit):
        text, counts = redact(text_of(cell(key)))
        masked.update(counts)
        return re.sub(r"\s+", " ", text).strip()[:limit]

    number = re.sub(r"\s", "", redact(text_of(cell("number")))[0])
    if not number:
        return None, "缺少工单编号"
    if len(number) > 60:
        return None, "工单编号过长（超过60个字符）"
    received = parse_date(cell("received"))
    if received is None:
        shown = text_of(cell("received"))[:20] or "空"
        return None, f"来电时间无法识别（{shown}），请写成 2026-11-03 或 2026年11月3日"
    content = clean_text("content", 4000)
    if not content:
        return None, "诉求内容为空"
    category = "／".join(part for part in (clean_text("category", 60), clean_text("subcategory", 60)) if part)
    values = {
        "number": number,
        "received_on": received,
        "content": content,
        "category": category,
        **{key: clean_text(key, limit) for key, limit in TEXT_LIMITS.items() if key != "category"},
        "closed_on": parse_date(cell("closed")),
    }
    return Parsed(values, masked), ""


def preview(sheet: Sheet, rows: int = PREVIEW_ROWS) -> list[dict]:
    """The first rows as they would be stored (after redaction), for staff to check before import."""
    shown = []
    for number, row in sheet.rows[:rows]:
        parsed, problem = parse_row(row, sheet.columns)
        shown.append({"row": number, "values": parsed.values if parsed else None, "problem": problem})
    return shown


@dataclass
class ImportResult:
    imported: int = 0
    updated: int = 0
    skipped: int = 0
    masked: Counter = field(default_factory=Counter)
    errors: list[dict] = field(default_factory=list)
    months: set = field(default_factory=set)


def import_sheet(sheet: Sheet, source: str, progress=None) -> ImportResult:
    """Save every good row (new by 工单编号, else updated); each bad row is reported by its number and
    the rest still import. A row exactly as stored already is skipped."""
    from django.db import transaction

    from .models import Ticket
    from .sorting import active_rules, sort_ticket, words_of

    result = ImportResult()
    rules = active_rules()
    parsed_rows: dict[str, dict] = {}
    for number, row in sheet.rows:
        parsed, problem = parse_row(row, sheet.columns)
        if parsed is None:
            result.errors.append({"row": number, "message": f"第{number}行：{problem}。"})
            continue
        result.masked.update(parsed.masked)
        parsed_rows[parsed.values["number"]] = parsed.values  # the later row of a repeated number wins
    existing = {t.number: t for t in Ticket.objects.filter(source=source, number__in=list(parsed_rows))}
    new, changed = [], []
    compared = (
        "received_on",
        "content",
        "category",
        "township",
        "village",
        "handler",
        "status",
        "closed_on",
        "satisfaction",
    )
    for i, (number, values) in enumerate(parsed_rows.items()):
        ticket = existing.get(number)
        if ticket is not None and all(getattr(ticket, key) == values[key] for key in compared):
            result.skipped += 1
            continue
        ticket = ticket or Ticket(source=source, number=number)
        for key in compared:
            setattr(ticket, key, values[key])
        field_, rule, hit = sort_ticket(ticket.content, rules)
        ticket.field, ticket.rule_id, ticket.matched = field_, rule, hit
        ticket.words = words_of(ticket.content)
        (changed if ticket.pk else new).append(ticket)
        result.months.add(ticket.received_on.replace(day=1))
        if progress is not None and i % 2000 == 0:
            progress(i)
    with transaction.atomic():
        Ticket.objects.bulk_create(new, batch_size=1000)
        Ticket.objects.bulk_update(changed, [*compared, "field", "rule", "matched", "words"], batch_size=1000)
        recount_months(result.months)
    result.imported, result.updated = len(new), len(changed)
    return result


def recount_months(months) -> None:
    """Each month's counts (by field and 乡镇) and word counts worked out again from its 工单 — what
    研判 sums, so that its cost does not grow with the number of 工单."""
    import calendar

    from django.db.models import Count

    from .models import MonthlyCount, MonthlyWord, Ticket

    for month in months:
        month = month.replace(day=1)
        in_month = Ticket.objects.filter(
            received_on__gte=month,
            received_on__lte=month.replace(day=calendar.monthrange(month.year, month.month)[1]),
        )
        words: Counter = Counter()
        for listed in in_month.values_list("words", flat=True):
            words.update(listed)
        MonthlyWord.objects.filter(month=month).delete()
        MonthlyWord.objects.bulk_create(
            [MonthlyWord(month=month, word=word[:20], count=n) for word, n in words.items()], batch_size=2000
        )
        MonthlyCount.objects.filter(month=month).delete()
        MonthlyCount.objects.bulk_create(
            [
                MonthlyCount(month=month, field=row["field"], township=row["township"], count=row["n"])
                for row in in_month.values("field", "township").annotate(n=Count("pk")).order_by()
            ],
            batch_size=2000,
        )
