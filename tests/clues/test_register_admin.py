"""The register in the admin: a liaison registers their unit's transfer and sees only their own
unit's clues (list, export, clue page, history, report); the police liaison sees the transfers sent
to it and records its decision; 行政执法监督 reads all but 职务违法线索; the procuratorate records
its steps and opens a 检察建议 from a clue. Bad input gets a Chinese message and saves nothing; the
list costs the same number of queries at 10 and 40 clues."""

import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from clues.lives import ClueKind
from clues.models import Clue, ClueStep
from clues.register import open_clue, record_step
from internal.models import Recommendation

pytestmark = pytest.mark.django_db


def transfer(people, unit="market", title="涉嫌销售伪劣化肥", on=None):
    units = people["units"]
    on = on or datetime.date.today() - datetime.timedelta(days=2)
    return open_clue(
        Clue(kind=ClueKind.TRANSFER, title=title, unit=units[unit], police_unit=units["police"]),
        on,
        people[unit],
    )


def test_a_liaison_registers_a_transfer_and_the_police_record_their_decision(client, register_people, today):
    p = register_people
    client.force_login(p["market"])
    form = client.get("/admin/clues/add/").content.decode()
    assert "承办人提出移送涉嫌犯罪案件的书面报告的日期" in form and "永昌县自然资源局" not in form
    fields = {"title": "涉嫌销售伪劣化肥", "summary": "", "unit": p["units"]["market"].pk,
              "police_unit": p["units"]["police"].pk, "reference": "", "on": today.isoformat()}  # fmt: skip
    refused = client.post("/admin/clues/add/", {**fields, "unit": p["units"]["land"].pk})
    assert refused.status_code == 400 and Clue.objects.count() == 0
    refused = client.post(
        "/admin/clues/add/?kind=opinion", {**fields, "title": ""}
    )  # a liaison: transfers only
    assert (
        refused.status_code == 400 and "请填写" in refused.content.decode()
    ) or "这个字段是必填项" in refused.content.decode()
    assert Clue.objects.count() == 0
    made = client.post("/admin/clues/add/", fields)
    clue = Clue.objects.get()
    assert made.status_code == 302 and clue.kind == ClueKind.TRANSFER and clue.stage == "reported"
    assert clue.number.startswith(f"府检线索〔{today.year}〕")

    page = client.get(f"/admin/clues/{clue.pk}/").content.decode()
    assert "待负责人审批" in page and "第五条" in page and "负责人批准移送" in page
    refused = client.post(
        f"/admin/clues/{clue.pk}/", {"action": "step", "step-code": "approved", "step-on": today.isoformat()}
    )
    assert refused.status_code == 400 and "须填写时间" in refused.content.decode()
    client.post(
        f"/admin/clues/{clue.pk}/",
        {"action": "step", "step-code": "approved", "step-on": today.isoformat(), "step-at": "09:00"},
    )
    client.post(
        f"/admin/clues/{clue.pk}/",
        {"action": "step", "step-code": "transferred", "step-on": today.isoformat(), "step-at": "16:00"},
    )
    clue.refresh_from_db()
    assert clue.stage == "transferred"
    refused = client.post(
        f"/admin/clues/{clue.pk}/",
        {"action": "step", "step-code": "declined", "step-on": today.isoformat(), "step-notes": "x"},
    )
    assert (
        refused.status_code in (302, 403) and not clue.steps.filter(code="declined").exists()
    )  # the police's

    client.force_login(p["police"])
    assert clue.number in client.get("/admin/clues/").content.decode()
    page = client.get(f"/admin/clues/{clue.pk}/").content.decode()
    assert "公安机关决定不予立案" in page
    done = client.post(
        f"/admin/clues/{clue.pk}/",
        {"action": "step", "step-code": "declined", "step-on": today.isoformat(), "step-notes": "证据不足。"},
    )
    assert done.status_code == 302
    clue.refresh_from_db()
    assert clue.stage == "declined"
    history = client.get(f"/admin/clues/history/{clue.pk}/")
    assert history.status_code == 200 and "公安机关决定不予立案" in history.content.decode()


