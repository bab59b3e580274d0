"""依申请公开 in a real browser: a citizen applies on a phone, the disclosure officer answers in the
admin, and the status page shows it; zero axe violations on each screen."""

import pytest

from disclosures.models import InformationRequest
from home.templatetags.fjld import cn_date
from tests.browser.helpers import log_in
from tests.browser.test_internal import make_user
from tests.factories import PublishingUnitFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_a_citizen_applies_the_officer_answers_the_status_shows_it(
    page, phone, live_server, site_tree, assert_accessible, today
):
    from home.registries.roles import apply_roles

    apply_roles()
    PublishingUnitFactory(name="永昌县人民政府")
    phone.goto(f"{live_server.url}/information-requests/apply/")
    assert_accessible(phone, "申请表")
    phone.get_by_label("申请人类型").select_option(label="自然人")
    phone.get_by_label("申请人姓名或名称").fill("赵某某")
    phone.get_by_label("联系电话", exact=False).first.fill("13900004321")
    phone.get_by_label("所需政府信息的名称或内容描述").fill(f"本县{today.year}年农村公路养护资金使用情况。")
    phone.get_by_role("button", name="提交申请").click()
    assert "请阅读并勾选同意后再提交。" in phone.locator("main").inner_text()  # nothing lost
    assert phone.get_by_label("申请人姓名或名称").input_value() == "赵某某"
    phone.locator("#id_personal_info_consent").check()
    phone.get_by_role("button", name="提交申请").click()
    phone.wait_for_url("**/information-requests/apply/done/")
    application = InformationRequest.objects.get()
    assert application.number in phone.locator("main").inner_text()
    assert_accessible(phone, "受理回执")

    make_user("gongkai", "信息公开专员")
    log_in(
        page,
        live_server,
        "gongkai",
        next_url=f"/admin/snippets/disclosures/informationrequest/edit/{application.pk}/",
    )
    replied_on = application.received_on  # answered on the day it counts as received
    page.locator("#id_replied_on").fill(replied_on.isoformat())
    page.locator("#id_reply_text").click()  # closes the date picker
    page.get_by_label("处理结果").select_option(label="（一）予以公开")
    page.get_by_label("答复内容摘要").fill("已通过电子邮件提供资金使用情况表。")
    page.get_by_role("button", name="保存").first.click()
    page.wait_for_url("**/admin/snippets/disclosures/informationrequest/")
    application.refresh_from_db()
    assert application.outcome == "disclosed"

    phone.goto(f"{live_server.url}/information-requests/status/")
    phone.get_by_label("受理编号").fill(application.number)
    phone.get_by_label("联系电话后四位").fill("4321")
    phone.get_by_role("button", name="查询").click()
    text = phone.locator("main").inner_text()
    assert "已答复" in text and cn_date(replied_on) in text and "赵某某" not in text
    assert_accessible(phone, "办理进度")
