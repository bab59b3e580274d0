"""Reminders driven by the clock: a daily digest to each liaison with something new to say, the
office's 30-day notices, and a record of sent mail so that nothing is ever sent twice."""

import datetime
from unittest import mock

import pytest
from django.core import mail

from home.registries.jobs import REGISTRY, apply_schedules
from home.templatetags.fjld import cn_date
from home.workdays import add_months
from internal.models import ProgressReport, SentReminder
from internal.reminders import send_liaison_digests, send_office_notices
from tests.factories import add_meeting

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


def mail_to(address):
    return [m for m in mail.outbox if address in m.to]


def test_digest_lists_a_units_due_and_overdue_items_once(duties, today):
    assert send_liaison_digests(today) == 2
    (digest,) = mail_to("a@sfj.example.gov.cn")
    assert "1 项已逾期" in digest.subject and "2 项 7 日内到期" in digest.subject
    assert digest.body.count("建立热线数据互通机制") == 1
    assert "【已逾期】" in digest.body and cn_date(today - 10 * DAY) in digest.body
    assert "开展校园周边联合普法" in digest.body  # as co-unit
    assert "落实入职查询制度" not in digest.body  # unit B's
    assert "建立退役军人权益保护机制" not in digest.body and "编制年度任务清单" not in digest.body
    assert "http://testserver/admin/resolutions/" in digest.body


def test_a_rerun_the_same_day_or_the_next_sends_nothing_new(duties, today):
    send_liaison_digests(today)
    mail.outbox.clear()
    assert send_liaison_digests(today) == 0
    assert send_liaison_digests(today + DAY) == 0
    assert mail.outbox == []


def test_an_item_going_overdue_is_reported_exactly_once_more(duties, today):
    send_liaison_digests(today)
    mail.outbox.clear()
    for offset in range(3, 10):  # 完善行政争议化解办法 is due today + 3 days
        send_liaison_digests(today + offset * DAY)
    digests = mail_to("a@sfj.example.gov.cn")
    overdue_mentions = [m for m in digests if "完善行政争议化解办法" in m.body and "【已逾期】" in m.body]
    assert len(overdue_mentions) == 1
    assert sum(m.body.count("完善行政争议化解办法") for m in digests) == 1


def test_overdue_shows_in_the_admin_and_in_the_digest_of_the_lead_units_liaison(client, duties):
    client.force_login(duties["liaison_b"])
    assert "未开始（逾期）" in client.get("/admin/resolutions/").content.decode()
    send_liaison_digests()  # today, by the clock
    (digest,) = mail_to("b@jyj.example.gov.cn")
    assert "落实入职查询制度" in digest.body


def test_nothing_is_sent_when_there_is_nothing_to_say(duties, today):
    for resolution in duties["resolutions"].values():
        if resolution.lead_unit == duties["b"]:
            ProgressReport.objects.create(
                resolution=resolution,
                unit=duties["b"],
                author=duties["liaison_b"],
                text="已完成。",
                new_status="done",
            )
    send_liaison_digests(today)
    assert mail_to("b@jyj.example.gov.cn") == []


def test_a_failed_send_is_not_recorded_and_goes_out_next_time(duties, today):
    with mock.patch("internal.reminders.send_mail", side_effect=ConnectionRefusedError):
        assert send_liaison_digests(today) == 0
    assert not SentReminder.objects.exists()
    assert send_liaison_digests(today) == 2


def cadence_notices():
    """The office's mails about the 全体会议 (a training notice may come on the same days)."""
    return [m for m in mail_to("office@jcy.example.gov.cn") if "全体会议" in m.body]


def test_office_hears_30_days_before_the_cadence_is_missed(duties, today):
    # The last 全体会议 was held 63 days ago: the next is due six months after it; a notice 30 days before.
    next_due = add_months(duties["held"], 6)
    notice_day = next_due - 30 * DAY
    for day in (today + 5 * DAY, notice_day - DAY):
        send_office_notices(day)
        assert cadence_notices() == []
    send_office_notices(notice_day)
    (notice,) = cadence_notices()
    assert f"下次应于{cn_date(next_due)}前召开，还有 30 天" in notice.body
    send_office_notices(notice_day + DAY)
    assert len(cadence_notices()) == 1  # not again for the same meeting


def test_office_hears_when_the_years_training_target_is_about_to_be_missed(duties):
    held = duties["held"]  # no training in the meeting's year (or the next, for a December meeting)
    year = held.year if held < datetime.date(held.year, 11, 29) else held.year + 1
    send_office_notices(datetime.date(year, 11, 29))  # the cadence notice, if due by then, goes first
    mail.outbox.clear()
    assert send_office_notices(datetime.date(year, 11, 30)) == 0
    assert send_office_notices(datetime.date(year, 12, 1)) == 1
    assert f"{year}年已开展同堂培训 0 次" in mail.outbox[-1].body
    assert send_office_notices(datetime.date(year, 12, 2)) == 0


def test_a_new_meeting_resets_the_cadence_notice(duties, site_tree):
    next_due = add_months(duties["held"], 6)
    send_office_notices(next_due - 26 * DAY)  # the first meeting's notice goes out
    held_again = next_due - 8 * DAY
    add_meeting(site_tree["internal"], [], date=held_again, number=1, title="再次召开的全体会议")
    mail.outbox.clear()
    notice_day = add_months(held_again, 6) - 30 * DAY
    send_office_notices(notice_day - DAY)
    assert cadence_notices() == []
    send_office_notices(notice_day)  # 30 days before the new meeting's next one is due
    (notice,) = cadence_notices()
    assert cn_date(held_again) in notice.body


def test_reminders_are_scheduled_daily_in_the_morning(db):
    from django_q.models import Schedule

    apply_schedules()
    for name in ("liaison_digests", "office_notices"):
        schedule = Schedule.objects.get(name=REGISTRY[name].schedule_name)
        assert schedule.minutes == 24 * 60
        assert schedule.func.startswith("internal.reminders.")