def test_nobody_sees_another_units_clues_by_any_route(client, register_people, today):
    p = register_people
    own = transfer(p, "market", "涉嫌销售伪劣化肥")
    other = transfer(p, "land", "涉嫌非法占用永久基本农田")
    secret = open_clue(
        Clue(kind=ClueKind.DISCIPLINE, reference="永检移〔2026〕9号"), today, p["procuratorate"]
    )
    client.force_login(p["market"])
    listing = client.get("/admin/clues/").content.decode()
    assert own.title in listing and other.title not in listing and secret.number not in listing
    for url in (f"/admin/clues/{other.pk}/", f"/admin/clues/{secret.pk}/"):
        assert client.get(url).status_code == 404
        assert client.post(url, {"action": "step", "step-code": "approved"}).status_code == 404
    assert client.get(f"/admin/clues/history/{other.pk}/").status_code in (403, 404)
    assert client.get(f"/admin/clues/edit/{own.pk}/").status_code in (302, 403)  # nobody edits a clue
    export = client.get("/admin/clues/?export=xlsx")
    sheet = load_workbook(io.BytesIO(b"".join(export.streaming_content))).active
    cells = " ".join(str(c.value) for row in sheet.iter_rows() for c in row)
    assert own.title in cells and other.title not in cells
    report = client.get(f"/admin/clues/report/?year={today.year}&month=").content.decode()
    assert "永昌县自然资源局" not in report

    client.force_login(p["government"])  # 行政执法监督 reads every unit's, records nothing
    listing = client.get("/admin/clues/").content.decode()
    assert own.title in listing and other.title in listing and secret.number not in listing
    assert client.get(f"/admin/clues/{secret.pk}/").status_code == 404
    assert client.post(
        f"/admin/clues/{own.pk}/", {"action": "step", "step-code": "approved"}
    ).status_code in (302, 403)
    assert client.get("/admin/clues/add/").status_code in (302, 403)

    client.force_login(p["office"])
    assert secret.number in client.get("/admin/clues/").content.decode()
    client.logout()
    assert client.get("/admin/clues/").status_code == 302
    assert client.get(f"/admin/clues/{own.pk}/").status_code == 302


def test_the_procuratorate_opens_a_pre_litigation_recommendation_from_a_clue(client, register_people, today):
    p = register_people
    client.force_login(p["procuratorate"])
    choose = client.get("/admin/clues/add/").content.decode()
    assert "职务违法线索" in choose and "公益诉讼线索" in choose
    client.post("/admin/clues/add/?kind=public_interest", {"title": "过期食品在校园周边销售", "source": "12345",
                "unit": p["units"]["market"].pk, "summary": "", "reference": "", "on": today.isoformat()})  # fmt: skip
    clue = Clue.objects.get()
    assert clue.feedback_due is not None
    for code in ("case_opened",):
        client.post(
            f"/admin/clues/{clue.pk}/", {"action": "step", "step-code": code, "step-on": today.isoformat()}
        )
    refused = client.post(f"/admin/clues/{clue.pk}/", {"action": "step", "step-code": "recommendation", "step-on": today.isoformat(),
                          "rec-number": "", "rec-delivered_on": today.isoformat(), "rec-measures": "下架过期食品"})  # fmt: skip
    assert refused.status_code == 400 and Recommendation.objects.count() == 0
    assert ClueStep.objects.filter(code="recommendation").count() == 0
    client.post(f"/admin/clues/{clue.pk}/", {"action": "step", "step-code": "recommendation", "step-on": today.isoformat(),
                "rec-number": f"永检公建〔{today.year}〕3号", "rec-delivered_on": today.isoformat(), "rec-urgent": "on",
                "rec-measures": "下架过期食品\n开展校园周边专项检查"})  # fmt: skip
    clue.refresh_from_db()
    rec = Recommendation.objects.get()
    assert clue.recommendation == rec and rec.reply_due == today + datetime.timedelta(days=15)
    assert clue.due_on == rec.reply_due
    page = client.get(f"/admin/clues/{clue.pk}/").content.decode()
    assert rec.number in page and "诉前检察建议，待回复" in page


@pytest.mark.parametrize("role", ["procuratorate", "market"])
def test_the_register_costs_the_same_queries_at_10_and_40_clues(client, register_people, role, nothing_kept):
    p = register_people
    client.force_login(p[role])
    counts = []
    for total in (10, 40):
        while Clue.objects.count() < total:
            n = Clue.objects.count()
            clue = transfer(p, "market" if n % 2 else "land", f"案件{n}")
            record_step(
                clue, ClueStep(code="approved", on=clue.opened_on, at=datetime.time(9)), p["procuratorate"]
            )
        client.get("/admin/clues/")  # warm
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/admin/clues/?state=open").status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


