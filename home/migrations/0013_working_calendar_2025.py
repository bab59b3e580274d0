"""The 2025 arrangement (国务院办公厅通知), so deadlines of applications received in 2025 count
right too."""

import datetime

from django.db import migrations

D = datetime.date

HOLIDAYS = [
    ("元旦", D(2025, 1, 1), D(2025, 1, 1)),
    ("春节", D(2025, 1, 28), D(2025, 2, 4)),
    ("清明节", D(2025, 4, 4), D(2025, 4, 6)),
    ("劳动节", D(2025, 5, 1), D(2025, 5, 5)),
    ("端午节", D(2025, 5, 31), D(2025, 6, 2)),
    ("国庆节、中秋节", D(2025, 10, 1), D(2025, 10, 8)),
]
WORKING_WEEKENDS = [
    ("春节调休上班", D(2025, 1, 26)),
    ("春节调休上班", D(2025, 2, 8)),
    ("劳动节调休上班", D(2025, 4, 27)),
    ("国庆节调休上班", D(2025, 9, 28)),
    ("国庆节调休上班", D(2025, 10, 11)),
]


def seed(apps, schema_editor):
    CalendarDay = apps.get_model("home", "CalendarDay")
    for name, first, last in HOLIDAYS:
        day = first
        while day <= last:
            CalendarDay.objects.get_or_create(date=day, defaults={"name": name, "is_working_day": False})
            day += datetime.timedelta(days=1)
    for name, day in WORKING_WEEKENDS:
        CalendarDay.objects.get_or_create(date=day, defaults={"name": name, "is_working_day": True})


class Migration(migrations.Migration):
    dependencies = [("home", "0012_seed_working_calendar")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
