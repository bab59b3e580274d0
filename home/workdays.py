"""Working days (工作日) as the 政府信息公开条例 counts them: Monday to Friday, except official
holidays, plus the weekend days made working days by 调休 — from the calendar staff keep
(home.models.CalendarDay, seeded from the 国务院办公厅 notices). Every deadline in working days
uses these functions; a process reads each year of the calendar at most once a minute (a register
of 100 applications asks once), and at once again after a day of it changes in that process."""

import calendar
import datetime

CALENDAR_SECONDS = 60  # a year of the calendar is read again at most this often (lists stay flat)
_calendar_years: dict[int, tuple[float, dict[datetime.date, bool]]] = {}


def _calendar_year(year: int) -> dict[datetime.date, bool]:
    import time

    from home.models import CalendarDay

    held = _calendar_years.get(year)
    if held is None or time.monotonic() - held[0] > CALENDAR_SECONDS:
        days = dict(CalendarDay.objects.filter(date__year=year).values_list("date", "is_working_day"))
        held = _calendar_years[year] = (time.monotonic(), days)
    return held[1]


def forget_calendar(**kwargs) -> None:
    """A CalendarDay saved or deleted (connected in HomeConfig.ready): read again next time — now,
    and once more when the change commits (a read in between may have seen it half-way)."""
    from django.db import transaction

    _calendar_years.clear()
    transaction.on_commit(_calendar_years.clear)


class WorkingCalendar:
    def __init__(self):
        self._years: dict[int, dict[datetime.date, bool]] = {}

    def _year(self, year: int) -> dict[datetime.date, bool]:
        if year not in self._years:
            self._years[year] = _calendar_year(year)
        return self._years[year]

    def is_working_day(self, day: datetime.date) -> bool:
        adjusted = self._year(day.year).get(day)
        return adjusted if adjusted is not None else day.weekday() < 5


def is_working_day(day: datetime.date) -> bool:
    return WorkingCalendar().is_working_day(day)


def add_working_days(
    start: datetime.date, days: int, calendar: WorkingCalendar | None = None
) -> datetime.date:
    """The date `days` working days after `start` (the day of receipt itself is not counted)."""
    calendar = calendar or WorkingCalendar()
    day, left = start, days
    while left > 0:
        day += datetime.timedelta(days=1)
        left -= calendar.is_working_day(day)
    return day


def working_day_on_or_after(day: datetime.date, calendar: WorkingCalendar | None = None) -> datetime.date:
    """`day` when it is a working day, else the next one (an online application sent on a holiday
    is received — confirmed — on the next working day)."""
    calendar = calendar or WorkingCalendar()
    return day if calendar.is_working_day(day) else add_working_days(day, 1, calendar)


def working_days_after(
    start: datetime.date, end: datetime.date, calendar: WorkingCalendar | None = None
) -> set[datetime.date]:
    """The working days after `start` up to and including `end` (overlapping pauses: a union)."""
    calendar = calendar or WorkingCalendar()
    days, day = set(), start
    while day < end:
        day += datetime.timedelta(days=1)
        if calendar.is_working_day(day):
            days.add(day)
    return days


def working_days_between(
    start: datetime.date, end: datetime.date, calendar: WorkingCalendar | None = None
) -> int:
    """Working days after `start` up to and including `end` (0 when end <= start)."""
    return len(working_days_after(start, end, calendar))


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` calendar months later (or earlier), else that month's last day:
    1月31日 + 2 → 3月31日; 12月31日 + 2 → 2月28日 (or 29日)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return datetime.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


_confirmed: dict = {"years": None, "read_at": 0.0}
CONFIRMED_YEARS_SECONDS = 60  # read again at most this often (a list of 100 applications asks once)


def confirmed_years() -> frozenset[int]:
    import time

    from home.models import HolidayArrangement

    if _confirmed["years"] is None or time.monotonic() - _confirmed["read_at"] > CONFIRMED_YEARS_SECONDS:
        _confirmed["years"] = frozenset(
            HolidayArrangement.objects.filter(confirmed=True).values_list("year", flat=True)
        )
        _confirmed["read_at"] = time.monotonic()
    return _confirmed["years"]


def forget_confirmed_years(**kwargs) -> None:
    """HolidayArrangement saved or deleted (connected in HomeConfig.ready): read again next time."""
    _confirmed["years"] = None


def forget_calendar_memos() -> None:
    """Both memos dropped (a test's database is not the last one's)."""
    _confirmed["years"] = None
    _calendar_years.clear()


def provisional_years(start: datetime.date, end: datetime.date) -> list[int]:
    """The years from `start` to `end` whose holiday arrangement is not entered as confirmed: a
    working-day deadline reaching into one is 暂定 (a 调休 announced later can move it)."""
    confirmed = confirmed_years()
    return [year for year in range(start.year, end.year + 1) if year not in confirmed]
