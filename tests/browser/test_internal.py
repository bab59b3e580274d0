"""The internal section in a real browser: anonymous visitors are sent to log in; the office reads
meetings and trainings; the internal templates have no axe violations."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from internal.models import MeetingPage, MemberUnit, Resolution, TrainingSessionPage, UnitKind

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_office_reads_meetings_and_trainings(page, live_server, site_tree, assert_accessible):
    lead = MemberUnit.objects.create(name="永昌县人民检察院", kind=UnitKind.LEAD)
    unit = MemberUnit.objects.create(name="永昌县司法局")
    meeting = MeetingPage(
        title="2026年第一次联席会议", slug="m1", number=1, date=datetime.date(2026, 4, 2), convening_unit=lead
    )
    meeting.resolutions = [
        Resolution(
            requirement="编制任务清单",
            lead_unit=unit,
            deadline=datetime.date(2026, 5, 15),
            status="in_progress",
        )
    ]
    site_tree["internal"].add_child(instance=meeting)
    training = TrainingSessionPage(
        title="2025年度府检同堂培训",
        slug="t1",
        date=datetime.date(2025, 10, 23),
        place="县委党校",
        trainers="检察官",
    )
    site_tree["internal"].add_child(instance=training)

    page.goto(live_server.url + meeting.url)
    assert "/login" in page.url  # anonymous: log in first
    user = get_user_model().objects.create_user("office", "office@example.gov.cn", "演示密码-2026")
    user.groups.add(Group.objects.get(name="联席会议办公室"))
    page.get_by_label("用户名").fill("office")
    page.get_by_label("密码").fill("演示密码-2026")
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"**{meeting.url}")
    assert "推进中（逾期）" in page.locator("main").inner_text()
    assert_accessible(page, "meeting page")
    for url in (training.url, site_tree["internal"].url):
        page.goto(live_server.url + url)
        assert_accessible(page, url)
