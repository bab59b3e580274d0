"""The suite's day. A test that depends on the date asks for the `today` fixture: the clock is moved
to 10:00 (Asia/Shanghai) of the suite's day with time-machine and keeps ticking from there, so the
code under test, the live server of the browser tests (same process) and the test all read one
date, and every date the test writes is derived from it. The suite's day is the real date unless
FJLD_TEST_TODAY names another (an ISO date, or an offset in days such as +365): `make test-dates`
runs the clock tests (marked `clock`) on the days that matter."""

import datetime
import os
import zoneinfo

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
ENVIRONMENT = "FJLD_TEST_TODAY"

# The days `make test-dates` sweeps (Makefile): each a day on which a clock has gone wrong somewhere.
SWEEP_DAYS = {
    "2026-12-31": "the last working day of a year",
    "2027-01-01": "1 January (元旦)",
    "2026-10-10": "a 调休 Saturday that is a working day",
    "2026-10-01": "a national holiday (国庆节)",
    "2028-02-29": "29 February",
    "2029-06-15": "a day in a year whose holiday arrangement is not seeded",
}


def real_today() -> datetime.date:
    return datetime.datetime.now(SHANGHAI).date()


def suite_today() -> datetime.date:
    raw = os.environ.get(ENVIRONMENT, "").strip()
    if not raw:
        return real_today()
    if raw[0] in "+-":
        return real_today() + datetime.timedelta(days=int(raw.rstrip("d")))
    return datetime.date.fromisoformat(raw)


def morning_of(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=SHANGHAI)
