"""案情通报: a month's or a year's figures of the register and the 以罚代刑 screen, by unit — on
screen (/admin/clues/report/), as XLSX, and as `manage.py clue_stats`. One definition (`figures`),
counted from the steps dated in the period, in a fixed number of queries:

- transfers: cases transferred to the police in the period; transfers_on_time: of those, approved
  within 3 days of the report and transferred within 24 hours of the approval (310号令第五条);
- police_accepted / police_declined: 立案 (at first, after 复议 or after 立案监督) / 不予立案 decisions;
- supervised: 立案监督 opened; opinions: 检察意见书 delivered; opinions_replied_on_time: of those,
  answered in writing within two months of delivery;
- public_interest_clues: public-interest clues received (by source and by current stage too);
- penalty_decisions, flagged, flagged_transferred: the 行政处罚决定 decided in the period, those
  the screen flags today, and those the procuratorate proposed to transfer."""

import calendar
import datetime
from collections import Counter, defaultdict

from django import forms
from django.db import models
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.http import content_disposition_header

from home.spreadsheets import XLSX_TYPE, Column, add_sheet, new_workbook, workbook_bytes
from home.workdays import add_months
from internal.dashboard import kept_for_the_ledger

from .access import visible_clues, visible_decisions
from .lives import POLICE_ACCEPTED, POLICE_DECLINED, STEPS, SUPERVISED, ClueKind, ClueSource
from .models import ClueStep, Finding
from .permissions import reads_all_clues

KEYS = (
    "transfers",
    "transfers_on_time",
    "police_accepted",
    "police_declined",
    "supervised",
    "opinions",
    "opinions_replied_on_time",
    "public_interest_clues",
    "penalty_decisions",
    "flagged",
    "flagged_transferred",
)
LABELS = {
    "transfers": "移送涉嫌犯罪案件",
    "transfers_on_time": "其中按期移送",
    "police_accepted": "公安机关立案",
    "police_declined": "公安机关不予立案",
    "supervised": "立案监督",
    "opinions": "检察意见",
    "opinions_replied_on_time": "其中两个月内书面回复",
    "public_interest_clues": "公益诉讼线索",
    "penalty_decisions": "录入行政处罚决定",
    "flagged": "疑似以罚代刑",
    "flagged_transferred": "其中建议移送",
}
NO_UNIT = "（无单位）"


def period(year: int, month: int | None) -> tuple[datetime.date, datetime.date]:
    if month:
        return datetime.date(year, month, 1), datetime.date(year, month, calendar.monthrange(year, month)[1])
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def _first(code: str):
    """The date (and hour) of the clue's first step `code`, as a subquery of a step row."""
    from django.db.models import OuterRef, Subquery

    steps = ClueStep.objects.filter(clue=OuterRef("clue_id"), code=code).order_by("on", "pk")
    return Subquery(steps.values("on")[:1]), Subquery(steps.values("at")[:1])


def _on_time_transfer(reported_on, approved_on, approved_at, sent_on, sent_at) -> bool:
    """Approved within 3 days of the report and sent within 24 hours of the approval (第五条)."""
    from .deadlines import moment

    if approved_on is None:
        return False
    approved_in_time = reported_on is None or approved_on <= reported_on + datetime.timedelta(days=3)
    return approved_in_time and moment(sent_on, sent_at) <= moment(
        approved_on, approved_at
    ) + datetime.timedelta(hours=24)


