"""检察建议台账: the reply period, a whole life driven by the clock (states and reminders), who sees
and records what, the figures of recommendation_stats against a hand count, flat query counts."""

import datetime
import json
import re
from io import StringIO

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from home.workdays import add_months
from internal.models import (
    Escalation,
    Objection,
    Recommendation,
    RecommendationState,
    Rectification,
    Reply,
    Verification,
)
from internal.reminders import send_recommendation_reminders
from tests.factories import RecommendationFactory

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.mark.parametrize(
    "delivered, due",
    [
        (D(2026, 1, 31), D(2026, 3, 31)),  # the 规定's two calendar months
        (D(2026, 3, 15), D(2026, 5, 15)),
        (D(2026, 12, 31), D(2027, 2, 28)),  # no 30 February: the month's last day
        (D(2027, 12, 31), D(2028, 2, 29)),  # a leap year
        (D(2026, 11, 30), D(2027, 1, 30)),  # across the year
        (D(2026, 8, 31), D(2026, 10, 31)),
    ],
)
def test_the_reply_is_due_two_calendar_months_after_receipt(delivered, due):
    assert add_months(delivered, 2) == due
    recommendation = RecommendationFactory(issued_on=delivered, delivered_on=delivered)
    assert recommendation.reply_due == due


def test_a_period_the_recommendation_sets_is_kept():
    urgent = RecommendationFactory(delivered_on=D(2026, 2, 1), reply_period_days=15)
    assert urgent.reply_due == D(2026, 2, 16)


def test_correcting_the_delivery_date_moves_the_deadline_with_it():
    """The admin form and the model alike: the deadline is derived, never left behind."""
    rec = RecommendationFactory(issued_on=D(2026, 1, 20), delivered_on=D(2026, 1, 31))
    assert rec.reply_due == D(2026, 3, 31)
    rec.delivered_on = D(2026, 2, 3)
    rec.save()
    assert Recommendation.objects.get(pk=rec.pk).reply_due == D(2026, 4, 3)
    rec.reply_period_days = 15
    rec.save()
    assert Recommendation.objects.get(pk=rec.pk).reply_due == D(2026, 2, 18)
    rec.reply_due = D(2030, 1, 1)  # typed over: the save derives it again
    rec.save()
    assert Recommendation.objects.get(pk=rec.pk).reply_due == D(2026, 2, 18)


@pytest.mark.parametrize(
    "fields, field",
    [
        ({"target_unit": None, "target_name": ""}, "target_name"),  # to nobody
        ({"target_name": "城关镇人民政府"}, "target_name"),  # to both a member and another organ
        ({"issued_on": D(2026, 3, 1), "delivered_on": D(2026, 2, 1)}, "delivered_on"),
        ({"reply_period_days": 0}, "reply_period_days"),
        ({"copied_to_government": True, "copy_reason": ""}, "copy_reason"),
        ({"problem": "当事人身份证号110105199001011234。"}, "problem"),  # the personal-information guard
        ({"problem": "联系电话１３８００１３８０００"}, "problem"),
    ],
)
def test_a_bad_recommendation_is_refused_with_a_chinese_message(fields, field):
    with pytest.raises(ValidationError) as error:
        RecommendationFactory(**fields)
    assert field in error.value.message_dict
    assert all(re.search(r"[\u4e00-\u9fff]", message) for message in error.value.message_dict[field])
    assert not Recommendation.objects.exists()


def test_the_number_is_unique():
    RecommendationFactory(number="永检行建〔2026〕1号")
    with pytest.raises(ValidationError):
        RecommendationFactory(number="永检行建〔2026〕1号")


def refused(response) -> bool:
    """Wagtail answers a PermissionDenied in the admin with a redirect to the dashboard."""
    return response.status_code == 403 or (response.status_code == 302 and response["Location"] == "/admin/")


def state(recommendation, today):
    return Recommendation.objects.with_state(today).get(pk=recommendation.pk).state


def sent_keys():
    return sorted(message.subject for message in mail.outbox)


