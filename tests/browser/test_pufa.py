"""普法 journeys in a real browser: citizens filter, read, search and take a quiz; staff build a
campaign from blocks in the admin. Every public template is checked with axe (WCAG 2.1 AA)."""

import datetime

import pytest
from django.contrib.auth import get_user_model

from campaigns.models import CampaignPage
from tests.browser.helpers import log_in
from tests.factories import (
    CampaignPageFactory,
    CaseBatchFactory,
    CaseExamplePageFactory,
    LegalAreaFactory,
    VenueFactory,
    add_fraud_quiz,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def pufa(site_tree, today):
    minors = LegalAreaFactory(name="未成年人保护", slug="minors")
    fraud = LegalAreaFactory(name="电信网络诈骗", slug="telecom-fraud")
    school = VenueFactory(name="进校园", slug="xiaoyuan")
    old = CaseBatchFactory(number=1, release_date=today - datetime.timedelta(days=630), title="反诈专题")
    new = CaseBatchFactory(number=2, release_date=today - datetime.timedelta(days=10), title="护苗专题")
    case = CaseExamplePageFactory(
        parent=site_tree["cases"],
        title="落实强制报告制度保护受侵害儿童案",
        batch=new,
        category="juvenile",
        legal_area=minors,
        gist="学校发现未成年人疑似受到侵害后立即报告，检察机关推动多部门综合救助。",
    )
    CaseExamplePageFactory(parent=site_tree["cases"], title="李某帮信案", batch=old, legal_area=fraud)
    campaign = CampaignPageFactory(
        parent=site_tree["campaigns"],
        title="护苗法治课",
        venues=[school],
        legal_areas=[minors],
        body=[
            ("paragraph", "<p>法治副校长走进课堂。</p>"),
            ("qa", {"question": "发现孩子受侵害怎么办？", "answer": "<p>立即报告。</p>"}),
            (
                "law",
                {"law": "《中华人民共和国未成年人保护法》", "article": "第十一条", "text": "应当立即报告。"},
            ),
            ("related_cases", {"title": "以案释法", "cases": [case]}),
        ],
    )
    quiz = add_fraud_quiz(site_tree["campaigns"])
    return {"case": case, "campaign": campaign, "quiz": quiz, "year": new.release_date.year}


def test_citizen_filters_cases_opens_one_and_finds_it_by_search(page, live_server, pufa, assert_accessible):
    page.goto(live_server.url + "/cases/")
    assert_accessible(page, "case index")
    page.get_by_label("重点领域").select_option(label="未成年人保护")
    page.get_by_label("发布年份").select_option(label=f"{pufa['year']}年")
    page.get_by_role("button", name="筛选").click()
    page.wait_for_url(f"**/cases/?*area=minors*year={pufa['year']}*")
    assert page.get_by_text("共 1 个案例").is_visible()
    assert_accessible(page, "filtered cases")
    page.get_by_role("link", name="落实强制报告制度保护受侵害儿童案").click()
    assert page.locator("h1").inner_text() == "落实强制报告制度保护受侵害儿童案"
    assert page.get_by_role("heading", name="要旨").is_visible()
    assert "护苗法治课" in page.locator("main").inner_text()  # 以案释法, the other way
    assert_accessible(page, "case page")

    page.get_by_role("link", name="第二批（护苗专题）").click()
    assert_accessible(page, "batch page")

    page.get_by_role("navigation", name="主导航").get_by_role("link", name="搜索").click()
    page.get_by_label("搜索词").fill("强制报告")
    page.get_by_role("button", name="搜索").click()
    result = page.locator(".result").filter(has_text="受侵害儿童案")
    assert result.locator("mark").first.inner_text() == "强制报告"
    assert_accessible(page, "search results")


def test_campaign_pages_are_accessible_on_a_phone(phone, live_server, pufa, assert_accessible):
    for path in (
        "/campaigns/",
        "/campaigns/?venue=xiaoyuan&area=nowhere",
        pufa["campaign"].url,
        "/cases/batch/1/",
    ):
        phone.goto(live_server.url + path)
        assert_accessible(phone, path)


def test_citizen_takes_the_quiz_and_sees_the_score(page, live_server, pufa, assert_accessible):
    page.goto(live_server.url + pufa["quiz"].url)
    assert_accessible(page, "quiz form")
    page.get_by_role("button", name="提交").click()  # nothing filled in: clear messages, nothing lost
    page.get_by_role("alert").wait_for(state="visible")  # the answer page, however busy the machine
    assert_accessible(page, "quiz form with errors")
    page.get_by_label("您的称呼").fill("王某")
    page.get_by_label("帮助信息网络犯罪活动罪").check()
    page.get_by_label("会", exact=True).check()
    page.get_by_label("我已阅读并同意", exact=False).check()
    page.get_by_role("button", name="提交").click()
    page.get_by_role("heading", name="您的得分：50 / 100 分").wait_for(state="visible")
    assert "正确答案：不会" in page.locator("main").inner_text()
    assert_accessible(page, "quiz result")


def test_staff_builds_a_campaign_from_blocks_and_publishes_it(page, live_server, site_tree, today):
    get_user_model().objects.create_superuser("editor", "editor@example.gov.cn", "演示密码-2026")
    log_in(page, live_server, "editor")

    page.goto(f"{live_server.url}/admin/pages/add/campaigns/campaignpage/{site_tree['campaigns'].pk}/")
    page.locator("#id_title").fill("网格员反诈宣讲")
    page.locator("#id_start_date").fill((today + datetime.timedelta(days=10)).isoformat())
    page.locator("#id_end_date").fill((today + datetime.timedelta(days=19)).isoformat())
    page.locator("#id_place").fill("城关镇各网格")

    def add_block(label):
        page.locator("[data-contentpath='body'] button.c-sf-add-button").last.click()
        page.get_by_role("option", name=label, exact=True).click()

    add_block("小标题")
    page.locator("[name='body-0-value-text']").fill("活动安排")
    add_block("问答")
    page.locator("[name='body-1-value-question']").fill("银行卡可以出借吗？")
    page.locator("[data-contentpath='answer'] [contenteditable='true']").click()
    page.keyboard.type("不可以，出借银行卡可能构成犯罪。")
    page.locator("#id_place").click()  # leave the editor so Draftail writes its value to the form
    page.wait_for_timeout(300)
    page.get_by_role("button", name="更多动作").click()
    page.get_by_role("button", name="发布", exact=True).click()
    page.wait_for_url(f"**/admin/pages/{site_tree['campaigns'].pk}/")

    campaign = CampaignPage.objects.get(title="网格员反诈宣讲")
    assert campaign.live
    assert [block.block_type for block in campaign.body] == ["heading", "qa"]
    page.goto(live_server.url + campaign.url)
    assert page.get_by_text("银行卡可以出借吗？").is_visible()
    assert page.get_by_role("heading", name="活动安排").is_visible()
