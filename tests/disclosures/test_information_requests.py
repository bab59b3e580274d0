"""依申请公开: the working-day clock a clerk would compute by hand (holidays, 调休 Saturdays, 补正,
third-party consultation, extension), the public form and status lookup, reminders once each, and
applicants' data nowhere public."""

import datetime

import pytest
from django.core import mail

from disclosures.models import InformationRequest, RequestState
from disclosures.reminders import send_request_reminders
from home.models import CalendarDay
from home.workdays import add_working_days, is_working_day, working_days_between
from tests.factories import PublishingUnitFactory, UserFactory

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.mark.parametrize(
    "day, working",
    [
        (D(2026, 10, 1), False),  # 国庆节
        (D(2026, 10, 10), True),  # 调休上班的星期六
        (D(2026, 9, 20), True),  # 调休上班的星期日
        (D(2026, 2, 14), True),  # 春节前调休
        (D(2026, 2, 16), False),  # 春节
        (D(2026, 4, 6), False),  # 清明（星期一）
        (D(2026, 3, 7), False),  # an ordinary Saturday
        (D(2026, 3, 9), True),  # an ordinary Monday
        (D(2027, 2, 8), False),  # 2027 春节, statutory
    ],
)
def test_the_seeded_calendar(day, working):
    assert is_working_day(day) is working


@pytest.mark.parametrize(
    "received, fields, due",
    [
        # across 国庆 with the 调休 Saturday 10月10日 counted
        (D(2026, 9, 28), {}, D(2026, 10, 30)),
        # across 春节 with two 调休 Saturdays (2月14日, 2月28日)
        (D(2026, 2, 10), {}, D(2026, 3, 16)),
        # extended: +20 working days, across 清明
        (D(2026, 2, 10), {"extension_approved": True, "extension_reason": "需会商"}, D(2026, 4, 14)),
        # 补正: counted afresh from the corrected application
        (
            D(2026, 9, 28),
            {"correction_sent_on": D(2026, 10, 9), "correction_received_on": D(2026, 10, 20)},
            D(2026, 11, 17),
        ),
        # a third party consulted 3月10日–17日: those 5 working days are not counted
        (
            D(2026, 3, 2),
            {"third_party_sent_on": D(2026, 3, 10), "third_party_replied_on": D(2026, 3, 17)},
            D(2026, 4, 7),
        ),
        # received on a holiday: the clock starts with the next working day
        (D(2026, 10, 3), {}, D(2026, 11, 3)),
    ],
)
def test_the_reply_deadline_a_clerk_would_compute(received, fields, due):
    application = InformationRequest.objects.create(
        publishing_unit=PublishingUnitFactory(),
        received_on=received,
        applicant_type="person",
        applicant_name="张某",
        phone="13800138000",
        description="某文件",
        **fields,
    )
    assert application.due_on == due


def test_a_pending_correction_stops_the_clock_and_staff_edits_to_the_calendar_count():
    application = InformationRequest.objects.create(
        publishing_unit=PublishingUnitFactory(),
        received_on=D(2026, 3, 2),
        applicant_type="person",
        applicant_name="张某",
        phone="13800138000",
        description="某文件",
        correction_sent_on=D(2026, 3, 5),
    )
    assert application.due_on is None and application.state(D(2026, 6, 1)) == RequestState.AWAITING_CORRECTION
    assert application.correction_deadline == D(2026, 3, 11)  # 7 working days
    CalendarDay.objects.create(date=D(2026, 3, 9), is_working_day=False, name="临时放假")
    assert add_working_days(D(2026, 3, 6), 1) == D(2026, 3, 10)
    assert working_days_between(D(2026, 3, 6), D(2026, 3, 10)) == 1