def test_a_whole_life_driven_by_the_clock(people):
    """delivered → objection upheld … amended → replied late → rectification → verified → closed,
    every reminder once, the state right at every step."""
    a, liaison, office = people["a"], people["liaison_a"], people["office"]
    rec = RecommendationFactory(target_unit=a, issued_on=D(2026, 1, 29), delivered_on=D(2026, 1, 31))
    assert rec.reply_due == D(2026, 3, 31) and rec.objection_deadline == D(2026, 2, 5)
    assert state(rec, D(2026, 2, 2)) == RecommendationState.DELIVERED

    objection = Objection.objects.create(
        recommendation=rec, filed_on=D(2026, 2, 3), grounds="部分问题已整改。", recorded_by=liaison
    )
    assert state(rec, D(2026, 2, 4)) == RecommendationState.OBJECTION
    objection.outcome, objection.decided_on = "amended", D(2026, 2, 10)
    objection.explanation, objection.decided_by = "删去已整改的第二项，回复期限不变。", office
    objection.save()
    rec.measures = "补正送达回证"
    rec.save()
    assert state(rec, D(2026, 2, 11)) == RecommendationState.AWAITING_REPLY

    def remind(day):
        with time_machine.travel(datetime.datetime.combine(day, datetime.time(8, 10)), tick=False):
            return send_recommendation_reminders(day)

    assert remind(D(2026, 3, 1)) == 0  # 30 days left: nothing yet
    assert remind(D(2026, 3, 17)) == 1  # 14 days before
    assert remind(D(2026, 3, 18)) == 0  # … once
    assert remind(D(2026, 3, 28)) == 1  # 3 days before
    assert remind(D(2026, 3, 29)) == 0
    assert state(rec, D(2026, 4, 1)) == RecommendationState.REPLY_OVERDUE
    overdue_sent = remind(D(2026, 4, 1))  # the liaison, the procuratorate, the joint office, 法治督办
    assert overdue_sent == 4
    assert remind(D(2026, 4, 2)) == 0  # nothing twice
    subjects = sent_keys()
    assert sum("【检察建议】永检" in s for s in subjects) == 3  # liaison: 14 days, 3 days, overdue
    assert subjects.count("【检察建议】新逾期事项") == 2 and subjects.count("【检察建议】4月督办清单") == 1

    Reply.objects.create(
        recommendation=rec,
        replied_on=D(2026, 4, 8),
        adoption="full",
        measures="已补正送达回证。",
        promised_by=D(2026, 6, 30),
        recorded_by=liaison,
    )
    assert state(rec, D(2026, 4, 9)) == RecommendationState.REPLIED
    Rectification.objects.create(
        recommendation=rec, reported_on=D(2026, 5, 10), text="补正30份。", done=False, recorded_by=liaison
    )
    assert state(rec, D(2026, 5, 11)) == RecommendationState.RECTIFYING
    done = Rectification.objects.create(
        recommendation=rec, reported_on=D(2026, 6, 20), text="全部补正。", done=True, recorded_by=liaison
    )
    assert remind(D(2026, 6, 21)) == 0  # the procuratorate verifies within 30 days, not at once
    # 1 July: the promised date (30 June) has passed, but the unit reported it done on 20 June: it
    # awaits the procuratorate's verification (待核查), nobody is late, nobody is told of an overdue item
    assert state(rec, D(2026, 7, 1)) == RecommendationState.AWAITING_VERIFICATION
    assert remind(D(2026, 7, 1)) == 0
    assert remind(D(2026, 7, 20)) == 0  # 30 days after the unit said it was done: still the window
    assert remind(D(2026, 7, 21)) == 2  # past it: the procuratorate and the joint office, to verify
    assert remind(D(2026, 7, 22)) == 0
    assert all("待核查整改" in m.subject for m in mail.outbox if "待核查" in m.subject)
    assert state(rec, D(2026, 7, 22)) == RecommendationState.VERIFICATION_OVERDUE  # the procuratorate's
    Verification.objects.create(
        recommendation=rec,
        visited_on=D(2026, 7, 25),
        passed=True,
        notes="回访抽查，整改到位。",
        recorded_by=office,
    )
    assert state(rec, D(2026, 7, 26)) == RecommendationState.RECTIFIED
    assert done.done
    rec.closed_on = D(2026, 8, 1)
    rec.save()
    assert state(rec, D(2026, 8, 2)) == RecommendationState.CLOSED


