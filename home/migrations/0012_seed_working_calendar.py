"""Seed the working calendar: 2026 as the 国务院办公厅 notice on the 2026 holidays sets it (holidays
and 调休 working weekends); 2027's statutory holidays only — its 调休 arrangement is published in
the autumn before, and staff add it in 设置 → 工作日历 when it comes."""

import datetime

from django.db import migrations

D = datetime.date


def days(first, last):
    day = first
    while day <= last:
        yield day
        day += datetime.timedelta(days=1)


HOLIDAYS = [
    ("元旦", D(2026, 1, 1), D(2026, 1, 3)),
    ("春节", D(2026, 2, 15), D(2026, 2, 23)),
    ("清明节", D(2026, 4, 4), D(2026, 4, 6)),
    ("劳动节", D(2026, 5, 1), D(2026, 5, 5)),
    ("端午节", D(2026, 6, 19), D(2026, 6, 21)),
    ("中秋节", D(2026, 9, 25), D(2026, 9, 27)),
    ("国庆节", D(2026, 10, 1), D(2026, 10, 7)),
    # 2027: the statutory days (全国年节及纪念日放假办法); 调休 to be added when announced
    ("元旦", D(2027, 1, 1), D(2027, 1, 1)),
    ("春节", D(2027, 2, 5), D(2027, 2, 8)),
    ("清明节", D(2027, 4, 5), D(2027, 4, 5)),
    ("劳动节", D(2027, 5, 1), D(2027, 5, 2)),
    ("端午节", D(2027, 6, 9), D(2027, 6, 9)),
    ("中秋节", D(2027, 9, 15), D(2027, 9, 15)),
    ("国庆节", D(2027, 10, 1), D(2027, 10, 3)),
]
WORKING_WEEKENDS = [
    ("元旦调休上班", D(2026, 1, 4)),
    ("春节调休上班", D(2026, 2, 14)),
    ("春节调休上班", D(2026, 2, 28)),
    ("劳动节调休上班", D(2026, 5, 9)),
    ("国庆节调休上班", D(2026, 9, 20)),
    ("国庆节调休上班", D(2026, 10, 10)),
]


def seed(apps, schema_editor):
    CalendarDay = apps.get_model("home", "CalendarDay")
    for name, first, last in HOLIDAYS:
        for day in days(first, last):
            CalendarDay.objects.get_or_create(date=day, defaults={"name": name, "is_working_day": False})
    for name, day in WORKING_WEEKENDS:
        CalendarDay.objects.get_or_create(date=day, defaults={"name": name, "is_working_day": True})


class Migration(migrations.Migration):
    dependencies = [("home", "0011_working_calendar")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
