"""Dashboard panels on the admin home: what the office and a liaison each see, the training and
meeting cadence, and a query count that does not grow with the number of resolutions."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from home.templatetags.fjld import cn_date
from home.workdays import add_months
from internal.dashboard import plenary_cadence, resolutions_due_by_unit
from tests.factories import MemberUnitFactory, add_meeting

from .conftest import HELD_DAYS_AGO

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


def names(groups):
    """Per unit: the overdue and the due-soon items, as the panel lists them (most urgent first)."""
    return {
        g.unit.short_name: (
            [r.requirement for r in g.most_urgent[: g.overdue]],
            [r.requirement for r in g.most_urgent[g.overdue :]],
        )
        for g in groups
    }


def test_office_sees_overdue_and_due_soon_by_lead_unit(duties, today):
    groups = names(resolutions_due_by_unit(duties["office"], today))
    assert groups == {
        "县司法局": (["建立热线数据互通机制"], ["完善行政争议化解办法"]),
        "县教育局": (["落实入职查询制度"], ["开展校园周边联合普法"]),
    }


def test_liaison_sees_only_their_units_items_including_as_co_unit(duties, today):
    groups = names(resolutions_due_by_unit(duties["liaison_a"], today))
    assert groups == {
        "县司法局": (["建立热线数据互通机制"], ["完善行政争议化解办法", "开展校园周边联合普法"]),
    }
    assert "落实入职查询制度" not in str(groups)


def test_a_done_report_takes_an_item_off_the_dashboard(duties, today):
    from internal.models import ProgressReport

    ProgressReport.objects.create(
        resolution=duties["resolutions"]["建立热线数据互通机制"],
        unit=duties["a"],
        author=duties["liaison_a"],
        text="已与12309热线完成数据对接。",
        new_status="done",
    )
    overdue, _ = names(resolutions_due_by_unit(duties["office"], today))["县司法局"]
    assert overdue == []


def test_admin_home_shows_the_panels_to_the_office(client, duties, today):
    client.force_login(duties["office"])
    html = client.get("/admin/").content.decode()
    assert "督查督办：逾期和近期到期的议定事项" in html
    assert "建立热线数据互通机制" in html and "逾期" in html
    assert f"{today.year}年同堂培训" in html and "未达到每年不少于 1 次的要求" in html
    # The fixture's meeting is the last 全体会议: the next is due six months after it.
    next_due = cn_date(add_months(duties["held"], 6))
    assert f"已过 <strong>{HELD_DAYS_AGO}</strong> 天" in html and next_due in html


def test_the_panel_is_kept_per_user_and_renewed_by_a_report(client, duties):
    from internal.models import ProgressReport

    client.force_login(duties["office"])
    assert "建立热线数据互通机制" in client.get("/admin/").content.decode()
    with CaptureQueriesContext(connection) as queries:
        client.get("/admin/")
    assert not any("internal_resolution" in q["sql"] for q in queries.captured_queries)  # kept
    client.force_login(duties["liaison_b"])
    assert "建立热线数据互通机制" not in client.get("/admin/").content.decode()  # per user
    ProgressReport.objects.create(
        resolution=duties["resolutions"]["建立热线数据互通机制"],
        unit=duties["a"],
        author=duties["liaison_a"],
        text="已与12309热线完成数据对接。",
        new_status="done",
    )
    client.force_login(duties["office"])
    assert "建立热线数据互通机制" not in client.get("/admin/").content.decode()  # renewed at once


def test_liaison_home_shows_only_their_unit_and_no_office_panel(client, duties):
    client.force_login(duties["liaison_b"])
    html = client.get("/admin/").content.decode()
    assert "落实入职查询制度" in html and "开展校园周边联合普法" in html
    assert "建立热线数据互通机制" not in html and "完善行政争议化解办法" not in html
    assert "同堂培训" not in html


def test_staff_outside_the_section_see_no_internal_panel(client, duties):
    from tests.factories import UserFactory

    client.force_login(UserFactory(groups=["宣传人员"]))
    html = client.get("/admin/").content.decode()
    assert "督查督办" not in html and "建立热线数据互通机制" not in html


def test_cadence_counts_from_the_last_plenary_meeting(site_tree, today):
    assert plenary_cadence(today).last is None
    plenary, briefing = today - 232 * DAY, today - 172 * DAY
    add_meeting(site_tree["internal"], [], date=plenary, number=1, title="全体会议")
    add_meeting(site_tree["internal"], [], date=briefing, number=2, kind="briefing", title="通报会")
    cadence = plenary_cadence(today)
    assert cadence.last.date == plenary  # a 通报会 does not count
    assert cadence.next_due == add_months(plenary, 6) and cadence.missed
    assert add_months(datetime.date(2026, 8, 31), 6) == datetime.date(2027, 2, 28)


def _resolutions(count, unit, today):
    return [
        {
            "requirement": f"督办事项{i}",
            "lead_unit": unit,
            "deadline": today + datetime.timedelta(days=i % 9 - 3),
        }
        for i in range(count)
    ]


@pytest.mark.parametrize("username", ["office", "liaison_a"])
def test_dashboard_query_count_does_not_grow_with_resolutions(client, duties, username, today):
    client.force_login(duties[username])
    client.get("/admin/")  # warm per-process caches (site root paths, content types)
    counts = []
    for number, size in ((3, 10), (4, 120)):  # 120: past a page of 50
        unit = duties["a"] if number == 3 else MemberUnitFactory(name=f"永昌县第{number}单位")
        unit.liaisons.add(duties["liaison_a"])
        add_meeting(
            site_tree_index(duties),
            _resolutions(size, unit, today),
            number=number,
            date=today - number * DAY,
        )
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/admin/")
        assert response.status_code == 200 and "督办事项" in response.content.decode()
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


def site_tree_index(duties):
    return duties["meeting"].get_parent().specific