def test_unknown_filters_and_periods_get_a_message_not_an_error(client, register_people):
    client.force_login(register_people["procuratorate"])
    response = client.get("/admin/clues/?kind=nonsense&state=bogus&unit=99999&year=abc")
    assert response.status_code == 200 and "筛选条件无效" in response.content.decode()
    response = client.get("/admin/clues/report/?year=99999&month=13")
    assert response.status_code == 400 and "年度或月份无效" in response.content.decode()


def test_a_finding_of_transfer_opens_one_urge_clue_the_agency_answers_with_its_transfer(
    client, register_people, today
):
    from clues.models import PenaltyDecision

    p = register_people
    decision = PenaltyDecision.objects.create(
        unit=p["units"]["market"], number="永市监罚〔2026〕7号", cause="销售伪劣产品", party="某公司",
        amount=80000, amount_unit="元", penalty="罚款", decided_on=today - datetime.timedelta(days=9),
    )  # fmt: skip
    client.force_login(p["procuratorate"])
    for _ in range(2):  # saved twice: one clue
        client.post(
            f"/admin/penalties/{decision.pk}/review/",
            {
                "finding": "transfer",
                "reasons": "销售金额8万元，已达追诉标准。",
                "reviewed_on": today.isoformat(),
            },
        )
    urge = Clue.objects.get(kind=ClueKind.URGE)
    assert urge.penalty_decision == decision and urge.unit == p["units"]["market"] and urge.stage == "urged"

    client.force_login(p["market"])
    answered = client.post(f"/admin/clues/{urge.pk}/", {"action": "step", "step-code": "urge_transferred", "step-on": today.isoformat(),
                           "transfer-police_unit": p["units"]["police"].pk})  # fmt: skip
    assert answered.status_code == 302
    made = Clue.objects.get(kind=ClueKind.TRANSFER)
    assert made.opened_from == urge and made.penalty_decision == decision and made.stage == "reported"
    assert made.police_unit == p["units"]["police"]


def test_the_procuratorate_pauses_and_resumes_an_opinion_review(client, register_people, today):
    from home.workdays import add_working_days, working_days_between

    p = register_people
    registered = today - datetime.timedelta(days=14)
    clue = open_clue(
        Clue(kind=ClueKind.OPINION, title="不起诉案件：非法捕捞", unit=p["units"]["land"]),
        registered,
        p["procuratorate"],
    )
    client.force_login(p["procuratorate"])
    started = registered + datetime.timedelta(days=1)
    response = client.post(
        f"/admin/clues/{clue.pk}/",
        {
            "action": "pause",
            "pause-code": "pause",
            "pause-on": started.isoformat(),
            "pause-notes": "征求市检察院意见",
        },
    )
    assert response.status_code == 302
    clue.refresh_from_db()
    assert clue.paused and clue.due_on is None
    assert "恢复审查" in client.get(f"/admin/clues/{clue.pk}/").content.decode()
    ended = started + datetime.timedelta(days=6)
    refused = client.post(
        f"/admin/clues/{clue.pk}/",
        {
            "action": "pause",
            "pause-code": "pause",
            "pause-on": started.isoformat(),
            "pause-ends_on": (started - datetime.timedelta(days=1)).isoformat(),
            "pause-notes": "x",
        },
    )
    assert refused.status_code == 400 and "不能早于开始日期" in refused.content.decode()
    client.post(
        f"/admin/clues/{clue.pk}/",
        {
            "action": "pause",
            "pause-code": "pause",
            "pause-on": started.isoformat(),
            "pause-ends_on": ended.isoformat(),
            "pause-notes": "已收到市检察院意见",
        },
    )
    clue.refresh_from_db()
    paused = working_days_between(started - datetime.timedelta(days=1), ended)
    assert not clue.paused and clue.due_on == add_working_days(registered, 10 + paused)
    client.force_login(p["land"])  # the agency neither pauses nor sees a pause form
    assert 'value="pause"' not in client.get(f"/admin/clues/{clue.pk}/").content.decode()


def test_the_admin_home_panel_shows_a_liaison_only_their_units_clues(client, register_people, today):
    p = register_people
    own = transfer(p, "market", "涉嫌销售伪劣化肥", on=today - datetime.timedelta(days=10))
    other = transfer(p, "land", "涉嫌非法占用永久基本农田", on=today - datetime.timedelta(days=10))
    client.force_login(p["market"])
    home = client.get("/admin/").content.decode()
    assert own.number in home and other.number not in home and "逾期 <strong>1</strong> 件" in home
    client.force_login(p["procuratorate"])
    home = client.get("/admin/").content.decode()
    assert own.number in home and other.number in home
