"""What citizens and staff do in a real browser, with zero axe violations (WCAG 2.1 AA)."""

import pytest
from django.contrib.auth import get_user_model

from tests.factories import PolicyDocumentPageFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_public_templates_have_no_accessibility_violations(
    page, phone, live_server, site_tree, assert_accessible
):
    document = PolicyDocumentPageFactory(
        parent=site_tree["disclosures"], title="关于建立府检联动工作机制的实施意见"
    )
    for path in (
        "/",
        "/disclosures/",
        document.url,
        "/search/?q=府检联动",
        "/search/?q=",
        "/not-here/",
        "/sitemap/",
    ):
        for device in (page, phone):
            device.goto(live_server.url + path)
            assert_accessible(device, f"{path} ({device.viewport_size['width']}px)")


def test_home_page_by_keyboard_large_type_and_high_contrast(page, live_server, site_tree, assert_accessible):
    page.goto(live_server.url + "/")
    assert page.locator("h1").inner_text() == "府检联动 · 普法与公开平台"
    assert "主办单位" in page.locator("footer").inner_text()

    # The first Tab reaches the skip link; following it puts the reader in the main content.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "跳到主要内容"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"

    # 适老化: larger type and high contrast, kept across pages, still accessible.
    page.get_by_role("link", name="特大字号", exact=True).click()
    assert "font-xlarge" in page.evaluate("document.documentElement.className")
    page.get_by_role("link", name="高对比度", exact=True).click()
    assert "contrast-high" in page.evaluate("document.documentElement.className")
    page.get_by_role("navigation", name="主导航").get_by_role("link", name="信息公开").click()
    page.wait_for_url("**/disclosures/")
    classes = page.evaluate("document.documentElement.className")
    assert "font-xlarge" in classes and "contrast-high" in classes
    assert_accessible(page, "high contrast, extra-large type")


def test_display_preferences_work_without_javascript(browser, live_server, site_tree):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="大字号", exact=True).click()
    page.wait_for_load_state()
    assert "font-large" in page.evaluate("document.documentElement.className")
    context.close()


def test_two_readers_share_one_cached_page_and_each_sees_their_own_display_choice(
    browser, live_server, site_tree
):
    from django.core.cache import caches
    from django.test import override_settings

    caches["pages"].clear()
    with override_settings(PAGE_CACHE_SECONDS=300):
        plain_reader, elderly_reader = browser.new_context(), browser.new_context()
        plain, elderly = plain_reader.new_page(), elderly_reader.new_page()
        first = plain.goto(live_server.url + "/campaigns/")
        elderly.goto(live_server.url + "/campaigns/")
        elderly.get_by_role("link", name="特大字号", exact=True).click()
        elderly.get_by_role("link", name="高对比度", exact=True).click()
        again = elderly.reload()
        assert again.headers["x-page-cache"] == "hit" and again.body() == first.body()
        classes = elderly.evaluate("document.documentElement.className")
        assert "font-xlarge" in classes and "contrast-high" in classes
        toolbar = elderly.get_by_role("group", name="阅读辅助与语言")
        assert toolbar.get_by_role("link", name="特大字号").get_attribute("aria-current") == "true"
        assert toolbar.get_by_role("link", name="关闭高对比度").get_attribute("aria-current") == "true"
        assert plain.reload().headers["x-page-cache"] == "hit"
        assert plain.evaluate("document.documentElement.className") == ""
        plain_reader.close()
        elderly_reader.close()


def test_staff_logs_into_the_chinese_admin(page, live_server, site_tree, assert_accessible):
    get_user_model().objects.create_superuser("admin", "admin@example.gov.cn", "演示密码-2026")
    page.goto(live_server.url + "/admin/")
    page.wait_for_url("**/admin/login/**")
    assert_accessible(page, "admin login")
    page.get_by_label("用户名").fill("admin")
    page.get_by_label("密码").fill("演示密码-2026")
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(live_server.url + "/admin/")
    assert "控制面板" in page.title()