@pytest.mark.parametrize(
    "fields, field",
    [
        ({"correction_received_on": D(2026, 3, 3)}, "correction_received_on"),
        ({"extension_approved": True}, "extension_reason"),
        ({"replied_on": D(2026, 3, 9)}, "outcome"),
        ({"outcome": "disclosed"}, "outcome"),
        ({"phone": "abc"}, "phone"),
        ({"replied_on": D(2026, 3, 1), "outcome": "disclosed"}, "replied_on"),
    ],
)
def test_bad_register_entries_are_refused(fields, field):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        InformationRequest.objects.create(
            publishing_unit=PublishingUnitFactory(),
            received_on=D(2026, 3, 2),
            applicant_type="person",
            applicant_name="张某",
            description="某文件",
            **{"phone": "13800138000", **fields},
        )
    assert field in error.value.message_dict
    assert not InformationRequest.objects.exists()


APPLICATION = {
    "applicant_type": "person",
    "applicant_name": "赵某某",
    "id_number": "",
    "phone": "１３９-0000-4321",  # full-width digits and hyphens, as people type them
    "email": "zhao@example.com",
    "address": "",
    "description": "本县2026年农村公路养护资金使用情况。",
    "document_number": "",
    "delivery_form": "email",
    "personal_info_consent": "on",
}


def test_a_citizen_applies_and_looks_up_the_status(client, site_tree):
    unit = PublishingUnitFactory(name="永昌县人民政府")
    page = client.get("/information-requests/apply/")
    assert page.status_code == 200 and "政府信息公开申请" in page.content.decode()
    response = client.post(
        "/information-requests/apply/", {**APPLICATION, "publishing_unit": unit.pk}, follow=True
    )
    application = InformationRequest.objects.get()
    body = response.content.decode()
    assert application.number in body and application.channel == "online"
    assert application.phone == "139-0000-4321"
    # the acknowledgement is shown once
    assert client.get("/information-requests/apply/done/").status_code == 302
    found = client.post(
        "/information-requests/status/", {"number": application.number.lower(), "phone_last_four": "4321"}
    )
    text = found.content.decode()
    assert "办理中" in text and application.number in text
    assert "赵某某" not in text and "农村公路" not in text  # the status, never the content or the applicant
    wrong = client.post(
        "/information-requests/status/", {"number": application.number, "phone_last_four": "0000"}
    )
    assert "没有找到" in wrong.content.decode() and "办理中" not in wrong.content.decode()


def test_only_this_county_s_own_units_receive_applications(client, site_tree):
    """Other counties' organs are in the catalogue (their documents are reposted) but do not take
    this site's applications: the form offers, and accepts, only the units marked 本县机构."""
    own = PublishingUnitFactory(name="永昌县人民政府", is_local=True)
    elsewhere = PublishingUnitFactory(name="九寨沟县人民政府", is_local=False)
    page = client.get("/information-requests/apply/").content.decode()
    assert "永昌县人民政府" in page and "九寨沟县人民政府" not in page
    response = client.post("/information-requests/apply/", {**APPLICATION, "publishing_unit": elsewhere.pk})
    assert response.status_code == 400 and "农村公路养护资金" in response.content.decode()
    assert "选择一个有效的选项" in response.content.decode()
    assert not InformationRequest.objects.exists()
    client.post("/information-requests/apply/", {**APPLICATION, "publishing_unit": own.pk})
    assert InformationRequest.objects.get().publishing_unit == own


def test_an_application_without_consent_keeps_what_was_typed(client, site_tree):
    unit = PublishingUnitFactory()
    data = {**APPLICATION, "publishing_unit": unit.pk}
    del data["personal_info_consent"]
    response = client.post("/information-requests/apply/", data)
    assert response.status_code == 400
    assert "请阅读并勾选同意后再提交。" in response.content.decode()
    assert "农村公路养护资金" in response.content.decode()
    assert not InformationRequest.objects.exists()


def test_applications_are_rate_limited(client, site_tree, settings):
    settings.FORM_RATE_LIMIT = (2, 600)
    unit = PublishingUnitFactory()
    for _ in range(2):
        assert (
            client.post(
                "/information-requests/apply/", {**APPLICATION, "publishing_unit": unit.pk}
            ).status_code
            == 302
        )
    assert (
        client.post("/information-requests/apply/", {**APPLICATION, "publishing_unit": unit.pk}).status_code
        == 429
    )
    assert InformationRequest.objects.count() == 2


