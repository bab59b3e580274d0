"""府检线索互通 in a real browser, axe clean on each screen: a market-regulation liaison registers a
transfer on a phone, approves and transfers it; the police liaison records 不予立案 at a desk; the
procuratorate opens 立案监督. A land-resources liaison answers a 检察意见 on a phone."""

import datetime

import pytest

from clues.lives import ClueKind
from clues.models import Clue, ClueStep
from clues.register import open_clue, record_step
from home.registries.roles import apply_roles
from internal.groups import LIAISONS, PROCURATORATE_OFFICE
from internal.models import MemberUnit
from tests.browser.helpers import log_in
from tests.browser.test_internal import make_user

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
ADMIN_MAIN = {"include": [["main"]], "exclude": [[".w-dialog"]]}


def record(page, code_label, on, at=None, notes=None):
    page.wait_for_selector("#action-step")
    if page.locator("#action-step[open]").count() == 0:
        page.get_by_text("记录下一环节").click()
    page.get_by_label(code_label).check()
    page.locator("#id_step-on").fill(on.isoformat())
    if at:
        page.locator("#id_step-at").fill(at)
    if notes:
        page.locator("#id_step-notes").fill(notes)
    page.locator("#action-step").get_by_role("button", name="保存").click()
    page.wait_for_load_state()


def test_a_transfer_declined_by_the_police_goes_to_case_filing_supervision(
    page, phone, live_server, site_tree, assert_accessible, today
):
    apply_roles()
    market = MemberUnit.objects.create(name="永昌县市场监督管理局", short_name="县市场监管局")
    police = MemberUnit.objects.create(name="永昌县公安局", short_name="县公安局")
    market.liaisons.add(make_user("shichang", LIAISONS))
    police.liaisons.add(make_user("gongan", LIAISONS))
    make_user("jianyi", PROCURATORATE_OFFICE)

    log_in(phone, live_server, "shichang", next_url="/admin/clues/add/")
    phone.get_by_label("案由或线索摘要").fill("涉嫌销售假冒注册商标的白酒")
    phone.get_by_label("公安机关").select_option(label="永昌县公安局")
    phone.get_by_label("承办人提出移送涉嫌犯罪案件的书面报告的日期").fill(today.isoformat())
    assert_accessible(phone, "登记移送案件（手机）", context=ADMIN_MAIN)
    phone.get_by_role("button", name="登记").click()
    phone.wait_for_url("**/admin/clues/*/")
    clue = Clue.objects.get()
    assert "待负责人审批" in phone.locator("main").inner_text()
    phone.wait_for_timeout(600)  # the saved message fades in: axe reads its colours once it has
    assert_accessible(phone, "移送案件（手机）", context=ADMIN_MAIN)
    record(phone, "负责人批准移送", today, at="09:30")
    assert "24小时内" in phone.locator("main").inner_text()
    record(phone, "移送公安机关（公安机关签收）", today, at="15:00")
    clue.refresh_from_db()
    assert clue.stage == "transferred"

    log_in(page, live_server, "gongan", next_url="/admin/clues/")
    assert clue.number in page.locator("main").inner_text()
    assert_accessible(page, "公安机关的移送案件", context=ADMIN_MAIN)
    page.get_by_role("link", name=clue.number).click()
    page.wait_for_url(f"**/admin/clues/{clue.pk}/")
    record(page, "公安机关决定不予立案", today, notes="认为销售金额未达追诉标准。")
    assert "不予立案" in page.locator("main").inner_text()
    clue.refresh_from_db()
    assert clue.stage == "declined"

    log_in(page, live_server, "jianyi", next_url=f"/admin/clues/{clue.pk}/")
    assert "提请复议" in page.locator("main").inner_text()  # the agency's window, shown with its rule
    record(page, "检察院立案监督，要求公安机关说明不立案理由", today)
    clue.refresh_from_db()
    assert clue.stage == "supervision" and clue.due_on == today + datetime.timedelta(days=7)
    assert "七日内书面说明" in page.locator("main").inner_text()
    page.wait_for_timeout(600)
    assert_accessible(page, "立案监督", context=ADMIN_MAIN)


def test_a_liaison_answers_a_procuratorial_opinion_on_a_phone(
    phone, live_server, site_tree, assert_accessible, today
):
    apply_roles()
    land = MemberUnit.objects.create(name="永昌县自然资源局", short_name="县自然资源局")
    land.liaisons.add(make_user("ziranziyuan", LIAISONS))
    procurator = make_user("jianyi", PROCURATORATE_OFFICE)
    registered = today - datetime.timedelta(days=20)
    clue = open_clue(
        Clue(kind=ClueKind.OPINION, title="不起诉案件：李某某非法采矿", unit=land), registered, procurator
    )
    record_step(
        clue, ClueStep(code="opinion_delivered", on=registered + datetime.timedelta(days=6)), procurator
    )

    log_in(phone, live_server, "ziranziyuan", next_url="/admin/clues/")
    assert_accessible(phone, "本单位的移送案件和线索（手机）", context=ADMIN_MAIN)
    phone.get_by_role("link", name=clue.number).first.click()
    phone.wait_for_url(f"**/admin/clues/{clue.pk}/")
    assert "两个月内书面回复" in phone.locator("main").inner_text()
    record(phone, "主管机关回复：已作出行政处罚", today, notes="已作出没收违法所得并罚款的行政处罚。")
    clue.refresh_from_db()
    assert clue.stage == "replied_punished"
    assert "已回复（已处罚），跟进监督" in phone.locator("main").inner_text()
    phone.wait_for_timeout(600)
    assert_accessible(phone, "检察意见已回复（手机）", context=ADMIN_MAIN)
