"""2027's 补假: 《全国年节及纪念日放假办法》(2024) 第四条 — a holiday for everyone that falls on a
Saturday or Sunday is made up on a working day. 2027's 春节 初一、初二 (2月6日、7日), 劳动节 (5月1日、
2日) and 国庆节 2日、3日 fall on a weekend: each gets a weekday off right after the holiday. The
year stays unconfirmed (暂定) until the 国务院办公厅's notice sets its 调休."""

import datetime

from django.db import migrations

D = datetime.date

MAKE_UP_DAYS = [
    ("春节补假", D(2027, 2, 9)),
    ("春节补假", D(2027, 2, 10)),
    ("劳动节补假", D(2027, 5, 3)),
    ("劳动节补假", D(2027, 5, 4)),
    ("国庆节补假", D(2027, 10, 4)),
    ("国庆节补假", D(2027, 10, 5)),
]
SOURCE = "法定节日及补假（《全国年节及纪念日放假办法》），调休待公布"


def seed(apps, schema_editor):
    CalendarDay = apps.get_model("home", "CalendarDay")
    HolidayArrangement = apps.get_model("home", "HolidayArrangement")
    for name, day in MAKE_UP_DAYS:
        CalendarDay.objects.get_or_create(date=day, defaults={"name": name, "is_working_day": False})
    HolidayArrangement.objects.filter(year=2027, confirmed=False).update(source=SOURCE)


def unseed(apps, schema_editor):
    CalendarDay = apps.get_model("home", "CalendarDay")
    CalendarDay.objects.filter(date__in=[day for _name, day in MAKE_UP_DAYS], name__endswith="补假").delete()


class Migration(migrations.Migration):
    dependencies = [("home", "0018_seed_holiday_arrangements")]

    operations = [migrations.RunPython(seed, unseed)]
