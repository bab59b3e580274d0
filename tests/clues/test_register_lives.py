"""Each kind of clue through its whole life, with the clock the rule sets at every step: calendar
days, 24 hours from the hour, two calendar months, ten working days with pauses, the linked 检察建议's
period and the month-end feedback — every date derived from the suite's day, each stage right."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from clues.deadlines import moment, month_end
from clues.lives import ClueKind
from clues.models import Clue, ClueStep
from clues.register import open_clue, record_step
from home.workdays import add_months, is_working_day
from internal.models import Recommendation

pytestmark = pytest.mark.django_db


def step(clue, code, on, user, at=None, notes="", **opened):
    made = record_step(clue, ClueStep(code=code, on=on, at=at, notes=notes), user, **opened)
    clue.refresh_from_db()
    return made


def overdue(clue, now):
    return Clue.objects.overdue(now).filter(pk=clue.pk).exists()


def test_a_transfer_the_police_decline_then_accept_after_supervision(register_people, today):
    p, units = register_people, register_people["units"]
    d = today - datetime.timedelta(days=60)
    clue = open_clue(
        Clue(
            kind=ClueKind.TRANSFER,
            title="涉嫌销售伪劣产品",
            unit=units["market"],
            police_unit=units["police"],
        ),
        d,
        p["market"],
    )
    assert (clue.stage, clue.due_on, clue.opened_on) == ("reported", d + datetime.timedelta(days=3), d)
    assert not overdue(clue, moment(d + datetime.timedelta(days=3), datetime.time(23, 59)))
    assert overdue(clue, moment(d + datetime.timedelta(days=4)))

    approved = d + datetime.timedelta(days=2)
    step(clue, "approved", approved, p["market"], at=datetime.time(15, 30))
    assert clue.due_at == moment(approved, datetime.time(15, 30)) + datetime.timedelta(hours=24)
    assert not overdue(clue, clue.due_at - datetime.timedelta(minutes=1))
    assert overdue(clue, clue.due_at)

    sent = approved + datetime.timedelta(days=1)
    step(clue, "transferred", sent, p["market"], at=datetime.time(10, 0))
    assert (clue.stage, clue.due_on) == ("transferred", sent + datetime.timedelta(days=3))

    with pytest.raises(ValidationError):  # the agency cannot record the police's decision
        step(clue, "declined", sent + datetime.timedelta(days=2), p["market"], notes="不构成犯罪")
    declined = sent + datetime.timedelta(days=2)
    step(clue, "declined", declined, p["police"], notes="证据不足，不予立案。")
    assert (clue.stage, clue.due_on) == ("declined", declined + datetime.timedelta(days=3))
    assert not overdue(clue, moment(declined + datetime.timedelta(days=10)))  # a window, not a duty

    supervision = declined + datetime.timedelta(days=4)
    with pytest.raises(ValidationError):  # the agency cannot open 立案监督 itself
        step(clue, "supervision", supervision, p["market"])
    step(clue, "supervision", supervision, p["procuratorate"])
    assert clue.due_on == supervision + datetime.timedelta(days=7)
    step(clue, "explained", supervision + datetime.timedelta(days=5), p["police"], notes="认为证据不足。")
    assert clue.due_on is None and clue.closed_on is None
    notified = supervision + datetime.timedelta(days=8)
    step(clue, "notified", notified, p["procuratorate"])
    assert clue.due_on == notified + datetime.timedelta(days=15)
    filed = notified + datetime.timedelta(days=10)
    step(clue, "supervised_filed", filed, p["police"])
    assert (clue.stage, clue.due_on) == ("supervised_filed", filed + datetime.timedelta(days=3))
    step(clue, "items_handed", filed + datetime.timedelta(days=2), p["market"])
    assert (clue.stage, clue.due_on, clue.closed_on) == (
        "items_handed",
        None,
        filed + datetime.timedelta(days=2),
    )
    assert not overdue(clue, moment(today))
    with pytest.raises(ValidationError):  # closed: nothing more
        step(clue, "filed", today, p["police"])


def test_steps_keep_their_order_dates_times_and_reasons(register_people, today):
    p, units = register_people, register_people["units"]
    d = today - datetime.timedelta(days=10)
    clue = open_clue(
        Clue(
            kind=ClueKind.TRANSFER,
            title="涉嫌非法占用农用地",
            unit=units["land"],
            police_unit=units["police"],
        ),
        d,
        p["land"],
    )
    cases = [
        ("transferred", d, {"at": datetime.time(9)}, "code"),  # approval first
        ("approved", d - datetime.timedelta(days=1), {"at": datetime.time(9)}, "on"),  # before the report
        ("approved", d, {}, "at"),  # the 24-hour rule needs the hour
        ("not_approved", d, {}, "notes"),  # the reasons are recorded
        ("approved", d, {"at": datetime.time(9)}, None),
    ]
    for code, on, extra, field in cases:
        if field is None:
            step(clue, code, on, p["land"], **extra)
            continue
        with pytest.raises(ValidationError) as refused:
            step(clue, code, on, p["land"], **extra)
        assert field in refused.value.message_dict, (code, refused.value.message_dict)
        assert all(
            "\u4e00" <= m[0] <= "\u9fff" or m[0] in "“（"
            for ms in refused.value.message_dict.values()
            for m in ms
        )
    assert ClueStep.objects.filter(clue=clue).count() == 2  # nothing half-saved


def working_days_from(start, n):
    day = start
    while n:
        day += datetime.timedelta(days=1)
        n -= is_working_day(day)
    return day


def test_an_opinion_review_counts_ten_working_days_without_its_pauses_then_two_months(
    register_people, today, django_capture_on_commit_callbacks
):
    from home.models import CalendarDay

    p, units = register_people, register_people["units"]
    registered = today - datetime.timedelta(days=today.weekday() + 28)  # a Monday four weeks ago
    clue = open_clue(
        Clue(kind=ClueKind.OPINION, title="不起诉案件：涉嫌非法捕捞", unit=units["land"]),
        registered,
        p["procuratorate"],
    )
    assert clue.due_on == working_days_from(registered, 10)

    pause = ClueStep.objects.create(
        clue=clue,
        code="pause",
        on=registered + datetime.timedelta(days=2),
        notes="征求市检察院意见",
        recorded_by=p["procuratorate"],
    )
    clue.refresh_from_db()
    assert (clue.paused, clue.due_on) == (True, None)
    pause.ends_on = registered + datetime.timedelta(days=3)  # Wednesday and Thursday
    pause.save()
    clue.refresh_from_db()
    paused = sum(is_working_day(registered + datetime.timedelta(days=n)) for n in (2, 3))
    assert (clue.paused, clue.due_on) == (False, working_days_from(registered, 10 + paused))

    # staff mark a day inside the window a holiday: the deadline moves at once
    before = clue.due_on
    holiday = working_days_from(registered, 5)
    with django_capture_on_commit_callbacks(execute=True):  # the calendar's change reaches the clue on commit
        CalendarDay.objects.update_or_create(date=holiday, defaults={"is_working_day": False})
    clue.refresh_from_db()
    assert clue.due_on == working_days_from(registered, 10 + paused) and clue.due_on > before

    delivered = registered + datetime.timedelta(days=12)
    step(clue, "opinion_delivered", delivered, p["procuratorate"])
    assert clue.due_on == add_months(delivered, 2)
    with pytest.raises(ValidationError):  # another unit's liaison cannot answer it
        step(clue, "replied_punished", delivered + datetime.timedelta(days=20), p["market"], notes="罚款")
    step(
        clue,
        "replied_not_punished",
        delivered + datetime.timedelta(days=20),
        p["land"],
        notes="已超过追责时效。",
    )
    assert clue.due_on is None and clue.stage == "replied_not_punished"

    rec = Recommendation(
        number=f"永检行建〔{today.year}〕91号",
        kind="recommendation",
        category="correction",
        target_unit=units["land"],
        issued_on=delivered + datetime.timedelta(days=25),
        delivered_on=delivered + datetime.timedelta(days=26),
        delivery_method="in_person",
        problem="不予处罚理由不成立",
        measures="依法作出行政处罚",
    )
    step(
        clue,
        "recommendation",
        delivered + datetime.timedelta(days=25),
        p["procuratorate"],
        recommendation=rec,
    )
    assert clue.recommendation == Recommendation.objects.get(number=rec.number)
    assert clue.closed_on == delivered + datetime.timedelta(days=25)


def test_a_12345_clue_becomes_an_urgent_pre_litigation_recommendation(register_people, today):
    p, units = register_people, register_people["units"]
    received = today.replace(day=1) - datetime.timedelta(days=40)
    clue = open_clue(
        Clue(kind=ClueKind.PUBLIC_INTEREST, title="河道倾倒建筑垃圾", source="12345", unit=units["land"]),
        received,
        p["procuratorate"],
    )
    assert clue.feedback_due == month_end(received)
    assert overdue(clue, moment(today))  # the month-end feedback is late
    ClueStep.objects.create(
        clue=clue,
        code="feedback_to_source",
        on=month_end(received),
        notes="已立案审查。",
        recorded_by=p["procuratorate"],
    )
    clue.refresh_from_db()
    assert clue.feedback_due is None and not overdue(clue, moment(today))

    step(clue, "case_opened", received + datetime.timedelta(days=5), p["procuratorate"])
    step(
        clue,
        "consulted",
        received + datetime.timedelta(days=9),
        p["procuratorate"],
        notes="与县自然资源局磋商。",
    )
    issued = received + datetime.timedelta(days=12)
    rec = Recommendation(
        number=f"永检公建〔{today.year}〕7号",
        kind="recommendation",
        category="public_interest",
        target_unit=units["land"],
        issued_on=issued,
        delivered_on=issued + datetime.timedelta(days=1),
        delivery_method="in_person",
        reply_period_days=15,
        problem="河道倾倒垃圾",
        measures="清理河道",
    )
    step(clue, "recommendation", issued, p["procuratorate"], recommendation=rec)
    assert clue.due_on == issued + datetime.timedelta(days=16)  # fifteen days from receipt
    rec.refresh_from_db()
    rec.delivered_on = issued + datetime.timedelta(days=3)  # the delivery date corrected in the ledger
    rec.save()
    clue.refresh_from_db()
    assert clue.due_on == issued + datetime.timedelta(days=18)
    step(clue, "concluded", issued + datetime.timedelta(days=17), p["procuratorate"], notes="已整改到位。")
    assert clue.closed_on == issued + datetime.timedelta(days=17) and clue.due_on is None


def test_a_discipline_clue_holds_a_reference_and_dates_only(register_people, today):
    p = register_people
    with pytest.raises(ValidationError):
        open_clue(Clue(kind=ClueKind.DISCIPLINE, title="某局长收受财物"), today, p["procuratorate"])
    clue = open_clue(Clue(kind=ClueKind.DISCIPLINE, reference="永检移〔2026〕2号"), today, p["procuratorate"])
    step(clue, "handed_over", today, p["procuratorate"])
    assert clue.stage == "handed_over" and str(clue).endswith("职务违法线索")
    with pytest.raises(ValidationError):  # a liaison records nothing on it
        step(clue, "feedback", today, p["market"])


def test_an_urged_agency_that_refuses_is_supervised_further(register_people, today):
    p, u = register_people, register_people["units"]
    urged = today - datetime.timedelta(days=12)
    clue = open_clue(
        Clue(kind=ClueKind.URGE, title="建议移送：非法占用林地", unit=u["land"]), urged, p["procuratorate"]
    )
    assert (clue.stage, clue.due_on, clue.closed_on) == ("urged", None, None)  # no clock in the rules
    with pytest.raises(ValidationError):  # another unit cannot answer for it
        step(clue, "urge_refused", urged + datetime.timedelta(days=3), p["market"], notes="不构成犯罪")
    with pytest.raises(ValidationError) as refused:  # the reasons are required
        step(clue, "urge_refused", urged + datetime.timedelta(days=3), p["land"])
    assert "不移送的理由" in str(refused.value)
    step(
        clue, "urge_refused", urged + datetime.timedelta(days=3), p["land"], notes="占用面积经复测未达标准。"
    )
    assert clue.stage == "urge_refused" and clue.closed_on is None
    with pytest.raises(ValidationError):  # further supervision is the procuratorate's
        step(clue, "urge_escalated", urged + datetime.timedelta(days=8), p["land"], notes="x")
    step(
        clue,
        "urge_escalated",
        urged + datetime.timedelta(days=8),
        p["procuratorate"],
        notes="通知县公安局立案。",
    )
    assert clue.closed_on == urged + datetime.timedelta(days=8)