@pytest.mark.parametrize(
    "records, expected",
    [
        ([("objection", {"outcome": "withdrawn"})], RecommendationState.WITHDRAWN),
        ([("escalation", {"kind": "lawsuit"})], RecommendationState.SUED),
        ([("reply", {"adoption": "none", "reasons": "不属于本单位职责。"})], RecommendationState.REPLIED),
    ],
)
def test_the_end_states(people, records, expected):
    rec = RecommendationFactory(target_unit=people["a"])
    for kind, fields in records:
        if kind == "objection":
            Objection.objects.create(
                recommendation=rec,
                filed_on=D(2026, 2, 2),
                grounds="异议",
                decided_on=D(2026, 2, 6),
                explanation="撤回。",
                **fields,
            )
        elif kind == "escalation":
            Escalation.objects.create(recommendation=rec, taken_on=D(2026, 5, 1), notes="起诉。", **fields)
        else:
            Reply.objects.create(recommendation=rec, replied_on=D(2026, 3, 1), **fields)
    assert state(rec, D(2026, 12, 1)) == expected


def test_who_may_record_what_is_in_the_model(people):
    rec_b = RecommendationFactory(target_unit=people["b"])
    with pytest.raises(ValidationError):  # a liaison of A replying for B
        Reply.objects.create(
            recommendation=rec_b, replied_on=D(2026, 3, 1), adoption="full", promised_by=D(2026, 5, 1),
            recorded_by=people["liaison_a"],
        )  # fmt: skip
    with pytest.raises(ValidationError):  # 法治督办 may urge, not verify
        Verification.objects.create(
            recommendation=rec_b,
            visited_on=D(2026, 5, 1),
            passed=True,
            notes="到位",
            recorded_by=people["government"],
        )
    with pytest.raises(ValidationError):  # … nor sue
        Escalation.objects.create(
            recommendation=rec_b,
            kind="lawsuit",
            taken_on=D(2026, 5, 1),
            notes="诉",
            recorded_by=people["government"],
        )
    Escalation.objects.create(
        recommendation=rec_b,
        kind="urge",
        taken_on=D(2026, 5, 1),
        notes="督促。",
        recorded_by=people["government"],
    )
    with pytest.raises(ValidationError):  # a liaison cannot decide their own objection
        objection = Objection.objects.create(
            recommendation=rec_b, filed_on=D(2026, 2, 2), grounds="异议", recorded_by=people["liaison_b"]
        )
        objection.outcome, objection.decided_on, objection.explanation = "withdrawn", D(2026, 2, 3), "撤回"
        objection.decided_by = people["liaison_b"]
        objection.save()
    assert not Reply.objects.exists() and not Verification.objects.exists()


def test_a_liaison_sees_and_acts_on_their_own_unit_only(client, people):
    rec_a = RecommendationFactory(target_unit=people["a"], problem="甲单位的问题")
    rec_b = RecommendationFactory(target_unit=people["b"], problem="乙单位的问题")
    client.force_login(people["liaison_a"])
    listing = client.get("/admin/recommendations/").content.decode()
    assert rec_a.number in listing and rec_b.number not in listing
    export = b"".join(client.get("/admin/recommendations/?export=csv").streaming_content).decode("utf-8-sig")
    assert rec_a.number in export and rec_b.number not in export
    assert client.get(f"/admin/recommendations/{rec_b.pk}/").status_code == 404
    post = {
        "action": "reply",
        "reply-replied_on": "2026-03-01",
        "reply-adoption": "full",
        "reply-promised_by": "2026-05-01",
    }
    assert client.post(f"/admin/recommendations/{rec_b.pk}/", post).status_code == 404
    assert client.get(f"/admin/recommendations/{rec_b.pk}/file/").status_code == 404
    assert refused(client.get("/admin/recommendations/figures/"))  # the figures are the county's
    assert refused(client.get(f"/admin/recommendations/{rec_a.pk}/edit/"))
    assert client.get("/admin/recommendations/?unit=999999").status_code == 200  # a bad filter: a message
    home = client.get("/admin/").content.decode()
    assert "乙单位的问题" not in home and rec_b.number not in home
    # their own: they reply, through the page
    response = client.post(f"/admin/recommendations/{rec_a.pk}/", post)
    assert response.status_code == 302
    assert Reply.objects.get().recommendation == rec_a


