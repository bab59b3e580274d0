"""Reminders driven by the clock: a daily digest to each liaison with something new to say, the
office's 30-day notices, and a record of sent mail so that nothing is ever sent twice."""

import datetime
from unittest import mock

import pytest
import time_machine
from django.core import mail

from config.schedule import REGISTRY, apply_schedules
from internal.models import ProgressReport, SentReminder
from internal.reminders import send_liaison_digests, send_office_notices
from tests.factories import add_meeting

from .conftest import TODAY

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


def mail_to(address):
    return [m for m in mail.outbox if address in m.to]


def test_digest_lists_a_units_due_and_overdue_items_once(duties):
    assert send_liaison_digests(TODAY) == 2
    (digest,) = mail_to("a@sfj.example.gov.cn")
    assert "1 项已逾期" in digest.subject and "2 项 7 日内到期" in digest.subject
    assert digest.body.count("建立热线数据互通机制") == 1
    assert "【已逾期】" in digest.body and "2026年11月10日" in digest.body
    assert "开展校园周边联合普法" in digest.body  # as co-unit
    assert "落实入职查询制度" not in digest.body  # unit B's
    assert "建立退役军人权益保护机制" not in digest.body and "编制年度任务清单" not in digest.body
    assert "http://testserver/admin/resolutions/" in digest.body


def test_a_rerun_the_same_day_or_the_next_sends_nothing_new(duties):
    send_liaison_digests(TODAY)
    mail.outbox.clear()
    assert send_liaison_digests(TODAY) == 0
    assert send_liaison_digests(TODAY + DAY) == 0
    assert mail.outbox == []


def test_an_item_going_overdue_is_reported_exactly_once_more(duties):
    send_liaison_digests(TODAY)
    mail.outbox.clear()
    for offset in range(3, 10):  # 完善行政争议化解办法 is due TODAY + 3 days
        send_liaison_digests(TODAY + offset * DAY)
    digests = mail_to("a@sfj.example.gov.cn")
    overdue_mentions = [m for m in digests if "完善行政争议化解办法" in m.body and "【已逾期】" in m.body]
    assert len(overdue_mentions) == 1
    assert sum(m.body.count("完善行政争议化解办法") for m in digests) == 1


@time_machine.travel(datetime.datetime(2026, 11, 20, 0, 30, tzinfo=datetime.UTC))
def test_overdue_shows_in_the_admin_and_in_the_digest_of_the_lead_units_liaison(client, duties):
    client.force_login(duties["liaison_b"])
    assert "未开始（逾期）" in client.get("/admin/resolutions/").content.decode()
    send_liaison_digests()  # today, by the clock
    (digest,) = mail_to("b@jyj.example.gov.cn")
    assert "落实入职查询制度" in digest.body


def test_nothing_is_sent_when_there_is_nothing_to_say(duties):
    for resolution in duties["resolutions"].values():
        if resolution.lead_unit == duties["b"]:
            ProgressReport.objects.create(
                resolution=resolution,
                unit=duties["b"],
                author=duties["liaison_b"],
                text="已完成。",
                new_status="done",
            )
    send_liaison_digests(TODAY)
    assert mail_to("b@jyj.example.gov.cn") == []


def test_a_failed_send_is_not_recorded_and_goes_out_next_time(duties):
    with mock.patch("internal.reminders.send_mail", side_effect=ConnectionRefusedError):
        assert send_liaison_digests(TODAY) == 0
    assert not SentReminder.objects.exists()
    assert send_liaison_digests(TODAY) == 2


def test_office_hears_30_days_before_the_cadence_is_missed(duties):
    # The last 全体会议 is 2026-09-18: the next is due 2027-03-18; nothing to say until 2027-02-16.
    assert send_office_notices(datetime.date(2026, 11, 25)) == 0
    assert send_office_notices(datetime.date(2027, 2, 15)) == 0
    assert send_office_notices(datetime.date(2027, 2, 16)) == 1
    (notice,) = mail_to("office@jcy.example.gov.cn")
    assert "下次应于2027年3月18日前召开，还有 30 天" in notice.body
    assert send_office_notices(datetime.date(2027, 2, 17)) == 0  # not again for the same meeting


def test_office_hears_when_the_years_training_target_is_about_to_be_missed(duties):
    assert send_office_notices(datetime.date(2026, 11, 30)) == 0
    assert send_office_notices(datetime.date(2026, 12, 1)) == 1
    assert "2026年已开展同堂培训 0 次" in mail.outbox[-1].body
    assert send_office_notices(datetime.date(2026, 12, 2)) == 0


def test_a_new_meeting_resets_the_cadence_notice(duties, site_tree):
    send_office_notices(datetime.date(2027, 2, 20))
    add_meeting(site_tree["internal"], [], date=datetime.date(2027, 3, 10), number=1)
    mail.outbox.clear()
    assert send_office_notices(datetime.date(2027, 8, 10)) == 0
    assert send_office_notices(datetime.date(2027, 8, 11)) == 1  # 30 days before 2027-09-10
    assert "2027年3月10日" in mail.outbox[-1].body


def test_reminders_are_scheduled_daily_in_the_morning(db):
    from django_q.models import Schedule

    apply_schedules()
    for name in ("liaison_digests", "office_notices"):
        schedule = Schedule.objects.get(name=REGISTRY[name].schedule_name)
        assert schedule.minutes == 24 * 60
        assert schedule.func.startswith("internal.reminders.")
