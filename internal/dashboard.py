"""Dashboard panels on the Wagtail admin home (督查督办 at a glance). Each panel makes a fixed
number of queries however many resolutions there are (tests/internal/test_dashboard.py)."""

import datetime
import logging
import uuid
from dataclasses import dataclass, field

from django.core.cache import caches
from django.db.models import Count, F, Q, Window
from django.db.models.functions import RowNumber
from django.utils import timezone
from wagtail.admin.ui.components import Component

from home.workdays import add_months

from .access import sees_everything
from .models import MeetingKind, MeetingPage, MemberUnit, TrainingForm, TrainingSessionPage
from .models.training import YEARLY_TARGET, years_missing_the_target

log = logging.getLogger(__name__)
DUE_SOON_DAYS = 7
# 联席会议 "每半年召开一次全体会议": the next one is due six months after the last.
PLENARY_CADENCE_MONTHS = 6


ITEMS_PER_UNIT = 3  # the most urgent; the rest are a click away in the filtered list


@dataclass
class UnitItems:
    unit: MemberUnit
    overdue: int = 0
    due_soon: int = 0
    most_urgent: list = field(default_factory=list)  # the first ITEMS_PER_UNIT by deadline

    @property
    def more(self) -> int:
        return self.overdue + self.due_soon - len(self.most_urgent)


def _due_by_carrier(due, today: datetime.date, carrier: str, unit_ids=None):
    """Counts and the most urgent few per carrying unit (`carrier`: "lead_unit" or "co_units"),
    aggregated and ranked in the database: two queries, whatever the number of items."""
    if unit_ids is not None:
        due = due.filter(**{f"{carrier}__in": unit_ids})
    counts = due.values(carrier).annotate(
        overdue=Count("pk", filter=Q(deadline__lt=today)), due_soon=Count("pk", filter=Q(deadline__gte=today))
    )
    order = (F("deadline").asc(), F("pk").asc())
    ranked = due.annotate(
        carrier=F(carrier), rank=Window(RowNumber(), partition_by=F(carrier), order_by=order)
    ).filter(rank__lte=ITEMS_PER_UNIT)
    return [(row[carrier], row["overdue"], row["due_soon"]) for row in counts.order_by()], list(ranked)


def resolutions_due_by_unit(user, today: datetime.date) -> list[UnitItems]:
    """Overdue and due-within-7-days resolutions, counted by unit in the database, with each unit's
    most urgent few: by lead unit for the office, the user's own unit(s) — as lead or co-unit — for a
    liaison. A fixed number of queries, whatever the number of items or units."""
    from .models import Resolution

    due = Resolution.objects.of_live_meetings().due_by(today + datetime.timedelta(days=DUE_SOON_DAYS))
    if sees_everything(user):
        parts = [_due_by_carrier(due, today, "lead_unit")]
    else:
        own = [unit.pk for unit in user.member_units.all()]
        parts = [_due_by_carrier(due, today, carrier, own) for carrier in ("lead_unit", "co_units")]
    totals: dict[int, list[int]] = {}
    urgent: dict[int, list] = {}
    for counts, ranked in parts:
        for unit_id, overdue, due_soon in counts:
            total = totals.setdefault(unit_id, [0, 0])
            total[0] += overdue
            total[1] += due_soon
        for resolution in ranked:
            urgent.setdefault(resolution.carrier, []).append(resolution)
    units = MemberUnit.objects.in_bulk(list(totals))
    groups = [
        UnitItems(
            units[unit_id],
            overdue,
            due_soon,
            sorted(urgent.get(unit_id, []), key=lambda r: (r.deadline, r.pk))[:ITEMS_PER_UNIT],
        )
        for unit_id, (overdue, due_soon) in totals.items()
    ]
    return sorted(groups, key=lambda g: (-g.overdue, g.unit.sort_order, g.unit.name))


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


PANEL_SECONDS = 60
PANELS_VERSION = "fjld:internal-panels:version"


def renew_panels() -> None:
    """Any change to the section's records (internal/signals.py): every cached panel renders afresh."""
    try:
        caches["pages"].set(PANELS_VERSION, uuid.uuid4().hex[:12], None)
    except Exception:
        log.exception("工作台缓存无法清空")


def kept_for_the_ledger(name: str, parts: tuple, compute, seconds: int = PANEL_SECONDS):
    """`compute()` kept in the shared cache until any record of the section changes (the same
    version as the panels) or `seconds` pass; worked out afresh when the cache cannot answer."""
    cache = caches["pages"]
    try:
        version = cache.get_or_set(PANELS_VERSION, lambda: uuid.uuid4().hex[:12], None)
        key = ":".join(map(str, ("fjld:internal", name, *parts, version)))
        kept = cache.get(key)
    except Exception:
        log.exception("台账缓存无法读取")
        return compute()
    if kept is not None:
        return kept
    value = compute()
    try:
        cache.set(key, value, seconds)
    except Exception:
        log.exception("台账缓存无法写入")
    return value


class RenderedOncePerUser:
    """A panel rendered once per user and day and kept for PANEL_SECONDS in the cache every worker
    shares, so the admin home stays fast at thousands of resolutions; a change to any record of the
    section renews it at once (renew_panels), so nobody sees an item they have just reported on."""

    def render_html(self, parent_context=None):
        cache = caches["pages"]
        try:
            version = cache.get_or_set(PANELS_VERSION, lambda: uuid.uuid4().hex[:12], None)
            user = getattr(self, "user", None)  # None: the same for everyone who is shown it
            viewer = (user.pk, sees_everything(user)) if user is not None else ("all",)
            key = ":".join(
                map(str, ("fjld:internal-panel", self.name, *viewer, timezone.localdate(), version))
            )
            html = cache.get(key)
        except Exception:
            log.exception("工作台缓存不可用")
            return super().render_html(parent_context)
        if html is None:
            html = super().render_html(parent_context)
            try:
                cache.set(key, html, PANEL_SECONDS)
            except Exception:
                log.exception("工作台缓存写入失败")
        return html


class ResolutionsDuePanel(RenderedOncePerUser, Component):
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
            "overdue_count": sum(g.overdue for g in groups),
            "due_soon_count": sum(g.due_soon for g in groups),
            "due_soon_days": DUE_SOON_DAYS,
        }


class CadencePanel(RenderedOncePerUser, Component):
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


class RecommendationsOverduePanel(RenderedOncePerUser, Component):
    """检察建议: replies and rectifications overdue, by recommended unit (a liaison: their own)."""

    name = "internal_recommendations_overdue"
    template_name = "internal/admin/panels/recommendations_overdue.html"
    order = 55

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        from .models import RecommendationState
        from .recommendations import (
            OVERDUE_STATES,
            labelled,
            reads_every_recommendation,
            visible_recommendations,
        )

        today = timezone.localdate()
        visible = visible_recommendations(self.user)
        overdue = [item for state in OVERDUE_STATES for item in visible.in_state(state, today)]
        rows: dict[str, dict] = {}
        for item in labelled(overdue):
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
