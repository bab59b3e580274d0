import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError

from internal.models import MeetingPage, MemberUnit, Resolution, UnitKind
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(site_tree):
    lead = MemberUnit.objects.create(name="永昌县人民检察院", short_name="县检察院", kind=UnitKind.LEAD)
    unit = MemberUnit.objects.create(name="永昌县司法局", short_name="县司法局")
    page = MeetingPage(
        title="2026年第一次联席会议",
        slug="meeting-2026-1",
        number=1,
        date=datetime.date(2026, 4, 2),
        convening_unit=lead,
        agenda="<p>部署年度重点工作。</p>",
    )
    page.resolutions = [
        Resolution(
            requirement="组织同堂培训",
            lead_unit=unit,
            deadline=datetime.date(2026, 6, 30),
            status="in_progress",
        ),
        Resolution(
            requirement="编制任务清单", lead_unit=unit, deadline=datetime.date(2026, 5, 15), status="done"
        ),
    ]
    site_tree["internal"].add_child(instance=page)
    return page


@time_machine.travel(datetime.datetime(2026, 7, 1, 4, tzinfo=datetime.UTC))
def test_overdue_is_derived_from_the_deadline_and_shown(client, meeting):
    late, done = meeting.resolutions.order_by("deadline").reverse()
    assert late.overdue and late.status_label == "推进中（逾期）"
    assert not done.overdue and done.status_label == "已完成"
    client.force_login(UserFactory(groups=["联席会议办公室"]))
    html = client.get(meeting.url).content.decode()
    assert "推进中（逾期）" in html


def test_meeting_number_is_unique_per_year(site_tree, meeting):
    clash = MeetingPage(
        title="重复的第一次会议",
        slug="dup",
        number=1,
        date=datetime.date(2026, 9, 1),
        convening_unit=meeting.convening_unit,
    )
    with pytest.raises(ValidationError) as caught:
        site_tree["internal"].add_child(instance=clash)
    assert "2026年第1次会议已存在" in caught.value.message_dict["number"][0]
    next_year = MeetingPage(
        title="2027年第一次会议",
        slug="y2027",
        number=1,
        date=datetime.date(2027, 3, 1),
        convening_unit=meeting.convening_unit,
    )
    site_tree["internal"].add_child(instance=next_year)


def test_meetings_never_reach_anonymous_visitors_search_or_sitemap(client, meeting):
    response = client.get(meeting.url)
    assert (response.status_code == 302 and "/login" in response["Location"]) or "login" in response[
        "Location"
    ]
    assert "2026年第一次联席会议" not in client.get("/search/", {"q": "联席会议"}).content.decode()
    assert "meeting-2026-1" not in client.get("/sitemap.xml").content.decode()
    client.force_login(UserFactory(groups=["宣传人员"]))
    assert client.get(meeting.url).status_code != 200


def test_demo_has_the_member_units_and_meetings(demo_site):
    assert MemberUnit.objects.filter(kind=UnitKind.MEMBER).count() == 25
    assert MemberUnit.objects.filter(kind=UnitKind.LEAD).count() == 2
    assert MeetingPage.objects.count() >= 4
    resolutions = list(Resolution.objects.all())
    assert len(resolutions) >= 20
    assert {r.status for r in resolutions} == {"not_started", "in_progress", "done"}
