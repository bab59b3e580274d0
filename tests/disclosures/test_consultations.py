"""Several consultations on one application (issue 26): another third party or another organ
(条例 第三十二条、第三十三条) pauses the reply clock from the day after it is sent to its answer;
overlapping pauses count each day once; another organ's silence keeps the clock stopped (no
statutory limit) and 网站自查 asks for a reminder; the register shows each pause and its limit.

Dates by hand on the 2026 calendar: received 3月2日 (Monday) → 20 working days → 3月30日; 清明
4月6日 (Monday) is a holiday."""

import datetime

import pytest

from disclosures.health_checks import check_information_requests
from disclosures.models import ConsultationKind, InformationRequest, RequestConsultation, RequestState
from tests.factories import PublishingUnitFactory

pytestmark = pytest.mark.django_db
D = datetime.date
ORGAN, THIRD = ConsultationKind.OTHER_ORGAN, ConsultationKind.THIRD_PARTY


def application(**fields):
    return InformationRequest.objects.create(
        publishing_unit=PublishingUnitFactory(),
        applicant_type="person",
        applicant_name="张某",
        phone="13800138000",
        description="某文件",
        received_on=D(2026, 3, 2),
        **fields,
    )


SENT = D(2026, 3, 10)


def consult(request, kind=ORGAN, party="县自然资源局", sent=SENT, replied=None):
    RequestConsultation.objects.create(
        request=request, kind=kind, party=party, sent_on=sent, replied_on=replied
    )
    return InformationRequest.objects.prefetch_related("consultations").get(pk=request.pk)


def test_without_consultations_the_deadline_is_twenty_working_days():
    assert application().due_on == D(2026, 3, 30)


def test_another_organ_pauses_until_it_answers_and_the_deadline_follows():
    request = application()
    waiting = consult(request)  # sent 3月10日, no answer yet: the clock stays stopped
    assert waiting.due_on is None and waiting.due_label == "待其他机关答复后计算"
    for day in (D(2026, 3, 11), D(2026, 5, 1), D(2026, 12, 31)):
        assert waiting.state(day) == RequestState.CONSULTING  # never overdue while it waits
    RequestConsultation.objects.filter(request=request).update(replied_on=D(2026, 3, 13))
    RequestConsultation.objects.get(request=request).save()  # answered: 3月11、12、13日 not counted
    answered = InformationRequest.objects.get(pk=request.pk)
    assert answered.due_on == D(2026, 4, 2)
    assert answered.state(D(2026, 4, 2)) == RequestState.IN_PROGRESS
    assert answered.state(D(2026, 4, 3)) == RequestState.OVERDUE


def test_overlapping_consultations_pause_each_day_once():
    # third party 3月10日→17日 pauses 11、12、13、16、17; the organ 3月12日→19日 pauses 13、16、17、18、19:
    # together seven working days (not ten) → 3月30日 + 7 working days, 清明 skipped → 4月9日
    request = application(third_party_sent_on=D(2026, 3, 10), third_party_replied_on=D(2026, 3, 17))
    assert request.due_on == D(2026, 4, 7)  # five working days alone: 3/31, 4/1, 4/2, 4/3, 4/7
    both = consult(request, sent=D(2026, 3, 12), replied=D(2026, 3, 19))
    assert both.due_on == D(2026, 4, 9)
    assert [(p.kind, p.ends_on) for p in both.pauses()] == [(THIRD, D(2026, 3, 17)), (ORGAN, D(2026, 3, 19))]


def test_a_second_third_party_s_silence_ends_its_pause_after_fifteen_working_days():
    silent = consult(application(), kind=THIRD, party="某某置业有限公司")
    assert silent.pauses()[0].ends_on == D(2026, 3, 31)
    assert silent.due_on == D(2026, 4, 21)
    assert silent.state(D(2026, 3, 31)) == RequestState.CONSULTING
    assert silent.state(D(2026, 4, 1)) == RequestState.IN_PROGRESS
    assert silent.state(D(2026, 4, 22)) == RequestState.OVERDUE


def test_removing_a_consultation_gives_the_days_back():
    request = application()
    consult(request, replied=D(2026, 3, 13))
    assert InformationRequest.objects.get(pk=request.pk).due_on == D(2026, 4, 2)
    RequestConsultation.objects.get(request=request).delete()
    assert InformationRequest.objects.get(pk=request.pk).due_on == D(2026, 3, 30)


