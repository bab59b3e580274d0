"""检察建议 windows and blame (issue 26), as a procuratorate clerk checks them, day by day from the
suite's day: a late objection, records out of order, a completion awaiting verification, a failed
verification, and the figures that must not forget an unanswered recommendation."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command

from internal.models import Objection, Recommendation, RecommendationState, Rectification, Reply, Verification
from internal.models.recommendation import VERIFY_AFTER_DAYS, recommendation_state
from internal.recommendations import year_figures
from internal.reminders import send_recommendation_reminders
from tests.factories import RecommendationFactory

pytestmark = pytest.mark.django_db
S = RecommendationState
DAY = datetime.timedelta(days=1)


@pytest.fixture
def delivered(people, today):
    """Delivered 20 days ago to the 交通局: objection period (5 days) long over, reply due in ~40 days."""
    day = today - 20 * DAY
    return RecommendationFactory(target_unit=people["a"], issued_on=day - 2 * DAY, delivered_on=day)


def test_a_liaison_s_late_objection_is_refused_and_the_office_s_does_not_stop_the_clock(
    delivered, people, today
):
    with pytest.raises(ValidationError) as refused:
        Objection.objects.create(
            recommendation=delivered, filed_on=today, grounds="不同意。", recorded_by=people["liaison_a"]
        )
    assert "异议期限已过" in str(refused.value)
    with pytest.raises(ValidationError):  # a reason does not let the unit itself past the window
        Objection.objects.create(
            recommendation=delivered,
            filed_on=today,
            grounds="不同意。",
            late_reason="邮寄延误",
            recorded_by=people["liaison_a"],
        )
    Objection.objects.create(
        recommendation=delivered,
        filed_on=today,
        grounds="不同意。",
        late_reason="异议书邮寄延误，收到时已过期限。",
        recorded_by=people["office"],
    )
    # the late objection does not suspend the reply: on the day after the deadline it is overdue
    assert recommendation_state(delivered, delivered.reply_due) == S.AWAITING_REPLY
    assert recommendation_state(delivered, delivered.reply_due + DAY) == S.REPLY_OVERDUE


def test_a_timely_objection_suspends_the_reply_while_it_is_reviewed(people, today):
    """Filed within the period, it holds the reply back for OBJECTION_REVIEW_DAYS; a review that
    takes longer does not hide the overdue reply."""
    from internal.models.recommendation import OBJECTION_REVIEW_DAYS

    rec = RecommendationFactory(
        target_unit=people["a"], issued_on=today - 3 * DAY, delivered_on=today - 2 * DAY, reply_period_days=10
    )
    Objection.objects.create(
        recommendation=rec, filed_on=today, grounds="有异议。", recorded_by=people["liaison_a"]
    )
    last_review_day = today + OBJECTION_REVIEW_DAYS * DAY
    assert rec.reply_due < last_review_day
    assert recommendation_state(rec, last_review_day) == S.OBJECTION
    assert recommendation_state(rec, last_review_day + DAY) == S.REPLY_OVERDUE


@pytest.mark.parametrize(
    ("model", "fields", "message"),
    [
        (Reply, {"replied_on": -1, "adoption": "full", "promised_by": 30}, "早于检察建议的送达日期"),
        (
            Reply,
            {"replied_on": 20, "adoption": "full", "promised_by": 19},
            "承诺整改完成日期不能早于回复日期",
        ),
        (
            Reply,
            {"replied_on": 20, "adoption": "partial", "reasons": "部分不可行。", "promised_by": 0},
            "承诺整改完成日期不能早于回复日期",
        ),
        (Rectification, {"reported_on": -1, "text": "已整改。"}, "早于检察建议的送达日期"),
        (Objection, {"filed_on": -1, "grounds": "异议"}, "早于检察建议的送达日期"),
        (Verification, {"visited_on": 5, "passed": True, "notes": "核查。"}, "还没有书面回复"),
    ],
)
def test_records_out_of_order_are_refused(people, today, model, fields, message):
    rec = RecommendationFactory(
        target_unit=people["a"], issued_on=today - 12 * DAY, delivered_on=today - 10 * DAY
    )
    values = {
        k: (rec.delivered_on + v * DAY if isinstance(v, int) and not isinstance(v, bool) else v)
        for k, v in fields.items()
    }
    with pytest.raises(ValidationError) as refused:
        model.objects.create(recommendation=rec, recorded_by=people["office"], **values)
    assert message in str(refused.value)


def test_a_verification_before_the_reply_is_refused(people, today):
    rec = RecommendationFactory(
        target_unit=people["a"], issued_on=today - 12 * DAY, delivered_on=today - 10 * DAY
    )
    Reply.objects.create(
        recommendation=rec,
        replied_on=today - 5 * DAY,
        adoption="full",
        promised_by=today + 30 * DAY,
        recorded_by=people["office"],
    )
    with pytest.raises(ValidationError, match="早于被建议单位的书面回复"):
        Verification.objects.create(
            recommendation=rec,
            visited_on=today - 6 * DAY,
            passed=True,
            notes="核查。",
            recorded_by=people["office"],
        )


def test_a_completion_on_time_awaits_verification_and_blames_the_procuratorate_only_later(people, today):
    """Promised in 20 days, reported done in 10: 待核查 (nobody's fault), still after the promise
    passes; 核查逾期 once VERIFY_AFTER_DAYS go by — the procuratorate's, one reminder; a failed
    verification sends it back to the unit."""
    rec = RecommendationFactory(
        target_unit=people["a"], issued_on=today - 32 * DAY, delivered_on=today - 30 * DAY
    )
    promised = today + 20 * DAY
    Reply.objects.create(
        recommendation=rec,
        replied_on=today - 20 * DAY,
        adoption="full",
        promised_by=promised,
        recorded_by=people["liaison_a"],
    )
    assert recommendation_state(rec, today) == S.REPLIED
    Rectification.objects.create(
        recommendation=rec,
        reported_on=today + 10 * DAY,
        text="已全部整改。",
        done=True,
        recorded_by=people["liaison_a"],
    )
    reported = today + 10 * DAY
    assert recommendation_state(rec, reported) == S.AWAITING_VERIFICATION
    assert (
        recommendation_state(rec, promised + DAY) == S.AWAITING_VERIFICATION
    )  # not 整改逾期: the unit kept its word
    last_quiet = reported + VERIFY_AFTER_DAYS * DAY
    assert recommendation_state(rec, last_quiet) == S.AWAITING_VERIFICATION
    assert recommendation_state(rec, last_quiet + DAY) == S.VERIFICATION_OVERDUE
    assert rec.pk not in {
        r.pk for r in Recommendation.objects.in_state(S.RECTIFICATION_OVERDUE, last_quiet + DAY)
    }

    mail.outbox.clear()
    send_recommendation_reminders(last_quiet)
    assert not [m for m in mail.outbox if "待核查整改" in m.subject]
    send_recommendation_reminders(last_quiet + DAY)
    send_recommendation_reminders(last_quiet + 2 * DAY)
    assert len([m for m in mail.outbox if "待核查整改" in m.subject and rec.number in m.body]) >= 1
    assert len({m.subject for m in mail.outbox if "待核查整改" in m.subject}) == 1  # once

    Verification.objects.create(
        recommendation=rec,
        visited_on=last_quiet + 2 * DAY,
        passed=False,
        notes="未整改到位。",
        recorded_by=people["office"],
    )
    assert (
        recommendation_state(rec, last_quiet + 2 * DAY) == S.RECTIFICATION_OVERDUE
    )  # back with the unit, past its promise


def test_a_failed_verification_before_the_promise_returns_the_item_to_rectifying(people, today):
    rec = RecommendationFactory(
        target_unit=people["a"], issued_on=today - 32 * DAY, delivered_on=today - 30 * DAY
    )
    Reply.objects.create(
        recommendation=rec,
        replied_on=today - 20 * DAY,
        adoption="full",
        promised_by=today + 60 * DAY,
        recorded_by=people["liaison_a"],
    )
    Rectification.objects.create(
        recommendation=rec,
        reported_on=today - 10 * DAY,
        text="已整改。",
        done=True,
        recorded_by=people["liaison_a"],
    )
    Verification.objects.create(
        recommendation=rec,
        visited_on=today - 2 * DAY,
        passed=False,
        notes="未到位。",
        recorded_by=people["office"],
    )
    assert recommendation_state(rec, today) == S.RECTIFYING


def test_an_unanswered_recommendation_stays_in_the_overdue_count_whatever_came_after(people, today):
    from internal.models import Escalation

    issued = datetime.date(today.year, 1, 10)
    day_after = issued + 3 * DAY
    silent = RecommendationFactory(target_unit=people["a"], issued_on=issued, delivered_on=day_after)
    Escalation.objects.create(
        recommendation=silent,
        kind="lawsuit",
        taken_on=silent.reply_due + 10 * DAY,
        notes="提起诉讼。",
        recorded_by=people["office"],
    )
    reminder = RecommendationFactory(
        target_unit=people["b"], kind="reminder", issued_on=issued, delivered_on=day_after
    )
    later = silent.reply_due + 30 * DAY
    assert recommendation_state(silent, later) == S.SUED
    figures = year_figures(today.year, later)
    assert figures["overdue_unreplied"] == 2 and figures["issued"] == 2
    only = year_figures(today.year, later, kind="reminder")
    assert only["issued"] == 1 and only["by_unit"][0]["unit"] == reminder.target
    out = __import__("io").StringIO()
    call_command(
        "recommendation_stats", "--year", str(today.year), "--kind", "recommendation", "--json", stdout=out
    )
    assert '"issued": 1' in out.getvalue()
