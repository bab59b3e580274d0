import datetime

import pytest

from home.registries.roles import apply_roles
from internal.groups import LIAISONS, OFFICE
from tests.factories import MemberUnitFactory, UserFactory, add_meeting

HELD_DAYS_AGO = 63  # the fixture's meeting, the last 全体会议


@pytest.fixture
def duties(site_tree, today):
    """Two units with a liaison each, the office, and one meeting (a 全体会议 HELD_DAYS_AGO days
    before the suite's day) whose resolutions are overdue, due within 7 days, far off or done, for
    unit A (司法局) and unit B (教育局). Every date counts from the suite's day (tests/clock.py)."""
    apply_roles()
    unit_a = MemberUnitFactory(name="永昌县司法局", short_name="县司法局", sort_order=1)
    unit_b = MemberUnitFactory(name="永昌县教育局", short_name="县教育局", sort_order=2)
    liaison_a = UserFactory(groups=[LIAISONS], username="liaison_a", email="a@sfj.example.gov.cn")
    liaison_b = UserFactory(groups=[LIAISONS], username="liaison_b", email="b@jyj.example.gov.cn")
    office = UserFactory(groups=[OFFICE], username="office", email="office@jcy.example.gov.cn")
    unit_a.liaisons.add(liaison_a)
    unit_b.liaisons.add(liaison_b)
    day = datetime.timedelta(days=1)
    meeting = add_meeting(
        site_tree["internal"],
        [
            {"requirement": "建立热线数据互通机制", "lead_unit": unit_a, "deadline": today - 10 * day},
            {"requirement": "完善行政争议化解办法", "lead_unit": unit_a, "deadline": today + 3 * day},
            {"requirement": "落实入职查询制度", "lead_unit": unit_b, "deadline": today - 2 * day},
            {
                "requirement": "开展校园周边联合普法",
                "lead_unit": unit_b,
                "co_units": [unit_a],
                "deadline": today + 5 * day,
            },
            {
                "requirement": "编制年度任务清单",
                "lead_unit": unit_a,
                "deadline": today - 30 * day,
                "status": "done",
            },
            {"requirement": "建立退役军人权益保护机制", "lead_unit": unit_a, "deadline": today + 60 * day},
        ],
        date=today - HELD_DAYS_AGO * day,
        number=2,
    )
    return {
        "a": unit_a,
        "b": unit_b,
        "liaison_a": liaison_a,
        "liaison_b": liaison_b,
        "office": office,
        "meeting": meeting,
        "held": meeting.date,
        "resolutions": {r.requirement: r for r in meeting.resolutions.all()},
    }


@pytest.fixture
def people(db):
    """The ledger's cast: the 交通局 and 水务局 with a liaison each, the procuratorate's clerk,
    the joint office and 法治督办."""
    from home.registries.roles import apply_roles
    from internal.groups import GOVERNMENT_FOLLOW_UP, LIAISONS, OFFICE, PROCURATORATE_OFFICE
    from tests.factories import MemberUnitFactory, UserFactory

    apply_roles()
    unit_a = MemberUnitFactory(name="永昌县交通局")
    unit_b = MemberUnitFactory(name="永昌县水务局")
    office = UserFactory(username="jianyi", groups=[PROCURATORATE_OFFICE])
    joint_office = UserFactory(username="bangongshi", groups=[OFFICE])
    liaison_a = UserFactory(username="liaison-a", groups=[LIAISONS])
    liaison_b = UserFactory(username="liaison-b", groups=[LIAISONS])
    unit_a.liaisons.add(liaison_a)
    unit_b.liaisons.add(liaison_b)
    government = UserFactory(username="duban", groups=[GOVERNMENT_FOLLOW_UP])
    return {
        "a": unit_a,
        "b": unit_b,
        "office": office,
        "joint_office": joint_office,
        "liaison_a": liaison_a,
        "liaison_b": liaison_b,
        "government": government,
    }
