"""Dashboard panels on the Wagtail admin home (督查督办 at a glance). Each panel makes a fixed
number of queries however many resolutions there are (tests/internal/test_dashboard.py)."""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone
from wagtail.admin.ui.components import Component

from .access import sees_everything, visible_resolutions
from .models import MeetingKind, MeetingPage, MemberUnit, TrainingForm, TrainingSessionPage
from .models.training import YEARLY_TARGET, years_missing_the_target

DUE_SOON_DAYS = 7
# 联席会议 "每半年召开一次全体会议": the next one is due six months after the last.
PLENARY_CADENCE_MONTHS = 6


ITEMS_PER_UNIT = 3  # the most urgent; the rest are a click away in the filtered list


@dataclass
class UnitItems:
    unit: MemberUnit
    overdue: list = field(default_factory=list)
    due_soon: list = field(default_factory=list)

    @property
    def most_urgent(self) -> list:
        return (self.overdue + self.due_soon)[:ITEMS_PER_UNIT]

    @property
    def more(self) -> int:
        return len(self.overdue) + len(self.due_soon) - len(self.most_urgent)


def resolutions_due_by_unit(user, today: datetime.date) -> list[UnitItems]:
    """Overdue and due-within-7-days resolutions, grouped by unit: the lead unit for the office, the
    user's own unit(s) — as lead or co-unit — for a liaison."""
    resolutions = visible_resolutions(user).due_by(today + datetime.timedelta(days=DUE_SOON_DAYS))
    resolutions = resolutions.defer("page__agenda", "page__minutes")
    office = sees_everything(user)
    if office:  # grouped by lead unit: the co-units are not needed (and cost most of the time)
        resolutions = resolutions.prefetch_related(None)
    own_units = [] if office else list(user.member_units.all())
    groups: dict[int, UnitItems] = {}
    for resolution in resolutions:
        if office:
            units = [resolution.lead_unit]
        else:
            carriers = {resolution.lead_unit_id, *(u.pk for u in resolution.co_units.all())}
            units = [unit for unit in own_units if unit.pk in carriers]
        for unit in units:
            items = groups.setdefault(unit.pk, UnitItems(unit))
            (items.overdue if resolution.deadline < today else items.due_soon).append(resolution)
    return sorted(groups.values(), key=lambda g: (-len(g.overdue), g.unit.sort_order, g.unit.name))


def add_months(day: datetime.date, months: int) -> datetime.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last_day in (31, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=min(day.day, last_day))
        except ValueError:
            continue
    raise AssertionError("unreachable")


@dataclass
class Cadence:
    last: MeetingPage | None
    days_since: int | None
    next_due: datetime.date | None
    days_left: int | None

    @property
    def missed(self) -> bool:
        return self.last is None or self.days_left < 0


def plenary_cadence(today: datetime.date) -> Cadence:
    last = (
        MeetingPage.objects.live()
        .filter(kind=MeetingKind.PLENARY, date__lte=today)
        .order_by("-date", "-pk")
        .first()
    )
    if last is None:
        return Cadence(None, None, None, None)
    next_due = add_months(last.date, PLENARY_CADENCE_MONTHS)
    return Cadence(last, (today - last.date).days, next_due, (next_due - today).days)


@dataclass
class TrainingTarget:
    year: int
    sessions: list
    target: int = YEARLY_TARGET
    days_left: int = 0

    @property
    def met(self) -> bool:
        return len(self.sessions) >= self.target


def training_target(today: datetime.date) -> TrainingTarget:
    sessions = list(
        TrainingSessionPage.objects.live()
        .filter(form=TrainingForm.JOINT, date__year=today.year)
        .order_by("date")
        .only("pk", "title", "date")
    )
    days_left = (datetime.date(today.year, 12, 31) - today).days
    return TrainingTarget(today.year, sessions, days_left=days_left)


def missed_training_years(today: datetime.date, years: int = 3) -> list[int]:
    """Past years (of the last `years`, since the first recorded training) without a joint training."""
    first = TrainingSessionPage.objects.live().order_by("date").values_list("date", flat=True).first()
    start = max(today.year - years, first.year if first else today.year)
    return years_missing_the_target(start, today.year - 1) if start < today.year else []


class ResolutionsDuePanel(Component):
    name = "internal_resolutions_due"
    template_name = "internal/admin/panels/resolutions_due.html"
    order = 50

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        today = timezone.localdate()
        groups = resolutions_due_by_unit(self.user, today)
        return {
            "groups": groups,
            "office": sees_everything(self.user),
            "overdue_count": sum(len(g.overdue) for g in groups),
            "due_soon_count": sum(len(g.due_soon) for g in groups),
            "due_soon_days": DUE_SOON_DAYS,
        }


class CadencePanel(Component):
    """For the office: the year's joint training against the target, and the half-yearly 全体会议."""

    name = "internal_cadence"
    template_name = "internal/admin/panels/cadence.html"
    order = 60

    def get_context_data(self, parent_context=None):
        today = timezone.localdate()
        return {
            "training": training_target(today),
            "missed_years": missed_training_years(today),
            "cadence": plenary_cadence(today),
            "cadence_months": PLENARY_CADENCE_MONTHS,
        }


class RecommendationsOverduePanel(Component):
    """检察建议: replies and rectifications overdue, by recommended unit (a liaison: their own)."""

    name = "internal_recommendations_overdue"
    template_name = "internal/admin/panels/recommendations_overdue.html"
    order = 55

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        from django.db.models import Q

        from .models import RecommendationState
        from .recommendations import reads_every_recommendation, visible_recommendations, with_states

        today = timezone.localdate()
        # Only what can be overdue (a reply due, or a promised rectification date, before today).
        candidates = (
            visible_recommendations(self.user)
            .filter(closed_on__isnull=True)
            .filter(Q(reply_due__lt=today) | Q(replies__promised_by__lt=today))
            .distinct()
        )
        rows: dict[str, dict] = {}
        for item in with_states(candidates, today):
            if not item.overdue:
                continue
            row = rows.setdefault(item.target, {"unit": item.target, "reply": [], "rectification": []})
            late = "reply" if item.state == RecommendationState.REPLY_OVERDUE else "rectification"
            row[late].append(item)
        groups = sorted(rows.values(), key=lambda r: (-len(r["reply"]) - len(r["rectification"]), r["unit"]))
        return {
            "groups": groups,
            "everyone": reads_every_recommendation(self.user),
            "reply_count": sum(len(g["reply"]) for g in groups),
            "rectification_count": sum(len(g["rectification"]) for g in groups),
        }
