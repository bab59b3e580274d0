"""以罚代刑筛查 in the admin: a unit's liaison enters, imports and sees only their own unit's decisions
(lists, forms, URLs); the procuratorate sees every unit's, filters the flagged ones and records its
finding; nobody else gets in. The list costs the same number of queries at 25 and 70 decisions."""

import datetime
import io

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import Workbook

from clues.models import PenaltyDecision, PenaltyImport, PenaltyReview
from home.registries.roles import apply_roles
from internal.groups import GOVERNMENT_FOLLOW_UP, LIAISONS, PROCURATORATE_OFFICE
from tests.factories import MemberUnitFactory, UserFactory

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 9, 1)


@pytest.fixture
def people():
    apply_roles()
    market = MemberUnitFactory(name="永昌县市场监督管理局", short_name="县市场监管局")
    land = MemberUnitFactory(name="永昌县自然资源局", short_name="县自然资源局")
    liaison = UserFactory(groups=[Group.objects.get(name=LIAISONS)])
    market.liaisons.add(liaison)
    return {
        "market": market,
        "land": land,
        "liaison": liaison,
        "procuratorate": UserFactory(groups=[Group.objects.get(name=PROCURATORATE_OFFICE)]),
        "government": UserFactory(groups=[Group.objects.get(name=GOVERNMENT_FOLLOW_UP)]),
    }


def decide(unit, number, cause="销售伪劣产品", amount=60000):
    return PenaltyDecision.objects.create(
        unit=unit, number=number, cause=cause, party="某公司", amount=amount, amount_unit="元", penalty="罚款",
        decided_on=DAY,
    )  # fmt: skip


def test_a_liaison_sees_and_enters_only_their_own_units_decisions(client, people):
    own = decide(people["market"], "永市监罚〔2026〕1号")
    other = decide(people["land"], "永自然资罚〔2026〕1号", cause="非法占用耕地建房", amount=1)
    client.force_login(people["liaison"])
    listing = client.get("/admin/penalties/").content.decode()
    assert own.number in listing and other.number not in listing
    assert client.get(f"/admin/penalties/edit/{own.pk}/").status_code == 200
    assert client.get(f"/admin/penalties/edit/{other.pk}/").status_code == 404
    assert client.get(f"/admin/penalties/{own.pk}/review/").status_code in (302, 403)  # the procuratorate's
    form = client.get("/admin/penalties/new/").content.decode()
    assert "永昌县市场监督管理局" in form and "永昌县自然资源局" not in form
    fields = {"number": "永市监罚〔2026〕2号", "cause": "无照经营", "party": "张三", "amount": "", "amount_unit": "",
              "penalty": "责令改正", "decided_on": "2026-09-02"}  # fmt: skip
    refused = client.post("/admin/penalties/new/", {**fields, "unit": people["land"].pk})
    assert refused.status_code == 200 and not PenaltyDecision.objects.filter(number=fields["number"]).exists()
    made = client.post("/admin/penalties/new/", {**fields, "unit": people["market"].pk})
    assert made.status_code == 302
    saved = PenaltyDecision.objects.get(number=fields["number"])
    assert saved.party == "张某" and saved.created_by == people["liaison"]
    again = client.post("/admin/penalties/new/", {**fields, "unit": people["market"].pk})
    assert "本单位已登记过这个决定书文号" in again.content.decode()


def test_the_procuratorate_filters_the_flagged_and_records_a_finding(client, people):
    flagged = decide(people["market"], "永市监罚〔2026〕1号", amount=80000)
    under = decide(people["market"], "永市监罚〔2026〕2号", amount=800)
    land = decide(people["land"], "永自然资罚〔2026〕3号", cause="非法占用永久基本农田建房", amount=1)
    client.force_login(people["procuratorate"])
    everything = client.get("/admin/penalties/").content.decode()
    assert all(d.number in everything for d in (flagged, under, land))
    only_flagged = client.get("/admin/penalties/?screen=flagged").content.decode()
    assert (
        flagged.number in only_flagged
        and under.number not in only_flagged
        and land.number not in only_flagged
    )
    assert "疑似以罚代刑" in only_flagged
    edit = client.get(
        f"/admin/pages/../penalties/edit/{flagged.pk}/".replace("/pages/..", "")
    ).content.decode()
    assert "《立案追诉标准（一）》第十六条" in edit and "记录筛查意见" in edit
    bad = client.post(
        f"/admin/penalties/{flagged.pk}/review/",
        {"finding": "no_transfer", "reasons": " ", "reviewed_on": "2026-08-01"},
    )
    assert bad.status_code == 400 and not PenaltyReview.objects.exists()
    client.post(
        f"/admin/penalties/{flagged.pk}/review/",
        {"finding": "transfer", "reasons": "销售金额8万元，达到追诉标准。", "reviewed_on": "2026-09-10"},
    )
    assert PenaltyReview.objects.get().finding == "transfer"
    unreviewed = client.get("/admin/penalties/?screen=unreviewed").content.decode()
    assert flagged.number not in unreviewed
    assert "筛选条件无效" in client.get("/admin/penalties/?unit=999999", follow=True).content.decode()