def test_status_lookups_are_rate_limited(client, site_tree):
    for _ in range(10):
        client.post("/information-requests/status/", {"number": "YSQ2026000199", "phone_last_four": "1234"})
    assert (
        client.post(
            "/information-requests/status/", {"number": "YSQ2026000199", "phone_last_four": "1234"}
        ).status_code
        == 429
    )


def test_applicants_never_appear_on_the_public_site(client, demo_site):
    InformationRequest.objects.create(
        publishing_unit=InformationRequest.objects.first().publishing_unit,
        received_on=D(2026, 9, 28),
        applicant_type="person",
        applicant_name="欧阳测试申请人",
        id_number="620321199001011234",
        phone="13812345678",
        email="ouyang-applicant@example.com",
        description="欧阳申请的特定政府信息",
    )
    secrets = [
        ("欧阳测试申请人", "620321199001011234", "ouyang-applicant@example.com", "欧阳申请的特定政府信息")
    ]
    secrets += [
        (phone, description)
        for phone, description in InformationRequest.objects.values_list("phone", "description")
    ]
    urls = [
        "/",
        "/disclosures/",
        "/sitemap.xml",
        "/sitemap/",
        "/disclosures/feed/",
        "/information-requests/status/",
    ]
    urls += ["/search/?q=欧阳测试申请人", "/search/?q=政府信息", "/en/", "/bo/"]
    for url in urls:
        body = client.get(url).content.decode()
        if "q=" in url:  # the search page echoes what was typed (box, title): not a leak
            body = body.replace("欧阳测试申请人", "")
        for values in secrets:
            for value in values:
                assert value not in body, (url, value)


def test_officers_are_reminded_5_and_1_working_days_before_and_once_overdue(site_tree):
    from home.registries.roles import apply_roles

    apply_roles()
    UserFactory(username="gongkai", groups=["信息公开专员"], email="gongkai@example.gov.cn")
    application = InformationRequest.objects.create(
        publishing_unit=PublishingUnitFactory(),
        received_on=D(2026, 9, 28),
        applicant_type="person",
        applicant_name="张某",
        phone="13800138000",
        description="某文件",
    )
    assert application.due_on == D(2026, 10, 30)
    sent = {day: send_request_reminders(day) for day in (
        D(2026, 10, 22), D(2026, 10, 23), D(2026, 10, 26), D(2026, 10, 29), D(2026, 10, 30), D(2026, 10, 31), D(2026, 11, 2),
    )}  # fmt: skip
    # 10/23: 5 working days left; 10/29: 1 left; 10/31: the first overdue day; each once
    assert sent == {
        D(2026, 10, 22): 0,
        D(2026, 10, 23): 1,
        D(2026, 10, 26): 0,
        D(2026, 10, 29): 1,
        D(2026, 10, 30): 0,
        D(2026, 10, 31): 1,
        D(2026, 11, 2): 0,
    }
    assert [m.subject for m in mail.outbox][-1].endswith("已超过答复期限")
    application.replied_on, application.outcome = D(2026, 11, 3), "disclosed"
    application.save()
    assert send_request_reminders(D(2026, 11, 4)) == 0


def test_only_disclosure_officers_open_the_register(client, site_tree):
    from home.registries.roles import apply_roles

    apply_roles()
    InformationRequest.objects.create(
        publishing_unit=PublishingUnitFactory(),
        received_on=D(2026, 9, 28),
        applicant_type="person",
        applicant_name="张某某",
        phone="13800138000",
        description="某文件",
    )
    client.force_login(UserFactory(groups=["宣传人员"]))
    refused = client.get("/admin/snippets/disclosures/informationrequest/")
    assert refused.status_code in (302, 403)
    client.force_login(UserFactory(groups=["信息公开专员"]))
    listing = client.get("/admin/snippets/disclosures/informationrequest/")
    assert listing.status_code == 200 and "YSQ2026" in listing.content.decode()


