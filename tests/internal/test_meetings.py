import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError

from internal.models import MeetingPage, MemberUnit, Resolution, UnitKind
from tests.factories import UserFactory, add_meeting

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(site_tree):
    unit = MemberUnit.objects.create(name="永昌县司法局", short_name="县司法局")
    return add_meeting(
        site_tree["internal"],
        [
            {
                "requirement": "组织同堂培训",
                "lead_unit": unit,
                "deadline": datetime.date(2026, 6, 30),
                "status": "in_progress",
            },
            {
                "requirement": "编制任务清单",
                "lead_unit": unit,
                "deadline": datetime.date(2026, 5, 15),
                "status": "done",
            },
        ],
        title="2026年第一次联席会议",
    )


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


def _meeting_form(index, **extra):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

    lead = MemberUnit.objects.get(kind=UnitKind.LEAD)
    return nested_form_data(
        {
            "title": "2026年第三次联席会议",
            "slug": "meeting-2026-3",
            "number": 3,
            "date": "2026-11-26",
            "kind": "plenary",
            "convening_unit": lead.pk,
            "agenda": rich_text("听取各单位工作汇报。"),
            "minutes": rich_text(""),
            "attendance": inline_formset([]),
            "resolutions": inline_formset([]),
            **extra,
        }
    )


def test_the_office_records_a_plenary_with_all_units_at_once(client, site_tree):
    """One tick adds a 出席 row for every unit on the roll; rows already listed are not doubled."""
    from wagtail.test.utils.form_data import inline_formset

    MemberUnit.objects.create(name="永昌县人民检察院", short_name="县检察院", kind=UnitKind.LEAD)
    units = [MemberUnit.objects.create(name=f"永昌县第{i}局", short_name=f"县第{i}局") for i in range(27)]
    MemberUnit.objects.create(name="永昌县已撤并局", is_active=False)
    client.force_login(UserFactory(groups=["联席会议办公室"]))
    leave = inline_formset([{"unit": units[0].pk, "status": "leave", "delegate": ""}])
    data = _meeting_form(site_tree["internal"], all_units="on", attendance=leave)
    response = client.post(f"/admin/pages/add/internal/meetingpage/{site_tree['internal'].pk}/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    page = MeetingPage.objects.get(slug="meeting-2026-3").get_latest_revision_as_object()
    rows = {row.unit.name: row.status for row in page.attendance.all()}
    assert len(rows) == 27 + 1  # every unit on the roll (the lead unit too), the retired one not
    assert rows["永昌县第0局"] == "leave" and rows["永昌县第5局"] == "present"
    assert "永昌县已撤并局" not in rows


def test_the_office_ticks_units_from_a_list(client, site_tree):
    MemberUnit.objects.create(name="永昌县人民检察院", short_name="县检察院", kind=UnitKind.LEAD)
    units = [MemberUnit.objects.create(name=f"永昌县第{i}局") for i in range(5)]
    client.force_login(UserFactory(groups=["联席会议办公室"]))
    data = {**_meeting_form(site_tree["internal"]), "present_units": [units[1].pk, units[3].pk]}
    response = client.post(f"/admin/pages/add/internal/meetingpage/{site_tree['internal'].pk}/", data)
    assert response.status_code == 302
    page = MeetingPage.objects.get(slug="meeting-2026-3").get_latest_revision_as_object()
    assert sorted(row.unit.name for row in page.attendance.all()) == ["永昌县第1局", "永昌县第3局"]


def test_internal_editors_show_no_public_site_help(client, site_tree):
    client.force_login(UserFactory(groups=["联席会议办公室"]))
    html = client.get(f"/admin/pages/add/internal/meetingpage/{site_tree['internal'].pk}/").content.decode()
    assert "只有联席会议成员单位登录后能看到" in html and "全体成员单位出席" in html
    for public_help in ("你想让公众看到的页面标题", "标题标签", "元描述", "在菜单中显示"):
        assert public_help not in html
