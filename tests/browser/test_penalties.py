"""以罚代刑筛查 in a real browser: a market-regulation liaison enters a 行政处罚决定 on a phone, the
procuratorate finds it under 疑似以罚代刑 and records 建议移送 — each screen with zero axe violations."""

import datetime

import pytest

from clues.models import PenaltyDecision, PenaltyReview
from home.registries.roles import apply_roles
from internal.groups import LIAISONS, PROCURATORATE_OFFICE
from internal.models import MemberUnit
from tests.browser.helpers import log_in
from tests.browser.test_internal import make_user

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
ADMIN_MAIN = {"include": [["main"]], "exclude": [[".w-dialog"]]}


def test_a_liaison_enters_a_decision_and_the_procuratorate_records_its_finding(
    page, phone, live_server, site_tree, assert_accessible, today
):
    apply_roles()
    unit = MemberUnit.objects.create(name="永昌县市场监督管理局", short_name="县市场监管局")
    liaison = make_user("shichang", LIAISONS)
    unit.liaisons.add(liaison)
    make_user("jianyi", PROCURATORATE_OFFICE)
    decided = today - datetime.timedelta(days=3)

    log_in(phone, live_server, "shichang", next_url="/admin/penalties/new/")
    phone.get_by_label("决定书文号").fill(f"永市监罚〔{today.year}〕88号")
    phone.get_by_label("案由").fill("销售伪劣产品（以次充好的复合肥）")
    phone.get_by_label("当事人").fill("张三")
    phone.get_by_label("涉案数额").fill("6.8")
    phone.get_by_label("计量单位").select_option(label="万元")
    phone.get_by_label("处罚内容").fill("没收伪劣化肥，罚款13.6万元")
    phone.get_by_label("决定日期").fill(decided.isoformat())
    assert_accessible(phone, "录入行政处罚决定（手机）", context=ADMIN_MAIN)
    phone.get_by_role("button", name="创建").click()
    phone.wait_for_url("**/admin/penalties/")
    decision = PenaltyDecision.objects.get()
    assert decision.party == "张某"
    assert "疑似以罚代刑" in phone.locator("main").inner_text()
    phone.wait_for_timeout(600)  # the saved message fades in: axe reads its colours once it has
    assert_accessible(phone, "本单位行政处罚决定（手机）", context=ADMIN_MAIN)

    log_in(page, live_server, "jianyi", next_url="/admin/penalties/?screen=flagged")
    assert decision.number in page.locator("main").inner_text()
    assert_accessible(page, "疑似以罚代刑", context=ADMIN_MAIN)
    page.get_by_role("link", name=decision.number).click()
    assert "《立案追诉标准（一）》第十六条" in page.locator("main").inner_text()
    page.get_by_role("link", name="记录筛查意见").click()
    page.get_by_label("建议移送").check()
    page.get_by_label("理由").fill("销售金额6.8万元，已达追诉标准，建议移送县公安局。")
    page.get_by_label("日期").fill(today.isoformat())
    assert_accessible(page, "以罚代刑筛查意见", context=ADMIN_MAIN)
    page.get_by_role("button", name="保存筛查意见").click()
    page.wait_for_url(f"**/admin/penalties/edit/{decision.pk}/")
    assert PenaltyReview.objects.get().finding == "transfer"
    assert "已记录筛查意见：建议移送" in page.locator("body").inner_text()
