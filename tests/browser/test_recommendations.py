"""检察建议台账 in a real browser: the procuratorate records a recommendation, the unit's liaison
files the written reply, 法治督办 records a 督促 — each through the admin, with zero axe violations."""

import datetime

import pytest

from home.templatetags.fjld import cn_date
from home.workdays import add_months
from internal.groups import GOVERNMENT_FOLLOW_UP, LIAISONS, PROCURATORATE_OFFICE
from internal.models import Escalation, MemberUnit, Recommendation, RecommendationState, Reply
from internal.recommendations import with_states
from tests.browser.helpers import log_in
from tests.browser.test_internal import make_user

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_a_recommendation_from_delivery_to_urging(page, live_server, site_tree, assert_accessible, today):
    delivered = today - datetime.timedelta(days=40)  # the reply falls due three weeks from today
    from home.registries.roles import apply_roles

    apply_roles()
    unit = MemberUnit.objects.create(name="永昌县交通局", short_name="县交通局")
    make_user("jianyi", PROCURATORATE_OFFICE)
    liaison = make_user("jiaotong", LIAISONS)
    unit.liaisons.add(liaison)
    make_user("duban", GOVERNMENT_FOLLOW_UP)

    # the procuratorate records it
    log_in(page, live_server, "jianyi", next_url="/admin/recommendations/add/")
    page.get_by_label("文号").fill(f"永检行建〔{today.year}〕30号")
    page.get_by_label("文书种类").select_option(label="检察建议")
    page.get_by_label("建议类型").select_option(label="纠正违法")
    page.get_by_label("被建议单位（成员单位）").select_option(label="永昌县交通局")
    page.get_by_label("签发日期").fill((delivered - datetime.timedelta(days=2)).isoformat())
    page.get_by_label("送达（收到）日期").fill(delivered.isoformat())
    page.get_by_label("送达方式").select_option(label="直接送达")
    page.get_by_label("发现的问题").fill("道路运输车辆动态监控报警信息长期未处置。")
    page.get_by_label("建议事项").fill("建立报警信息日清制度\n依法查处不处置的企业")
    assert_accessible(page, "录入检察建议")
    page.get_by_role("button", name="创建").click()
    page.wait_for_url("**/admin/recommendations/*/")
    recommendation = Recommendation.objects.get()
    assert cn_date(add_months(delivered, 2)) in page.locator("main").inner_text()  # two months on
    page.wait_for_timeout(700)  # Wagtail fades its message banner in (0.5 s): measure the colours after
    assert_accessible(page, "检察建议详情")
    page.goto(f"{live_server.url}/admin/recommendations/")
    assert_accessible(page, "检察建议台账")

    # the liaison replies
    log_in(page, live_server, "jiaotong", next_url=f"/admin/recommendations/{recommendation.pk}/")
    page.locator("#action-reply summary").click()
    page.get_by_label("回复日期").fill((today - datetime.timedelta(days=3)).isoformat())
    page.get_by_label("采纳情况").select_option(label="全部采纳")
    page.get_by_label("整改措施").fill("已建立日清制度，查处企业3家。")
    page.get_by_label("承诺整改完成日期").fill((today + datetime.timedelta(days=30)).isoformat())
    page.get_by_role("button", name="记录书面回复").click()
    page.wait_for_url(f"**/admin/recommendations/{recommendation.pk}/")
    assert "已记录：书面回复。" in page.locator("body").inner_text()
    assert Reply.objects.get().recorded_by == liaison
    page.wait_for_timeout(700)
    assert_accessible(page, "联络员看到的检察建议")

    # 法治督办 urges
    log_in(page, live_server, "duban", next_url=f"/admin/recommendations/{recommendation.pk}/")
    page.locator("#action-escalation summary").click()
    assert page.get_by_label("措施").locator("option").all_inner_texts()[1:] == ["督促", "通报", "约谈"]
    page.get_by_label("措施").select_option(label="督促")
    page.locator("#id_escalation-taken_on").fill(today.isoformat())
    page.get_by_label("情况说明").fill("县政府办发函督促按期整改。")
    page.get_by_role("button", name="记录督促与追责").click()
    page.wait_for_url(f"**/admin/recommendations/{recommendation.pk}/")
    assert Escalation.objects.get().kind == "urge"
    (item,) = with_states(Recommendation.objects.with_records())
    assert item.state in {RecommendationState.REPLIED, RecommendationState.RECTIFYING}
    page.goto(f"{live_server.url}/admin/")
    assert "检察建议：逾期未回复和整改逾期" in page.locator("main").inner_text()
    assert_accessible(page, "法治督办的工作台")
