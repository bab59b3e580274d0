"""A clue's stage and deadlines, worked out from its steps and the rules (clues/lives.py) — never
typed in. `derive()` is the one definition; `refresh()` stores what it gives on the clue (so that
lists filter and count in SQL) and is called whenever a fact it depends on changes: a step or pause
recorded, corrected or removed (ClueStep's signals), the linked 检察建议 saved (its reply period),
or a day of the 工作日历 (every open clue whose clock counts working days)."""

import calendar as month_calendar
import datetime
from dataclasses import dataclass

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from home.workdays import WorkingCalendar, add_months, add_working_days, working_days_after

from .lives import FEEDBACK_CODE, FEEDBACK_SOURCES, PAUSE_CODE, STEPS, ClueKind, Step, life_steps


@dataclass(frozen=True)
class Derived:
    stage: str
    opened_on: datetime.date | None
    closed_on: datetime.date | None
    due_on: datetime.date | None
    due_at: datetime.datetime | None
    paused: bool
    feedback_due: datetime.date | None


def moment(day: datetime.date, at: datetime.time | None = None) -> datetime.datetime:
    """`day` at `at` in the site's time zone (Asia/Shanghai); no time: the start of the day."""
    return timezone.make_aware(datetime.datetime.combine(day, at or datetime.time.min))


def month_end(day: datetime.date) -> datetime.date:
    return day.replace(day=month_calendar.monthrange(day.year, day.month)[1])


def paused_working_days(step, pauses, calendar) -> tuple[set[datetime.date], bool]:
    """The working days the pauses after `step` cover (a union: overlapping pauses count once), and
    whether one is still open (then the clock stands still and has no date)."""
    days: set[datetime.date] = set()
    open_ = False
    for pause in pauses:
        if pause.on < step.on:
            continue
        if pause.ends_on is None:
            open_ = True
            continue
        days |= working_days_after(pause.on - datetime.timedelta(days=1), pause.ends_on, calendar)
    return {day for day in days if day > step.on}, open_  # the day of registration is never counted


def deadline(
    clue, rule: Step, step, pauses, calendar
) -> tuple[datetime.date | None, datetime.datetime | None, bool]:
    """When what follows `step` is due under `rule.clock`: (last day, the moment it is late, paused)."""
    clock = rule.clock
    if clock.unit == "hours":
        late = moment(step.on, step.at) + datetime.timedelta(hours=clock.amount)
        return timezone.localdate(late), late, False
    if clock.unit == "days":
        last = step.on + datetime.timedelta(days=clock.amount)
    elif clock.unit == "months":
        last = add_months(step.on, clock.amount)
    elif clock.unit == "working_days":
        days, open_ = paused_working_days(step, pauses, calendar) if clock.pausable else (set(), False)
        if open_:
            return None, None, True
        last = add_working_days(step.on, clock.amount + len(days), calendar)
    elif clock.unit == "recommendation":
        rec = clue.recommendation
        if rec is None or not rec.reply_due:
            return None, None, False
        last = rec.reply_due
    else:
        raise ValueError(clock.unit)
    return last, moment(last + datetime.timedelta(days=1)), False


def derive(clue, steps, calendar: WorkingCalendar | None = None) -> Derived:
    """What `clue`'s steps (all of them, any order) say today holds."""
    calendar = calendar or WorkingCalendar()
    steps = sorted(steps, key=lambda s: (s.on, s.pk or 0))
    life = life_steps(steps)
    pauses = [s for s in steps if s.code == PAUSE_CODE]
    if not life:
        return Derived("", None, None, None, None, False, None)
    latest = life[-1]
    rule = STEPS[(clue.kind, latest.code)]
    due_on = due_at = None
    paused = False
    if rule.clock is not None:
        due_on, due_at, paused = deadline(clue, rule, latest, pauses, calendar)
    feedback_due = None
    if (
        clue.kind == ClueKind.PUBLIC_INTEREST
        and clue.source in FEEDBACK_SOURCES
        and not any(s.code == FEEDBACK_CODE for s in steps)
    ):
        feedback_due = month_end(life[0].on)
    return Derived(
        stage=latest.code,
        opened_on=life[0].on,
        closed_on=latest.on if rule.closes else None,
        due_on=due_on,
        due_at=due_at,
        paused=paused,
        feedback_due=feedback_due,
    )


def refresh(clue, calendar: WorkingCalendar | None = None) -> Derived:
    """Work the clue's derived fields out again and store them (an update: no signal, no clean)."""
    from .models import Clue

    derived = derive(clue, list(clue.steps.all()), calendar)
    fields = derived.__dict__
    Clue.objects.filter(pk=clue.pk).update(**fields)
    for name, value in fields.items():
        setattr(clue, name, value)
    return derived


def refresh_open_working_day_clues(**kwargs) -> int:
    """The 工作日历 changed: every open clue whose clock counts working days, worked out again."""
    from .models import Clue

    working = {
        code for (kind, code), step in STEPS.items() if step.clock and step.clock.unit == "working_days"
    }
    calendar = WorkingCalendar()
    moved = 0
    with transaction.atomic():
        for clue in Clue.objects.filter(stage__in=working, closed_on__isnull=True).prefetch_related("steps"):
            before = clue.due_on
            moved += refresh(clue, calendar).due_on != before
    return moved


def _step_changed(sender, instance, **kwargs):
    from .models import Clue

    clue = Clue.objects.filter(pk=instance.clue_id).select_related("recommendation").first()
    if clue is not None:
        refresh(clue)


def _recommendation_saved(sender, instance, **kwargs):
    from .models import Clue

    clue = Clue.objects.filter(recommendation=instance).first()
    if clue is not None:
        refresh(clue)


def _calendar_changed(sender, **kwargs):
    transaction.on_commit(refresh_open_working_day_clues)


def _records_changed(sender, **kwargs):
    """Any record of this app saved or deleted: the cached panels and figures are worked out afresh."""
    if getattr(sender, "_meta", None) is not None and sender._meta.app_label == "clues":
        from internal.dashboard import renew_panels

        renew_panels()


def connect() -> None:
    from home.models import CalendarDay
    from internal.models import Recommendation

    from .models import ClueStep

    post_save.connect(_step_changed, sender=ClueStep, dispatch_uid="clues-step-saved")
    post_delete.connect(_step_changed, sender=ClueStep, dispatch_uid="clues-step-deleted")
    post_save.connect(_recommendation_saved, sender=Recommendation, dispatch_uid="clues-recommendation-saved")
    post_save.connect(_calendar_changed, sender=CalendarDay, dispatch_uid="clues-calendar-saved")
    post_delete.connect(_calendar_changed, sender=CalendarDay, dispatch_uid="clues-calendar-deleted")
    post_save.connect(_records_changed, dispatch_uid="clues-records-saved")
    post_delete.connect(_records_changed, dispatch_uid="clues-records-deleted")