def test_a_reply_with_missing_reasons_keeps_what_was_typed(client, people):
    rec = RecommendationFactory(target_unit=people["a"])
    client.force_login(people["liaison_a"])
    post = {
        "action": "reply",
        "reply-replied_on": "2026-03-01",
        "reply-adoption": "partial",
        "reply-measures": "已整改一项。",
    }
    response = client.post(f"/admin/recommendations/{rec.pk}/", post)
    assert response.status_code == 400
    page = response.content.decode()
    assert "部分采纳或未采纳的，请写明理由。" in page and "已整改一项。" in page
    assert not Reply.objects.exists()


def test_the_government_reads_everything_and_records_urging_only(client, people):
    rec = RecommendationFactory(target_unit=people["b"])
    client.force_login(people["government"])
    assert rec.number in client.get("/admin/recommendations/").content.decode()
    page = client.get(f"/admin/recommendations/{rec.pk}/").content.decode()
    assert "督促与追责" in page and "整改核查" not in page and "书面回复</h3>" not in page
    urge = {
        "action": "escalation",
        "escalation-kind": "urge",
        "escalation-taken_on": "2026-04-10",
        "escalation-notes": "发函督促。",
    }
    assert client.post(f"/admin/recommendations/{rec.pk}/", urge).status_code == 302
    sue = {**urge, "escalation-kind": "lawsuit"}
    assert client.post(f"/admin/recommendations/{rec.pk}/", sue).status_code == 400
    verify = {
        "action": "verification",
        "verification-visited_on": "2026-04-10",
        "verification-passed": "on",
        "verification-notes": "到位",
    }
    assert refused(client.post(f"/admin/recommendations/{rec.pk}/", verify))
    assert [e.kind for e in Escalation.objects.all()] == ["urge"]
    assert refused(client.get("/admin/recommendations/add/"))