def test_site_health_knows_the_regulations_clocks(site_tree):
    import time_machine

    from disclosures.health_checks import (
        check_annual_reports,
        check_information_requests,
        check_late_publication,
    )
    from tests.factories import PolicyDocumentPageFactory

    government = PublishingUnitFactory(name="永昌县人民政府", kind="government")
    procuratorate = PublishingUnitFactory(name="永昌县人民检察院", kind="procuratorate")
    base = {
        "applicant_type": "person",
        "applicant_name": "张某",
        "phone": "13800138000",
        "description": "某文件",
    }
    overdue = InformationRequest.objects.create(
        publishing_unit=government, received_on=D(2026, 9, 28), **base
    )  # due 10/30
    soon = InformationRequest.objects.create(
        publishing_unit=government, received_on=D(2026, 10, 9), **base
    )  # due 11/9
    InformationRequest.objects.create(
        publishing_unit=government, received_on=D(2026, 10, 30), **base
    )  # due 11/27
    PolicyDocumentPageFactory(parent=site_tree["disclosures"], publishing_unit=government,
                              written_date=D(2026, 1, 5), publication_date=D(2026, 3, 2), title="迟公开的文件")  # fmt: skip
    PolicyDocumentPageFactory(parent=site_tree["disclosures"], publishing_unit=procuratorate,
                              written_date=D(2026, 1, 5), publication_date=D(2026, 3, 2), title="检务公开的文件")  # fmt: skip
    PolicyDocumentPageFactory(parent=site_tree["disclosures"], publishing_unit=government,
                              written_date=D(2026, 9, 28), publication_date=D(2026, 10, 30), title="按时公开的文件")  # fmt: skip
    with time_machine.travel(datetime.datetime(2026, 11, 4, 9), tick=False):
        due = {p.title: p.message for p in check_information_requests(None)}
        assert set(due) == {overdue.number, soon.number}
        assert "已超过答复期限" in due[overdue.number] and "还有1个工作日" in due[soon.number]
        late_notice = InformationRequest.objects.create(
            publishing_unit=government, received_on=D(2026, 10, 9), correction_sent_on=D(2026, 10, 22), **base
        )  # 9 working days after receipt
        assert any(
            "补正告知晚于" in p.message
            for p in check_information_requests(None)
            if p.title == late_notice.number
        )
        late = [p.title for p in check_late_publication(None)]
        assert late == ["迟公开的文件"]  # 40 working days; the procuratorate is not bound by the 条例
        missing = [p.message for p in check_annual_reports(None)]
        assert missing == ["永昌县人民政府2025年政府信息公开工作年度报告应于3月31日前公布，至今未发布。"]
    with time_machine.travel(datetime.datetime(2026, 3, 20, 9), tick=False):
        assert check_annual_reports(None) == []  # the government has until 31 March


def test_the_phone_digits_are_posted_never_put_in_a_url(client, site_tree):
    page = client.get("/information-requests/status/").content.decode()
    assert 'method="post"' in page and "csrfmiddlewaretoken" in page
    ignored = client.get(
        "/information-requests/status/", {"number": "YSQ2026000199", "phone_last_four": "1234"}
    )
    assert "没有找到" not in ignored.content.decode()  # a GET looks nothing up


def test_one_number_cannot_be_walked_from_many_addresses(client, site_tree):
    for n in range(5):
        client.post(
            "/information-requests/status/",
            {"number": "YSQ2026000199", "phone_last_four": f"{n:04d}"},
            REMOTE_ADDR=f"198.51.100.{n + 1}",
        )
    refused = client.post(
        "/information-requests/status/",
        {"number": "ysq2026000199", "phone_last_four": "0005"},
        REMOTE_ADDR="198.51.100.50",
    )
    assert refused.status_code == 429
    other = client.post(
        "/information-requests/status/",
        {"number": "YSQ2026000200", "phone_last_four": "0005"},
        REMOTE_ADDR="198.51.100.50",
    )
    assert other.status_code == 200
