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
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.http import content_disposition_header

from home.spreadsheets import XLSX_TYPE, Column, add_sheet, new_workbook, workbook_bytes
from home.workdays import add_months

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


def _on_time_transfer(steps: dict[str, ClueStep]) -> bool:
    reported, approved, sent = steps.get("reported"), steps.get("approved"), steps.get("transferred")
    if not (approved and sent):
        return False
    from .deadlines import moment

    approved_in_time = reported is None or approved.on <= reported.on + datetime.timedelta(days=3)
    sent_in_time = moment(sent.on, sent.at) <= moment(approved.on, approved.at) + datetime.timedelta(hours=24)
    return approved_in_time and sent_in_time


def figures(year: int, month: int | None = None, user=None) -> dict:
    """The 案情通报 of what `user` may see (no user: everything — `clue_stats`)."""
    from .models import Clue, PenaltyDecision
    from .screening import flag_condition

    first, last = period(year, month)
    clues = (Clue.objects.all() if user is None else visible_clues(user)).exclude(kind=ClueKind.DISCIPLINE)
    in_period = ClueStep.objects.filter(clue__in=clues, on__gte=first, on__lte=last)
    # the clues with a counted step in the period, and all their steps (for the on-time tests)
    counted = {
        "transferred",
        "opinion_delivered",
        "received",
        *POLICE_ACCEPTED,
        *POLICE_DECLINED,
        *SUPERVISED,
    }
    ids = set(in_period.filter(code__in=counted).values_list("clue_id", flat=True))
    steps_by_clue: dict[int, dict[str, ClueStep]] = defaultdict(dict)
    info = {}
    for step in ClueStep.objects.filter(clue_id__in=ids).select_related("clue__unit").order_by("on", "pk"):
        steps_by_clue[step.clue_id].setdefault(step.code, step)
        info[step.clue_id] = step.clue
    totals = Counter({key: 0 for key in KEYS})
    by_unit: dict[str, Counter] = defaultdict(Counter)
    by_source, by_stage = Counter(), Counter()

    def count(clue, key):
        totals[key] += 1
        by_unit[clue.unit.name if clue.unit_id else NO_UNIT][key] += 1

    def within(step):
        return step is not None and first <= step.on <= last

    for clue_id, steps in steps_by_clue.items():
        clue = info[clue_id]
        if clue.kind == ClueKind.TRANSFER:
            if within(steps.get("transferred")):
                count(clue, "transfers")
                if _on_time_transfer(steps):
                    count(clue, "transfers_on_time")
            if any(within(steps.get(code)) for code in POLICE_ACCEPTED):
                count(clue, "police_accepted")
            if any(within(steps.get(code)) for code in POLICE_DECLINED):
                count(clue, "police_declined")
            if any(within(steps.get(code)) for code in SUPERVISED):
                count(clue, "supervised")
        elif clue.kind == ClueKind.OPINION and within(delivered := steps.get("opinion_delivered")):
            count(clue, "opinions")
            replies = [steps.get(code) for code in ("replied_punished", "replied_not_punished")]
            due = add_months(delivered.on, 2)
            if any(reply and reply.on <= due for reply in replies):
                count(clue, "opinions_replied_on_time")
        elif clue.kind == ClueKind.PUBLIC_INTEREST and within(steps.get("received")):
            count(clue, "public_interest_clues")
            by_source[ClueSource(clue.source).label if clue.source else "其他"] += 1
            rule = STEPS.get((clue.kind, clue.stage))
            by_stage[rule.stage if rule else "未登记"] += 1

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
        for name, n in Counter(queryset.values_list("unit__name", flat=True)).items():
            totals[key] += n
            by_unit[name][key] += n
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
    result = figures(year, month, request.user)
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
