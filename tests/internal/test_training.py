import datetime

import pytest

from internal.models import (
    MemberUnit,
    TraineeCategory,
    TrainingAttendance,
    TrainingForm,
    TrainingSessionPage,
    joint_trainings_by_year,
    years_missing_the_target,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def add_training(index, slug, day, form=TrainingForm.JOINT):
    page = TrainingSessionPage(
        title=f"培训{slug}",
        slug=slug,
        date=datetime.date.fromisoformat(day),
        place="县委党校",
        form=form,
        trainers="检察官",
    )
    index.add_child(instance=page)
    return page


def test_the_yearly_joint_training_rule_is_computed_per_calendar_year(site_tree):
    index = site_tree["internal"]
    add_training(index, "t2023", "2023-11-16")
    add_training(index, "t2024", "2024-06-20", form=TrainingForm.TRIAL)  # not a 同堂培训
    add_training(index, "t2025a", "2025-03-01")
    add_training(index, "t2025b", "2025-10-23")
    assert joint_trainings_by_year(2023, 2026) == {2023: 1, 2024: 0, 2025: 2, 2026: 0}
    assert years_missing_the_target(2023, 2026) == [2024, 2026]


def test_training_page_shows_attendance_to_internal_users_only(client, site_tree):
    page = add_training(site_tree["internal"], "t2025", "2025-10-23")
    unit = MemberUnit.objects.create(name="永昌县司法局")
    page.attendance = [TrainingAttendance(unit=unit, category=TraineeCategory.ENFORCEMENT, count=12)]
    page.save_revision().publish()
    assert client.get(page.url).status_code == 302
    client.force_login(UserFactory(groups=["成员单位联络员"]))
    response = client.get(page.url)
    html = response.content.decode()
    assert "行政执法人员" in html and "12" in html
    assert "no-store" in response["Cache-Control"]
