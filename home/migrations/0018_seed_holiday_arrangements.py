"""Which seeded years of 工作日历 follow a published notice: 2025 and 2026 (the 国务院办公厅 notices on
each year's holidays) are confirmed; 2027 holds only the statutory days until its notice comes."""

from django.db import migrations

CONFIRMED = {
    2025: "国务院办公厅关于2025年部分节假日安排的通知",
    2026: "国务院办公厅关于2026年部分节假日安排的通知",
}


def seed(apps, schema_editor):
    HolidayArrangement = apps.get_model("home", "HolidayArrangement")
    for year, source in CONFIRMED.items():
        HolidayArrangement.objects.get_or_create(year=year, defaults={"confirmed": True, "source": source})
    HolidayArrangement.objects.get_or_create(year=2027, defaults={"confirmed": False, "source": "仅法定节日，调休待公布"})


class Migration(migrations.Migration):
    dependencies = [("home", "0017_holiday_arrangement")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