def test_nobody_else_gets_in(client, people):
    decision = decide(people["market"], "永市监罚〔2026〕1号")
    for url in ("/admin/penalties/", f"/admin/penalties/edit/{decision.pk}/", "/admin/penalties/import/"):
        client.force_login(people["government"])
        assert client.get(url).status_code in (302, 403), url
        client.logout()
        assert client.get(url).status_code == 302, url  # to the login


def _sheet(rows) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def test_a_liaison_imports_the_monthly_sheet_in_the_admin(client, people):
    client.force_login(people["liaison"])
    page = client.get("/admin/penalties/import/").content.decode()
    assert "永昌县自然资源局" not in page  # only their own unit to choose
    template = client.get("/admin/penalties/import/template/")
    assert template.status_code == 200 and template["Content-Type"].startswith("application/vnd.openxml")
    sheet = _sheet(
        [
            ["决定书文号", "案由", "当事人", "涉案数额", "计量单位", "处罚内容", "决定日期"],
            ["永市监罚〔2026〕7号", "销售伪劣产品", "张三", "5.5", "万元", "罚款", "2026-09-01"],
            ["永市监罚〔2026〕8号", "销售过期食品", "某超市", "abc", "元", "警告", "2026-09-02"],
        ]
    )
    response = client.post(
        "/admin/penalties/import/",
        {"unit": people["market"].pk, "file": SimpleUploadedFile("9月.xlsx", sheet)},
    )
    job = PenaltyImport.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/admin/penalties/import/{job.pk}/"
    text = client.get(response["Location"]).content.decode()
    assert "导入 1 条" in text and "第3行：D列涉案数额“abc”不是数字" in text
    assert not PenaltyImport.objects.get().file  # the upload is not kept once read
    assert "9月.xlsx" in client.get("/admin/penalties/import/").content.decode()  # 最近的导入
    other = client.post(
        "/admin/penalties/import/", {"unit": people["land"].pk, "file": SimpleUploadedFile("9月.xlsx", sheet)}
    )
    assert other.status_code == 400  # not their unit
    assert PenaltyDecision.objects.filter(unit=people["land"]).count() == 0
    wrong = client.post(
        "/admin/penalties/import/",
        {"unit": people["market"].pk, "file": SimpleUploadedFile("9月.pdf", b"%PDF")},
    )
    assert "只能导入 XLSX 或 CSV 表格文件" in wrong.content.decode()
    # another unit's liaison cannot open this import's result
    stranger = UserFactory(groups=[Group.objects.get(name=LIAISONS)])
    people["land"].liaisons.add(stranger)
    client.force_login(stranger)
    assert client.get(f"/admin/penalties/import/{job.pk}/").status_code == 404


def test_the_list_makes_the_same_number_of_queries_at_25_and_70(client, people):
    client.force_login(people["procuratorate"])

    def queries(count):
        PenaltyDecision.objects.all().delete()
        for i in range(count):
            decide(people["market" if i % 2 else "land"], f"罚〔2026〕{i}号", amount=40000 + i * 1000)
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/admin/penalties/?screen=flagged").status_code == 200
        return len(captured)

    queries(25)  # warm: the first request of a test reads what later ones keep (content types)
    assert queries(25) == queries(70)  # both past a page of 20


def test_no_public_page_feed_sitemap_or_search_shows_the_register(client, demo_site):
    """The demo's decisions and clues (and more with words nobody else uses) never reach a visitor."""
    from clues.models import Clue

    decide(MemberUnitFactory(name="永昌县测试执法局"), "永测罚〔2026〕9527号", cause="销售伪劣测试专用肥料")
    clue = Clue.objects.filter(kind="transfer").first()
    secrets = [value for row in PenaltyDecision.objects.values_list("number", "cause") for value in row]
    secrets += [
        value for row in Clue.objects.values_list("number", "title", "reference") for value in row if value
    ]
    assert clue is not None and len(secrets) > 30
    urls = ["/", "/cases/", "/campaigns/", "/disclosures/", "/sitemap.xml", "/sitemap/", "/disclosures/feed/",
            "/cases/feed/", "/en/", "/bo/", "/admin/penalties/", "/admin/penalties/import/template/",
            "/admin/clues/", f"/admin/clues/{clue.pk}/", "/admin/clues/report/", "/admin/clues/?export=xlsx",
            f"/admin/clues/history/{clue.pk}/"]  # fmt: skip
    urls += ["/search/?q=伪劣测试专用肥料", "/search/?q=以次充好", "/search/?q=非法占用永久基本农田",
             "/search/?q=假冒注册商标的白酒", "/search/?q=河道上游多处倾倒"]  # fmt: skip
    for url in urls:
        response = client.get(url)
        body = response.content.decode(errors="replace")
        if "q=" in url:  # the search page echoes what was typed: not a leak
            body = body.replace(url.split("q=")[1], "")
        for value in secrets:
            assert value not in body, (url, value)