def test_the_procuratorate_records_a_recommendation_in_the_admin(client, people):
    client.force_login(people["office"])
    data = {
        "number": "永检行建〔2026〕21号",
        "kind": "recommendation",
        "category": "public_interest",
        "target_unit": people["a"].pk,
        "issued_on": "2026-03-02",
        "delivered_on": "2026-03-04",
        "delivery_method": "in_person",
        "objection_days": "5",
        "reply_due": "",
        "problem": "某路段护栏缺失。",
        "measures": "修复护栏\n设置警示标志",
    }
    response = client.post("/admin/recommendations/add/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    rec = Recommendation.objects.get()
    assert (
        rec.reply_due == D(2026, 5, 4) and rec.created_by == people["office"] and len(rec.measure_list) == 2
    )
    again = client.post("/admin/recommendations/add/", {**data, "problem": "身份证号110105199001011234"})
    assert again.status_code == 400 and "个人信息" in again.content.decode()
    assert Recommendation.objects.count() == 1
    from wagtail.models import ModelLogEntry

    (created,) = ModelLogEntry.objects.for_instance(rec)
    assert (created.action, created.user, created.data["address"]) == (
        "wagtail.create",
        people["office"],
        "127.0.0.1",
    )


def test_anonymous_visitors_never_see_a_recommendation(client, demo_site):
    rec = Recommendation.objects.first()
    assert rec is not None
    for url in (
        "/admin/recommendations/",
        f"/admin/recommendations/{rec.pk}/",
        f"/admin/recommendations/{rec.pk}/file/",
    ):
        response = client.get(url)
        assert response.status_code == 302 and "/login" in response["Location"]
    for url in ("/", "/sitemap.xml", "/sitemap/", "/campaigns/feed/", "/disclosures/feed/", "/en/", "/bo/"):
        body = client.get(url).content.decode()
        assert rec.number not in body and rec.problem[:12] not in body, url
    for query in (rec.number, rec.problem[:6], "整改"):  # search finds no recommendation
        body = client.get("/search/", {"q": query}).content.decode()
        assert rec.problem[:12] not in body and f"/admin/recommendations/{rec.pk}/" not in body


def test_the_stats_command_equals_a_hand_count(people):
    a, b = people["a"], people["b"]
    on_time = RecommendationFactory(target_unit=a, copied_to_government=True, copy_reason="impact")
    Reply.objects.create(
        recommendation=on_time, replied_on=D(2026, 3, 1), adoption="full", promised_by=D(2026, 5, 1)
    )
    Verification.objects.create(recommendation=on_time, visited_on=D(2026, 5, 10), passed=True, notes="到位")
    late = RecommendationFactory(target_unit=a)
    Objection.objects.create(
        recommendation=late,
        filed_on=D(2026, 2, 2),
        grounds="异议",
        outcome="upheld",
        decided_on=D(2026, 2, 6),
        explanation="维持。",
    )
    Reply.objects.create(recommendation=late, replied_on=D(2026, 4, 30), adoption="none", reasons="不同意。")
    silent = RecommendationFactory(target_unit=b)
    for kind in ("urge", "notify", "interview"):
        Escalation.objects.create(recommendation=silent, kind=kind, taken_on=D(2026, 5, 1), notes="措施。")
    RecommendationFactory(target_unit=b, issued_on=D(2025, 6, 1))  # another year
    out = StringIO()
    with time_machine.travel(datetime.datetime(2026, 6, 1, 12), tick=False):
        call_command("recommendation_stats", "--year", "2026", "--json", stdout=out)
    data = json.loads(out.getvalue())
    expected = {
        "issued": 3,
        "replied": 2,
        "replied_on_time": 1,
        "overdue_unreplied": 1,
        "adopted": 1,
        "rectified": 1,
        "objections": 1,
        "objections_upheld": 1,
        "copied_to_government": 1,
        "urged": 1,
        "notified": 1,
        "interviewed": 1,
    }
    assert {key: data[key] for key in expected} == expected
    assert data["on_time_rate"] == pytest.approx(33.3)  # 1 of 3 due
    by_unit = {row["unit"]: row for row in data["by_unit"]}
    assert by_unit["永昌县交通局"]["issued"] == 2 and by_unit["永昌县水务局"]["overdue_unreplied"] == 1
    assert set(by_unit["永昌县水务局"]) >= set(expected) | {"unit"}


def test_the_figures_page_and_its_workbook(client, people):
    from openpyxl import load_workbook

    RecommendationFactory(target_unit=people["a"])
    client.force_login(people["joint_office"])
    page = client.get("/admin/recommendations/figures/?year=2026")
    assert page.status_code == 200 and "永昌县交通局" in page.content.decode()
    assert "无效" in client.get("/admin/recommendations/figures/?year=abc", follow=True).content.decode()
    workbook = load_workbook(
        StringIO
        and __import__("io").BytesIO(
            client.get("/admin/recommendations/figures/?year=2026&export=xlsx").content
        )
    )
    sheet = workbook.active
    assert sheet.cell(1, 1).value.startswith("2026年检察建议办理情况")


def test_list_and_dashboard_queries_do_not_grow_with_the_ledger(client, people):
    from internal.dashboard import renew_panels

    client.force_login(people["joint_office"])

    def count(url):
        renew_panels()  # the queries of a fresh render, not of the per-user cached panel
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    for _ in range(3):
        rec = RecommendationFactory(target_unit=people["a"])
        Reply.objects.create(
            recommendation=rec, replied_on=D(2026, 3, 1), adoption="full", promised_by=D(2026, 3, 2)
        )
    first = Recommendation.objects.order_by("pk").first()
    urls = (
        "/admin/recommendations/",
        "/admin/recommendations/?state=rectification_overdue",
        "/admin/recommendations/?export=csv",
        "/admin/",
        "/admin/recommendations/figures/",
        f"/admin/recommendations/{first.pk}/",
    )
    [count(url) for url in urls]  # warm the content-type and settings caches
    few = tuple(count(url) for url in urls)
    for _ in range(12):
        rec = RecommendationFactory(target_unit=people["b"])
        Escalation.objects.create(recommendation=rec, kind="urge", taken_on=D(2026, 5, 1), notes="督促。")
    many = tuple(count(url) for url in urls)
    assert many == few


def test_every_change_and_record_is_in_the_recommendation_s_history(client, people):
    """Wagtail's log: who created it, who changed it, who recorded what — on its history page."""
    client.force_login(people["office"])
    rec = RecommendationFactory(target_unit=people["a"])
    edit = client.get(f"/admin/recommendations/{rec.pk}/edit/")
    assert edit.status_code == 200
    form = edit.context["form"]
    data = {name: form[name].value() or "" for name in form.fields if name != "attachment"}
    data.update(problem="复核后补充的问题。", copied_to_government="")
    data = {k: ("" if v is None else v) for k, v in data.items() if v is not False}
    assert client.post(f"/admin/recommendations/{rec.pk}/edit/", data).status_code == 302
    client.force_login(people["liaison_a"])
    post = {
        "action": "reply",
        "reply-replied_on": "2026-03-01",
        "reply-adoption": "full",
        "reply-promised_by": "2026-05-01",
    }
    assert client.post(f"/admin/recommendations/{rec.pk}/", post).status_code == 302
    from wagtail.models import ModelLogEntry

    entries = list(ModelLogEntry.objects.filter(object_id=str(rec.pk)).order_by("timestamp", "pk"))
    assert [(e.action, e.user, e.data.get("address")) for e in entries] == [
        ("wagtail.edit", people["office"], "127.0.0.1"),
        ("fjld.recommendation.record", people["liaison_a"], "127.0.0.1"),
    ]
    client.force_login(people["office"])
    history = client.get(f"/admin/recommendations/{rec.pk}/history/").content.decode()
    assert "记录：书面回复" in history and "编辑" in history


def test_the_demo_ledger_has_every_state(demo_site):
    from internal.recommendations import with_states

    states = {item.state for item in with_states(Recommendation.objects.with_records())}
    assert {
        RecommendationState.DELIVERED,
        RecommendationState.OBJECTION,
        RecommendationState.REPLY_OVERDUE,
        RecommendationState.RECTIFYING,
        RecommendationState.RECTIFIED,
        RecommendationState.CLOSED,
        RecommendationState.WITHDRAWN,
        RecommendationState.SUED,
        RecommendationState.RECTIFICATION_OVERDUE,
    } <= states
    assert Escalation.objects.filter(kind="interview").exists()


def test_the_narrowing_by_state_never_changes_which_are_in_it(demo_site, today):
    """in_state() adds cheap conditions before the state is worked out: on the demo ledger, on days
    before, during and long after its deadlines, it finds exactly what the state alone finds."""
    for shift in (-400, -60, -7, 0, 1, 30, 90, 400):
        day = today + datetime.timedelta(days=shift)
        every = Recommendation.objects.with_state(day)
        for state in RecommendationState.values:
            expected = set(every.filter(state=state).values_list("pk", flat=True))
            assert (
                set(Recommendation.objects.in_state(state, day).values_list("pk", flat=True)) == expected
            ), (
                state,
                day,
            )


def test_the_state_contract_reads_the_same_definition(people, today):
    """recommendation_state(rec, today) (DESIGN.md's contract) equals the ledger's annotation."""
    from internal.models.recommendation import recommendation_state

    rec = RecommendationFactory(target_unit=people["a"])
    for shift in (0, 30, 90):
        day = today + datetime.timedelta(days=shift)
        assert recommendation_state(rec, day) == Recommendation.objects.with_state(day).get(pk=rec.pk).state


def test_the_ledger_shows_an_export_button_that_keeps_the_filters(client, people):
    rec = RecommendationFactory(target_unit=people["a"])
    client.force_login(people["office"])
    listing = client.get("/admin/recommendations/?year=2026").content.decode()
    assert "导出 Excel" in listing and "export=xlsx" in listing and "year=2026" in listing
    import io

    from openpyxl import load_workbook

    download = client.get("/admin/recommendations/?export=xlsx")
    assert download["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(b"".join(download.streaming_content))).active
    assert rec.number in [cell.value for cell in sheet["A"]]


def test_the_figures_are_counted_once_and_follow_every_change(client, people, today):
    """The figures page is worked out once per change of the ledger, not on every visit — and a
    reply recorded a moment ago is in it at once."""
    day = datetime.timedelta(days=1)
    rec = RecommendationFactory(
        target_unit=people["a"], issued_on=today - 40 * day, delivered_on=today - 38 * day
    )
    client.force_login(people["joint_office"])
    url = f"/admin/recommendations/figures/?year={rec.issued_on.year}"

    def visit():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        return len(queries), response.context_data["rows"]

    first, before = visit()
    again, same = visit()
    assert again < first and same == before
    Reply.objects.create(
        recommendation=rec, replied_on=today - 10 * day, adoption="full", promised_by=today + 30 * day,
        recorded_by=people["liaison_a"],
    )  # fmt: skip
    _queries, after = visit()
    assert after != before  # 已回复 counted at once
