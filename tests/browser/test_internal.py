"""The internal section in a real browser: anonymous visitors are sent to log in; the office reads
meetings and trainings; the internal templates have no axe violations."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from internal.models import MeetingPage, MemberUnit, UnitKind
from tests.browser.helpers import log_in
from tests.factories import add_meeting, add_training

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_office_reads_meetings_and_trainings(page, live_server, site_tree, assert_accessible, today):
    unit = MemberUnit.objects.create(name="永昌县司法局")
    held = today - datetime.timedelta(days=240)
    meeting = add_meeting(
        site_tree["internal"],
        [
            {
                "requirement": "编制任务清单",
                "lead_unit": unit,
                "deadline": held + datetime.timedelta(days=43),
                "status": "in_progress",
            }
        ],
        date=held,
        title=f"{held.year}年第一次联席会议",
    )
    training = add_training(site_tree["internal"], year=today.year - 1, trainers="检察官")

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


def make_user(username, group, password="演示密码-2026"):
    user = get_user_model().objects.create_user(username, f"{username}@example.gov.cn", password)
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def units(site_tree):
    from home.registries.roles import apply_roles

    apply_roles()
    return {
        "lead": MemberUnit.objects.create(name="永昌县人民检察院", kind=UnitKind.LEAD),
        "sifa": MemberUnit.objects.create(name="永昌县司法局", short_name="县司法局"),
        "jiaoyu": MemberUnit.objects.create(name="永昌县教育局", short_name="县教育局"),
    }


def test_office_records_a_meeting_with_two_resolutions(
    page, live_server, site_tree, units, assert_accessible, today
):
    make_user("office", "联席会议办公室")
    held = today - datetime.timedelta(days=14)
    title = f"{held.year}年第三次联席会议"
    index = site_tree["internal"]
    log_in(page, live_server, "office", next_url=f"/admin/pages/add/internal/meetingpage/{index.pk}/")
    page.locator("#id_title").fill(title)
    page.locator("#id_number").fill("3")
    page.locator("#id_date").fill(held.isoformat())
    page.locator("#id_title").click()  # closes the date picker
    page.locator("#id_convening_unit").select_option(label="永昌县人民检察院")
    page.get_by_label("全体成员单位出席").check()  # a 全体会议: every unit on the roll, one tick
    add_resolution = page.locator("#id_resolutions-ADD")
    for i, (text, unit, deadline) in enumerate(
        [
            ("建立府检联动信息共享平台", "永昌县司法局", today + datetime.timedelta(days=27)),
            ("开展校园周边环境联合整治", "永昌县教育局", today + datetime.timedelta(days=58)),
        ]
    ):
        add_resolution.click()
        page.locator(f"#id_resolutions-{i}-requirement").fill(text)
        page.locator(f"#id_resolutions-{i}-lead_unit").select_option(label=unit)
        page.locator(f"#id_resolutions-{i}-deadline").fill(deadline.isoformat())
        page.locator(f"#id_resolutions-{i}-requirement").click()  # closes the date picker
    page.get_by_role("button", name="更多动作").click()
    page.get_by_role("button", name="发布", exact=True).click()
    page.wait_for_url(f"**/admin/pages/{index.pk}/")
    meeting = MeetingPage.objects.get(title=title)
    assert meeting.live
    assert sorted(r.requirement for r in meeting.resolutions.all()) == [
        "建立府检联动信息共享平台",
        "开展校园周边环境联合整治",
    ]
    assert meeting.attendance.count() == MemberUnit.objects.count() == 3
    page.goto(live_server.url + meeting.url)
    assert "开展校园周边环境联合整治" in page.locator("main").inner_text()
    assert_accessible(page, "new meeting page")

    page.goto(f"{live_server.url}/admin/")
    assert (
        "建立府检联动信息共享平台" not in page.locator("#internal-resolutions-due-section").inner_text()
    )  # not due yet
    assert title in page.locator("#internal-cadence-section").inner_text()
    panels = {"include": [["#internal-resolutions-due-section"], ["#internal-cadence-section"]]}
    assert_accessible(page, "dashboard panels", context=panels)
    page.goto(f"{live_server.url}/admin/resolutions/report/?start={held.isoformat()}&end={today.isoformat()}")
    assert_accessible(page, "report", context="main")
    page.get_by_role("link", name="打印版").click()
    assert "建立府检联动信息共享平台" in page.locator("main").inner_text()
    assert_accessible(page, "printable report")


def test_liaison_logs_in_and_reports_progress(page, live_server, site_tree, units, assert_accessible, today):
    from internal.models import ProgressReport
    from tests.factories import add_meeting

    liaison = make_user("liaison", "成员单位联络员")
    units["sifa"].liaisons.add(liaison)
    add_meeting(
        site_tree["internal"],
        [
            {
                "requirement": "建立12345热线与12309热线数据互通机制",
                "lead_unit": units["sifa"],
                "deadline": today - datetime.timedelta(days=3),
            },
            {"requirement": "落实教育系统入职查询", "lead_unit": units["jiaoyu"], "deadline": today},
        ],
        lead=units["lead"],
        date=today - datetime.timedelta(days=60),
    )
    log_in(page, live_server, "liaison")
    panel = page.locator("#internal-resolutions-due-section")
    assert "建立12345热线与12309热线数据互通机制" in panel.inner_text()
    assert "落实教育系统入职查询" not in page.content()
    assert_accessible(page, "dashboard panel", context="#internal-resolutions-due-section")
    panel.get_by_role("link", name="建立12345热线与12309热线数据互通机制").click()
    page.get_by_label("办理状态").select_option(label="已完成")
    page.get_by_label("进展情况").fill("两条热线已完成数据接口联调，11月起每日互推工单。")
    assert_accessible(page, "report form", context="main")
    page.get_by_role("button", name="报送").click()
    page.wait_for_url("**/admin/resolutions/")
    assert "进展已报送" in page.content()
    report = ProgressReport.objects.get()
    assert report.author == liaison and report.new_status == "done" and report.unit == units["sifa"]
    page.wait_for_timeout(1000)  # Wagtail's message fades in; axe must see its final colours
    assert_accessible(page, "resolution list", context="main")