def figures(year: int, month: int | None = None, user=None) -> dict:
    """The 案情通报 of what `user` may see (no user: everything — `clue_stats`). Counted in the
    database by the steps dated in the period, a clue once per figure; the two on-time figures
    compare each counted step with the clue's earlier steps (a handful of rows per transfer or
    opinion of the period). A fixed number of queries at any size."""
    from django.db.models import Count

    from .models import Clue, PenaltyDecision
    from .screening import flag_condition

    first, last = period(year, month)
    clues = (Clue.objects.all() if user is None else visible_clues(user)).exclude(kind=ClueKind.DISCIPLINE)
    in_period = ClueStep.objects.filter(clue__in=clues, on__gte=first, on__lte=last)
    totals = Counter({key: 0 for key in KEYS})
    by_unit: dict[str, Counter] = defaultdict(Counter)

    def add(key, unit_name, n=1):
        totals[key] += n
        by_unit[unit_name or NO_UNIT][key] += n

    for key, kind, codes in (
        ("transfers", ClueKind.TRANSFER, {"transferred"}),
        ("police_accepted", ClueKind.TRANSFER, POLICE_ACCEPTED),
        ("police_declined", ClueKind.TRANSFER, POLICE_DECLINED),
        ("supervised", ClueKind.TRANSFER, SUPERVISED),
        ("opinions", ClueKind.OPINION, {"opinion_delivered"}),
        ("public_interest_clues", ClueKind.PUBLIC_INTEREST, {"received"}),
    ):
        counted = (
            in_period.filter(clue__kind=kind, code__in=codes)
            .values("clue__unit__name")
            .annotate(n=Count("clue_id", distinct=True))
            .order_by()
        )
        for row in counted:
            add(key, row["clue__unit__name"], row["n"])

    reported_on, _ = _first("reported")
    approved_on, approved_at = _first("approved")
    sent = in_period.filter(clue__kind=ClueKind.TRANSFER, code="transferred").annotate(
        reported_on=reported_on, approved_on=approved_on, approved_at=approved_at
    )
    for unit_name, *facts in sent.values_list(
        "clue__unit__name", "reported_on", "approved_on", "approved_at", "on", "at"
    ):
        if _on_time_transfer(*facts):
            add("transfers_on_time", unit_name)

    from django.db.models import Min

    replies = ClueStep.objects.filter(
        clue=models.OuterRef("clue_id"), code__in=("replied_punished", "replied_not_punished")
    )
    delivered = in_period.filter(clue__kind=ClueKind.OPINION, code="opinion_delivered").annotate(
        replied_on=models.Subquery(replies.values("clue").annotate(first=Min("on")).values("first")[:1])
    )
    for unit_name, on, replied_on in delivered.values_list("clue__unit__name", "on", "replied_on"):
        if replied_on is not None and replied_on <= add_months(on, 2):
            add("opinions_replied_on_time", unit_name)

    by_source, by_stage = Counter(), Counter()
    received = in_period.filter(clue__kind=ClueKind.PUBLIC_INTEREST, code="received")
    for source, stage, n in (
        received.values_list("clue__source", "clue__stage")
        .annotate(n=Count("clue_id", distinct=True))
        .order_by()
    ):
        by_source[ClueSource(source).label if source else "其他"] += n
        rule = STEPS.get((ClueKind.PUBLIC_INTEREST, stage))
        by_stage[rule.stage if rule else "未登记"] += n

    # the counts of every unit's decisions for whoever reads the whole register; a liaison's own
    every_decision = user is None or reads_all_clues(user)
    decisions = (PenaltyDecision.objects.all() if every_decision else visible_decisions(user)).filter(
        decided_on__gte=first, decided_on__lte=last
    )
    flagged = decisions.filter(flag_condition())
    for key, queryset in (
        ("penalty_decisions", decisions),
        ("flagged", flagged),
        ("flagged_transferred", flagged.filter(review__finding=Finding.TRANSFER)),
    ):
        for name, n in queryset.values_list("unit__name").annotate(n=Count("pk")).order_by():
            add(key, name, n)
    return {
        **{key: totals[key] for key in KEYS},
        "public_interest_by_source": dict(by_source),
        "public_interest_by_stage": dict(by_stage),
        "by_unit": {name: {key: counts[key] for key in KEYS} for name, counts in sorted(by_unit.items())},
    }


def rate(part: int, whole: int) -> str:
    return f"{part * 100 / whole:.1f}%" if whole else "—"


class PeriodForm(forms.Form):
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)
    month = forms.TypedChoiceField(
        label="月份",
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "全年"), *((m, f"{m}月") for m in range(1, 13))],
    )


def workbook(result: dict, title: str) -> bytes:
    book = new_workbook(title)
    columns = [Column("单位", 28), *(Column(LABELS[key], 12) for key in KEYS)]
    rows = [[name, *(counts[key] for key in KEYS)] for name, counts in result["by_unit"].items()]
    rows.append(["合计", *(result[key] for key in KEYS)])
    add_sheet(book, "案情通报", columns, rows, title=title)
    return workbook_bytes(book)


def clue_report(request):
    """案情通报 (the procuratorate, the office, 行政执法监督: every unit; a liaison: their own)."""
    from django.core.exceptions import PermissionDenied

    from .permissions import follows_clues

    if not follows_clues(request.user):
        raise PermissionDenied
    today = timezone.localdate()
    form = PeriodForm(request.GET or {"year": today.year, "month": today.month})
    status = 200
    if form.is_valid():
        year, month = form.cleaned_data["year"], form.cleaned_data["month"]
    else:
        year, month, status = today.year, today.month, 400
    # kept in the shared cache until any record of the register or the screen changes (the same
    # renewal as the admin's panels): the figures depend on nothing else, not even today's date
    scope = (
        ("all",)
        if reads_all_clues(request.user)
        else tuple(request.user.member_units.values_list("pk", flat=True))
    )
    result = kept_for_the_ledger(
        "clue-report", (year, month, *scope), lambda: figures(year, month, request.user)
    )
    title = f"府检线索互通案情通报（{year}年{f'{month}月' if month else '全年'}）"
    if request.GET.get("export") == "xlsx" and status == 200:
        response = HttpResponse(workbook(result, title), content_type=XLSX_TYPE)
        response["Content-Disposition"] = content_disposition_header(True, f"{title}.xlsx")
        response["Cache-Control"] = "private, no-store"
        return response
    rows = [(name, [counts[key] for key in KEYS]) for name, counts in result["by_unit"].items()]
    return TemplateResponse(
        request,
        "clues/admin/report.html",
        {
            "form": form,
            "result": result,
            "title": title,
            "labels": [LABELS[key] for key in KEYS],
            "rows": rows,
            "totals": [result[key] for key in KEYS],
            "transfer_rate": rate(result["transfers_on_time"], result["transfers"]),
            "reply_rate": rate(result["opinions_replied_on_time"], result["opinions"]),
            "every_unit": reads_all_clues(request.user),
            "header_title": "案情通报",
            "query": request.GET.urlencode(),
        },
        status=status,
    )