@pytest.mark.parametrize(
    ("sent", "replied", "field", "message"),
    [
        (D(2026, 2, 27), None, "sent_on", "征求意见日期不能早于收到申请日期。"),
        (D(2026, 3, 10), D(2026, 3, 9), "replied_on", "收到答复日期不能早于发出征求意见日期。"),
    ],
)
def test_consultation_dates_must_follow_each_other(sent, replied, field, message):
    from django.core.exceptions import ValidationError

    row = RequestConsultation(
        request=application(), kind=ORGAN, party="县财政局", sent_on=sent, replied_on=replied
    )
    with pytest.raises(ValidationError) as error:
        row.full_clean()
    assert error.value.message_dict[field] == [message]


def test_the_edit_screen_shows_each_pause_with_its_limit(admin_client, site_tree):
    request = application(third_party_sent_on=D(2026, 3, 10))
    consult(request, party="县自然资源局", sent=D(2026, 3, 12))
    page = admin_client.get(
        f"/admin/snippets/disclosures/informationrequest/edit/{request.pk}/"
    ).content.decode()
    assert "征求第三方意见" in page and "暂停计算至2026年3月31日" in page and "第三十二条" in page
    assert "征求其他机关意见：县自然资源局" in page and "暂停计算，收到答复后恢复" in page
    assert "第三十三条" in page and "待其他机关答复后重新计算" in page and "征求意见中" in page
    listing = admin_client.get("/admin/snippets/disclosures/informationrequest/").content.decode()
    assert "征求意见暂停" in listing and "征求第三方意见暂停至2026-03-31" in listing
    assert "征求其他机关意见（县自然资源局），待答复" in listing and "待其他机关答复后计算" in listing


def test_the_register_list_reads_consultations_in_one_query_for_the_page(admin_client, site_tree):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries():
        with CaptureQueriesContext(connection) as context:
            assert admin_client.get("/admin/snippets/disclosures/informationrequest/").status_code == 200
        return len(context)

    consult(application(third_party_sent_on=D(2026, 3, 10)))  # waiting for an organ: no deadline yet
    consult(application(third_party_sent_on=D(2026, 3, 10)), replied=D(2026, 3, 13))
    queries()  # warm the per-process caches (content types, the site)
    one = queries()
    for _ in range(6):  # each with a third party's pause (worked out on the calendar) and an organ's
        consult(application(third_party_sent_on=D(2026, 3, 10)), replied=D(2026, 3, 13))
    assert queries() == one


def test_a_consultation_added_in_the_admin_moves_the_deadline(admin_client, site_tree):
    request = application()
    url = f"/admin/snippets/disclosures/informationrequest/edit/{request.pk}/"
    data = {
        "publishing_unit": request.publishing_unit_id,
        "channel": request.channel,
        "received_on": "2026-03-02",
        "applicant_type": "person",
        "applicant_name": "张某",
        "phone": "13800138000",
        "description": "某文件",
        "delivery_form": request.delivery_form,
        "consultations-TOTAL_FORMS": "1",
        "consultations-INITIAL_FORMS": "0",
        "consultations-MIN_NUM_FORMS": "0",
        "consultations-MAX_NUM_FORMS": "1000",
        "consultations-0-kind": ORGAN,
        "consultations-0-party": "县住房和城乡建设局",
        "consultations-0-sent_on": "2026-03-10",
        "consultations-0-replied_on": "2026-03-13",
        "consultations-0-id": "",
        "consultations-0-DELETE": "",
        "reviews-TOTAL_FORMS": "0",
        "reviews-INITIAL_FORMS": "0",
        "reviews-MIN_NUM_FORMS": "0",
        "reviews-MAX_NUM_FORMS": "1000",
    }
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert InformationRequest.objects.get(pk=request.pk).due_on == D(2026, 4, 2)
    data["consultations-0-sent_on"] = "2026-02-01"  # before the application arrived: refused, nothing saved
    data["consultations-0-party"] = "县民政局"
    response = admin_client.post(url, data)
    assert response.status_code == 200 and "征求意见日期不能早于收到申请日期。" in response.content.decode()
    assert RequestConsultation.objects.get(request=request).party == "县住房和城乡建设局"


def test_site_health_asks_for_a_reminder_when_an_organ_stays_silent(site_tree):
    import time_machine

    request = application()
    consult(request, party="县自然资源局", sent=D(2026, 3, 10))
    with time_machine.travel(datetime.datetime(2026, 3, 30, 10, 0), tick=False):  # 14 working days
        assert not [p for p in check_information_requests(None) if "县自然资源局" in p.message]
    with time_machine.travel(datetime.datetime(2026, 4, 1, 10, 0), tick=False):  # 16 working days
        problems = [p for p in check_information_requests(None) if "县自然资源局" in p.message]
    assert len(problems) == 1 and "请催办" in problems[0].message and request.number in problems[0].message
