"""Real-browser harness: Playwright drives Debian's Chromium (never a downloaded browser) against
pytest-django's live server; axe-core (bundled with axe-playwright-python) checks WCAG 2.1 AA."""

import shutil

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Every WCAG 2.1 A and AA rule; only violations are reported in full (axe's passes, with every node
# they matched, would otherwise cross from Chromium to Python on each check: most of its time).
WCAG_21_AA = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


def _watched_page(browser, **options):
    """A page whose Content-Security-Policy violations are collected: Chromium reports each one on
    the console ("Refused to … because it violates the following Content Security Policy …")."""
    context = browser.new_context(locale="zh-CN", **options)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.csp_violations = []
    page.on(
        "console",
        lambda message: (
            "Content Security Policy" in message.text
            and page.csp_violations.append(f"{page.url}: {message.text}")
        ),
    )
    return context, page


@pytest.fixture
def page(browser):
    context, page = _watched_page(browser, viewport={"width": 1280, "height": 900})
    yield page
    context.close()
    assert page.csp_violations == []  # every page of the journey, public and admin, under its policy


@pytest.fixture
def phone(browser):
    context, page = _watched_page(browser, viewport={"width": 375, "height": 740}, is_mobile=True)
    yield page
    context.close()
    assert page.csp_violations == []


@pytest.fixture(scope="session")
def axe_script() -> str:
    """axe-core as axe-playwright-python bundles it: a context that checks every page it opens may
    take it as an init script (`context.add_init_script(axe_script)`) instead of injecting it each time."""
    from axe_playwright_python.sync_playwright import Axe

    return Axe().axe_script


@pytest.fixture
def assert_accessible(axe_script):
    import json

    from axe_playwright_python.base import AxeResults

    def check(page, label="", context=None):
        """`context` limits the check to our own markup inside Wagtail's admin (a CSS selector)."""
        if not page.evaluate("() => typeof window.axe === 'object'"):
            page.evaluate(axe_script)
        where = json.dumps(context) if context is not None else "document"
        results = AxeResults(page.evaluate(f"axe.run({where}, {json.dumps(WCAG_21_AA)})"))
        assert results.violations_count == 0, f"{label or page.url}:\n{results.generate_report()}"

    return check
