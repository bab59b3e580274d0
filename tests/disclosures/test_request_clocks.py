"""依申请公开 clocks that follow every later change (issue 26): a silent third party pauses the
clock 15 working days at most; a change to the 工作日历 moves every open deadline at once; the edit
screen shows the deadline, the state and the pause; the list speaks Chinese."""

import datetime

import pytest
from django.test import TestCase

from disclosures.models import InformationRequest, RequestState
from home.models import CalendarDay
from tests.factories import PublishingUnitFactory

pytestmark = pytest.mark.django_db
D = datetime.date


def application(**fields):
    return InformationRequest.objects.create(
        publishing_unit=PublishingUnitFactory(),
        applicant_type="person",
        applicant_name="张某",
        phone="13800138000",
        description="某文件",
        **fields,
    )


@pytest.mark.parametrize(
    ("replied", "due", "pause_ends"),
    [
        # silent: the pause ends on the 15th working day after 3月10日 (3月31日); 15 working days not
        # counted → due 20 working days from 3月2日 plus 15
        (None, D(2026, 4, 21), D(2026, 3, 31)),
        (D(2026, 3, 17), D(2026, 4, 7), D(2026, 3, 17)),  # answered in 5 working days
        (D(2026, 5, 20), D(2026, 4, 21), D(2026, 3, 31)),  # answered late: the pause still ends at 15
    ],
)
def test_a_third_party_pauses_the_clock_fifteen_working_days_at_most(replied, due, pause_ends):
    request = application(
        received_on=D(2026, 3, 2), third_party_sent_on=D(2026, 3, 10), third_party_replied_on=replied
    )
    assert request.third_party_pause_ends() == pause_ends
    assert request.due_on == due
    if replied is None:
        assert request.state(pause_ends) == RequestState.CONSULTING
        assert request.state(pause_ends + datetime.timedelta(days=1)) == RequestState.IN_PROGRESS
        assert request.state(due + datetime.timedelta(days=1)) == RequestState.OVERDUE  # never frozen


def test_the_deadline_does_not_depend_on_the_day_it_was_saved(today):
    import time_machine

    with time_machine.travel(datetime.datetime(2026, 3, 12, 10, 0), tick=False):
        early = application(received_on=D(2026, 3, 2), third_party_sent_on=D(2026, 3, 10))
    with time_machine.travel(datetime.datetime(2026, 6, 1, 10, 0), tick=False):
        early.save()
    assert early.due_on == D(2026, 4, 21)


class CalendarChangeTest(TestCase):
    """on_commit: a real transaction, as when staff save a day in the admin."""

    def test_a_day_added_to_the_calendar_moves_every_open_deadline_once(self):
        open_one = application(received_on=D(2026, 3, 2))
        answered = application(received_on=D(2026, 3, 2), replied_on=D(2026, 3, 20), outcome="disclosed")
        before_open, before_answered = open_one.due_on, answered.due_on
        with (
            self.assertLogs("disclosures.deadlines", "INFO") as logs,
            self.captureOnCommitCallbacks(execute=True),
        ):
            CalendarDay.objects.create(date=D(2026, 3, 13), is_working_day=False, name="临时放假")
        open_one.refresh_from_db()
        answered.refresh_from_db()
        assert open_one.due_on == before_open + datetime.timedelta(days=1)  # one working day later
        assert answered.due_on == before_answered  # answered against the old one: kept
        assert "1 件" in logs.output[0]
        with self.captureOnCommitCallbacks(execute=True):
            CalendarDay.objects.filter(date=D(2026, 3, 13)).delete()
        open_one.refresh_from_db()
        assert open_one.due_on == before_open


def test_the_edit_screen_shows_the_deadline_state_and_pause(admin_client, site_tree):
    request = application(received_on=D(2026, 3, 2), third_party_sent_on=D(2026, 3, 10))
    page = admin_client.get(
        f"/admin/snippets/disclosures/informationrequest/edit/{request.pk}/"
    ).content.decode()
    assert "答复期限与状态" in page and "2026年4月21日" in page and "暂停计算至2026年3月31日" in page
    listing = admin_client.get("/admin/snippets/disclosures/informationrequest/").content.decode()
    assert "State label" not in listing and "状态" in listing


def test_an_online_application_sent_on_a_holiday_is_received_on_the_next_working_day(client, site_tree):
    import time_machine
    from django.utils import timezone

    from home.workdays import is_working_day
    from tests.disclosures.test_information_requests import APPLICATION

    unit = PublishingUnitFactory()
    holiday = datetime.datetime(2026, 10, 3, 10, 0, tzinfo=timezone.get_default_timezone())  # 国庆
    assert not is_working_day(holiday.date())
    with time_machine.travel(holiday, tick=False):
        assert (
            client.post(
                "/information-requests/apply/", {**APPLICATION, "publishing_unit": unit.pk}
            ).status_code
            == 302
        )
        done = client.get("/information-requests/apply/done/").content.decode()
    request = InformationRequest.objects.get()
    assert request.received_on == D(2026, 10, 8) and is_working_day(request.received_on)
    assert "非工作日提交" in done and "2026年10月8日" in done


def test_a_deadline_in_a_year_without_a_confirmed_arrangement_is_provisional(admin_client, site_tree):
    """2027's 调休 is not yet published (the seed marks it so): a deadline reaching into 2027 says
    暂定 on the record, the list and the reminder; confirming 2027 lifts it."""
    from home.models import HolidayArrangement

    confirmed = application(received_on=D(2026, 3, 2))
    crossing = application(received_on=D(2026, 12, 14))
    assert not confirmed.due_is_provisional and crossing.due_on.year == 2027 and crossing.due_is_provisional
    listing = admin_client.get("/admin/snippets/disclosures/informationrequest/").content.decode()
    assert "（暂定）" in listing
    page = admin_client.get(
        f"/admin/snippets/disclosures/informationrequest/edit/{crossing.pk}/"
    ).content.decode()
    assert "暂定" in page
    HolidayArrangement.objects.update_or_create(year=2027, defaults={"confirmed": True, "source": "通知"})
    assert not InformationRequest.objects.get(pk=crossing.pk).due_is_provisional


