"""Reminders: whoever must act next is told as a deadline comes within 14 and 3 days and when it
passes — each once, however often the job runs; an option's window is announced but never
"overdue"; a moved deadline is reminded of again; the office gets one monthly digest by unit."""

import datetime

import pytest
from django.core import mail

from clues.lives import ClueKind
from clues.models import Clue, ClueStep
from clues.register import open_clue, record_step
from clues.reminders import send_clue_reminders

pytestmark = pytest.mark.django_db


def mails_to(person):
    return [m for m in mail.outbox if person.email in m.to]


def run(day, times=2):
    for _ in range(times):  # a second run the same day sends nothing more
        send_clue_reminders(day)


def test_each_step_is_reminded_once_to_whoever_takes_it(register_people, today):
    p, u = register_people, register_people["units"]
    start = today - datetime.timedelta(days=30)
    clue = open_clue(
        Clue(kind=ClueKind.TRANSFER, title="涉嫌销售伪劣农药", unit=u["market"], police_unit=u["police"]),
        start,
        p["market"],
    )
    run(start)
    assert [m.subject for m in mails_to(p["market"])] == [
        f"【府检线索互通】{clue.number}办理期限提醒：涉嫌销售伪劣农药"
    ]
    assert (
        "负责人批准移送或负责人不批准移送" in mails_to(p["market"])[0].body
        and "第五条" in mails_to(p["market"])[0].body
    )
    assert not mails_to(p["police"]) and not mails_to(p["land"])

    record_step(
        clue,
        ClueStep(code="approved", on=start + datetime.timedelta(days=1), at=datetime.time(15)),
        p["market"],
    )
    run(start + datetime.timedelta(days=1))
    assert len(mails_to(p["market"])) == 2 and "15:00前" in mails_to(p["market"])[-1].body
    run(start + datetime.timedelta(days=3))  # past the 24 hours
    assert len(mails_to(p["market"])) == 3 and "已逾期" in mails_to(p["market"])[-1].subject
    run(start + datetime.timedelta(days=4))
    assert len(mails_to(p["market"])) == 3

    record_step(
        clue,
        ClueStep(code="transferred", on=start + datetime.timedelta(days=4), at=datetime.time(9)),
        p["market"],
    )
    run(start + datetime.timedelta(days=4))
    assert len(mails_to(p["police"])) == 1 and len(mails_to(p["market"])) == 3
    record_step(
        clue,
        ClueStep(code="declined", on=start + datetime.timedelta(days=5), notes="不构成犯罪"),
        p["police"],
    )
    run(start + datetime.timedelta(days=5))
    run(start + datetime.timedelta(days=12))  # the 复议 window passes: nobody is late
    window = mails_to(p["market"])[3:]
    assert len(window) == 1 and "提请复议" in window[0].body and "已逾期" not in window[0].subject


def test_a_long_clock_is_reminded_14_and_3_days_ahead_and_when_late(register_people, today):
    p, u = register_people, register_people["units"]
    delivered = today - datetime.timedelta(days=90)
    clue = open_clue(
        Clue(kind=ClueKind.OPINION, title="不起诉案件：非法捕捞", unit=u["land"]),
        delivered - datetime.timedelta(days=5),
        p["procuratorate"],
    )
    record_step(clue, ClueStep(code="opinion_delivered", on=delivered), p["procuratorate"])
    clue.refresh_from_db()
    due = clue.due_on
    for day in range(0, 80):
        send_clue_reminders(delivered + datetime.timedelta(days=day))
    got = mails_to(p["land"])
    assert len(got) == 3 and "已逾期" in got[-1].subject
    assert "两个月内书面回复" in got[0].body
    assert due < delivered + datetime.timedelta(days=79)  # the run reached past the deadline


def test_month_end_feedback_and_the_office_digest(register_people, today):
    p, u = register_people, register_people["units"]
    first = today.replace(day=1) - datetime.timedelta(days=1)
    received = first.replace(day=1)  # the first of last month
    open_clue(
        Clue(kind=ClueKind.PUBLIC_INTEREST, title="河道倾倒垃圾", source="12345", unit=u["land"]),
        received,
        p["procuratorate"],
    )
    late_transfer = open_clue(
        Clue(kind=ClueKind.TRANSFER, title="涉嫌非法采砂", unit=u["land"], police_unit=u["police"]),
        received,
        p["land"],
    )
    run(today)
    feedback = [m for m in mails_to(p["procuratorate"]) if "反馈" in m.subject]
    assert len(feedback) == 1 and "已逾期" in feedback[0].subject
    digest = mails_to(p["office"])
    digest = [m for m in digest if "逾期事项" in m.subject]
    assert (
        len(digest) == 1
        and "永昌县自然资源局（2 件）" in digest[0].body
        and late_transfer.number in digest[0].body
    )
    run(today + datetime.timedelta(days=1))
    assert len([m for m in mails_to(p["office"]) if "逾期事项" in m.subject]) == 1
