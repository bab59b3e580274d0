"""The first screen on a 360 px phone (issue 27, items 2–4): a compact sticky bar, then the page's title
and the start of its content — at standard and 特大 text; the menu, search and display switches
behind buttons; nothing wider than the screen; no layout shift worth the name (CLS < 0.1), in Chinese
in English and in Tibetan. `make screenshots` keeps a picture of each in var/screenshots/ for review."""

import os
from pathlib import Path

import pytest

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PHONE = {"width": 360, "height": 740}
# Registered before the page's own scripts: every layout shift not caused by input, summed.
MEASURE_LAYOUT_SHIFT = """
window.__cls = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__cls += entry.value;
}).observe({ type: "layout-shift", buffered: true });
"""
WIDER_THAN_THE_SCREEN = """() => [...document.body.querySelectorAll('*')].filter((el) => {
  const box = el.getBoundingClientRect();
  return box.width > 0 && box.right > innerWidth + 1 && !el.closest('.table-wrap, .chart-scroll');
}).map((el) => el.tagName + '.' + el.className).slice(0, 5)"""
BUTTONS = {"en": ("Search", "Menu"), "bo": ("འཚོལ་ཞིབ།", "དཀར་ཆག")}
# The first thing after the title that a reader reads: a paragraph, a list, a table, a form, a figure.
FIRST_CONTENT_TOP = """() => {
  const title = document.querySelector('main h1');
  const after = [...document.querySelectorAll('main p, main li, main table, main form, main figure, main dl')]
    .filter((el) => title.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING && el.offsetHeight > 0);
  return after.length ? after[0].getBoundingClientRect().top : null;
}"""


def _pages():
    from campaigns.models import CaseExamplePage
    from disclosures.models import AnnualReportPage, StatisticsReleasePage

    def first_chinese(model):
        return model.objects.live().filter(locale__language_code="zh-hans").first().url

    return {
        "home": "/",
        "case": first_chinese(CaseExamplePage),
        "statistics": first_chinese(StatisticsReleasePage),
        "annual-report": first_chinese(AnnualReportPage),
        "en": "/en/",
        "bo": "/bo/",
    }


def _screenshot(phone, name):
    folder = os.environ.get("SCREENSHOTS_DIR")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        phone.screenshot(path=str(Path(folder) / f"{name}.png"))


@pytest.mark.parametrize("font", ["standard", "xlarge"])
def test_the_first_screen_shows_the_title_and_the_start_of_the_content(browser, live_server, demo_site, font):
    from urllib.parse import urlsplit

    context = browser.new_context(locale="zh-CN", viewport=PHONE, is_mobile=True, has_touch=True)
    context.add_init_script(MEASURE_LAYOUT_SHIFT)
    host = urlsplit(live_server.url).hostname
    context.add_cookies([{"name": "fjld_font", "value": font, "domain": host, "path": "/"}])
    phone = context.new_page()
    for name, path in _pages().items():
        label = f"{name} ({font})"
        phone.goto(live_server.url + path)
        phone.evaluate("document.fonts.ready")
        phone.wait_for_timeout(300)  # a late shift (a web font, an image) would land in this
        header = phone.locator(".site-header").bounding_box()
        assert header["height"] <= 0.16 * PHONE["height"], (label, header)  # the bar, not the menu
        assert phone.locator(".site-menu").is_hidden(), label
        search, menu = BUTTONS.get(name, ("搜索", "菜单"))
        assert phone.locator(".site-header").get_by_role("link", name=search, exact=True).is_visible(), label
        assert phone.get_by_role("button", name=menu, exact=True).is_visible(), label
        title = phone.locator("main h1").bounding_box()
        assert title["y"] + title["height"] <= PHONE["height"], (label, title)
        content_top = phone.evaluate(FIRST_CONTENT_TOP)
        assert content_top is not None and content_top < PHONE["height"] - 40, (label, content_top)
        assert phone.evaluate(
            "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
        ), label
        assert phone.evaluate(WIDER_THAN_THE_SCREEN) == [], label
        shift = phone.evaluate("window.__cls")
        assert shift < 0.1, (label, shift)
        # the bar stays at the top while the reader scrolls
        phone.mouse.wheel(0, 1500)
        phone.wait_for_timeout(100)
        assert abs(phone.locator(".site-header").bounding_box()["y"]) < 1, label
        phone.evaluate("window.scrollTo(0, 0)")
        _screenshot(phone, f"360px-{name}-{font}")
    context.close()


def test_the_menu_opens_under_its_button_and_closes_with_escape(
    phone, live_server, demo_site, assert_accessible
):
    phone.set_viewport_size(PHONE)
    phone.goto(live_server.url + "/en/")
    toggle = phone.get_by_role("button", name="Menu")
    assert toggle.get_attribute("aria-expanded") == "false"
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"
    menu = phone.locator("#site-menu")
    assert menu.is_visible()
    # the untranslated columns are there, in Chinese, and the switches too
    assert menu.get_by_role("link", name="典型案例 (in Chinese)").is_visible()
    assert menu.get_by_role("link", name="Extra-large text").is_visible()
    assert menu.get_by_role("link", name="简体中文").is_visible()
    assert_accessible(phone, "/en/ with the menu open")
    _screenshot(phone, "360px-en-menu-open")
    phone.keyboard.press("Escape")
    assert menu.is_hidden()
    assert toggle.get_attribute("aria-expanded") == "false"
    assert phone.evaluate("document.activeElement.classList.contains('menu-toggle')")
    # the keyboard: Space on the focused button opens it again
    phone.keyboard.press(" ")
    assert menu.is_visible()


def test_the_menu_opens_without_javascript(browser, live_server, demo_site):
    context = browser.new_context(locale="zh-CN", viewport=PHONE, is_mobile=True, java_script_enabled=False)
    phone = context.new_page()
    phone.goto(live_server.url + "/")
    assert phone.locator("#site-menu").is_hidden()
    phone.get_by_role("link", name="菜单").click()
    assert phone.locator("#site-menu").is_visible()
    assert phone.locator("#site-menu").get_by_role("link", name="典型案例").is_visible()
    context.close()


def test_on_a_wide_screen_everything_is_in_view_without_buttons(page, live_server, demo_site):
    page.goto(live_server.url + "/")
    assert page.locator(".site-header__buttons").is_hidden()
    assert page.locator(".main-nav").is_visible() and page.locator(".toolbar").is_visible()
    assert page.locator(".site-brand__organs").is_visible()