def test_site_health_asks_for_next_year_s_arrangement_from_november(site_tree):
    from django.utils import timezone

    from home.health_checks import check_next_year_arrangement
    from home.models import HolidayArrangement

    tz = timezone.get_default_timezone()
    assert check_next_year_arrangement(datetime.datetime(2027, 10, 31, 9, tzinfo=tz)) == []
    (problem,) = check_next_year_arrangement(datetime.datetime(2027, 11, 1, 9, tzinfo=tz))
    assert "2028年" in problem.message
    HolidayArrangement.objects.create(year=2028, confirmed=True)
    assert check_next_year_arrangement(datetime.datetime(2027, 11, 1, 9, tzinfo=tz)) == []


class AcknowledgementTest(TestCase):
    """The acknowledgement mail goes on the queue after the application is saved; a refused send is
    kept on the application (edit screen, 网站自查) and retried, never lost; sent once."""

    def apply_online(self):
        from django.test import Client

        from home.registries.roles import apply_roles  # noqa: F401  (the register's screens need no roles here)
        from tests.disclosures.test_information_requests import APPLICATION

        unit = PublishingUnitFactory()
        data = {**APPLICATION, "publishing_unit": unit.pk, "email": "shenqingren@example.com"}
        with self.captureOnCommitCallbacks(execute=True):
            response = Client().post("/information-requests/apply/", data)
        assert response.status_code == 302, response.content.decode()[:500]
        return InformationRequest.objects.get()

    def test_the_applicant_gets_the_number_by_mail_once(self):
        from django.core import mail

        from disclosures.acknowledgements import send_acknowledgement

        request = self.apply_online()
        assert len(mail.outbox) == 1 and request.number in mail.outbox[0].body
        assert mail.outbox[0].to == ["shenqingren@example.com"]
        request.refresh_from_db()
        assert request.acknowledged_at and not request.acknowledgement_error
        send_acknowledgement.call(request.pk)  # a second delivery of the task
        assert len(mail.outbox) == 1

    def test_a_refused_mail_is_kept_shown_and_retried(self):
        from unittest import mock

        from django.core import mail

        from disclosures.acknowledgements import send_acknowledgement
        from disclosures.health_checks import check_acknowledgements

        refused = ConnectionRefusedError("邮件服务器拒绝连接")
        with mock.patch("disclosures.acknowledgements.send_mail", side_effect=refused):
            self.apply_online()  # the applicant is not troubled: the number is on the page
        request = InformationRequest.objects.get()
        assert "邮件服务器拒绝连接" in request.acknowledgement_error and request.acknowledged_at is None
        (problem,) = check_acknowledgements(None)
        assert request.number in problem.message
        send_acknowledgement.call(request.pk)  # the queue's retry, the server back
        request.refresh_from_db()
        assert request.acknowledged_at and request.acknowledgement_error == "" and len(mail.outbox) == 1
        assert check_acknowledgements(None) == []


# 《全国年节及纪念日放假办法》(2024) 第二条: the holidays for everyone, as dates of 2027
STATUTORY_2027 = {
    "元旦": [D(2027, 1, 1)],
    "春节": [D(2027, 2, 5), D(2027, 2, 6), D(2027, 2, 7), D(2027, 2, 8)],  # 除夕 to 初三
    "清明节": [D(2027, 4, 5)],
    "劳动节": [D(2027, 5, 1), D(2027, 5, 2)],
    "端午节": [D(2027, 6, 9)],
    "中秋节": [D(2027, 9, 15)],
    "国庆节": [D(2027, 10, 1), D(2027, 10, 2), D(2027, 10, 3)],
}


@pytest.mark.parametrize("holiday", STATUTORY_2027)
def test_the_2027_seed_makes_up_each_weekend_holiday_on_a_weekday(holiday):
    """第四条: a holiday on a Saturday or Sunday is made up on a working day — right after it."""
    from home.workdays import WorkingCalendar

    days = STATUTORY_2027[holiday]
    calendar = WorkingCalendar()
    assert not any(calendar.is_working_day(day) for day in days)
    on_weekends = sum(day.weekday() >= 5 for day in days)
    made_up = list(
        CalendarDay.objects.filter(name=f"{holiday}补假", is_working_day=False).values_list("date", flat=True)
    )
    assert len(made_up) == on_weekends
    assert all(day.weekday() < 5 and day.year == 2027 for day in made_up)
    # the days straight after the holiday (weekends skipped)
    expected, day = [], days[-1]
    while len(expected) < on_weekends:
        day += datetime.timedelta(days=1)
        if day.weekday() < 5:
            expected.append(day)
    assert sorted(made_up) == expected


def test_a_deadline_across_the_2027_spring_festival_skips_its_make_up_days():
    # received 2027-02-01 (Monday): 20 working days, with 2月5日-10日 off (除夕 to the two 补假 days)
    # → 2/2,3,4 (3), 2/11,12 (5), 2/15-19 (10), 2/22-26 (15), 3/1-5 (20): 3月5日, still 暂定
    request = application(received_on=D(2027, 2, 1))
    assert request.due_on == D(2027, 3, 5) and request.due_is_provisional
