"""An officer uploads a spreadsheet, publishes the release, and a citizen reads the chart's text."""

import pytest
from django.contrib.auth import get_user_model
from openpyxl import Workbook

from tests.browser.helpers import log_in
from tests.factories import PolicyDocumentPageFactory, StatisticsReleasePageFactory, add_rows

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_upload_publish_and_read_the_chart_alternative(
    page, live_server, site_tree, tmp_path, assert_accessible
):
    index = site_tree["disclosures"]
    add_rows(
        StatisticsReleasePageFactory(parent=index, year=2025, slug="q1-2025"), [("批准和决定逮捕", 20, "人")]
    )
    release = StatisticsReleasePageFactory(
        parent=index, year=2026, slug="q1-2026", title="2026年1—3月主要办案数据"
    )
    workbook = Workbook()
    for row in (
        ["指标", "数值", "单位", "备注"],
        ["批准和决定逮捕", 25, "人", None],
        ["决定起诉", 40, "人", None],
        ["不捕率", 32.5, "%", None],
    ):
        workbook.active.append(row)
    upload = tmp_path / "数据.xlsx"
    workbook.save(upload)

    get_user_model().objects.create_superuser("officer", "officer@example.gov.cn", "演示密码-2026")
    log_in(page, live_server, "officer")
    page.goto(f"{live_server.url}/admin/statistics/{release.pk}/import/")
    page.get_by_label("数据文件").set_input_files(str(upload))
    page.get_by_role("button", name="上传并检查").click()
    page.wait_for_url(f"**/admin/pages/{release.pk}/edit/")
    assert "已导入 3 行数据" in page.locator("body").inner_text()
    page.get_by_role("button", name="更多动作").click()
    page.get_by_role("button", name="发布", exact=True).click()
    page.wait_for_url(f"**/admin/pages/{index.pk}/")

    page.goto(live_server.url + "/disclosures/q1-2026/")
    chart = page.get_by_role("img", name="2026年1—3月检察机关主要办案数据（单位：人）")
    assert chart.is_visible()
    assert "批准和决定逮捕：25人" in page.locator("figcaption").first.inner_text()
    assert "增长25.0%" in page.locator("table").inner_text()
    assert_accessible(page, "statistics release")
    for path in ("/disclosures/", "/disclosures/?kind=statistics&topic=nope"):
        page.goto(live_server.url + path)
        assert_accessible(page, path)


def test_policy_documents_are_accessible(phone, live_server, site_tree, assert_accessible):
    from disclosures.models import DisclosureMode

    active = PolicyDocumentPageFactory(parent=site_tree["disclosures"], validity="repealed")
    on_request = PolicyDocumentPageFactory(
        parent=site_tree["disclosures"], disclosure_mode=DisclosureMode.ON_REQUEST
    )
    for document in (active, on_request):
        phone.goto(live_server.url + document.url)
        assert_accessible(phone, document.url)


def test_wide_tables_scroll_in_their_own_box_on_a_360_px_phone(browser, live_server, demo_site):
    """The statistics release and the annual report on a 360 px phone: each wide table and chart
    scrolls inside its own box, says so in a visible hint and has a caption; the page itself never
    scrolls sideways (no element wider than the viewport)."""
    from disclosures.models import AnnualReportPage, StatisticsReleasePage

    context = browser.new_context(locale="zh-CN", viewport={"width": 360, "height": 740}, is_mobile=True)
    phone = context.new_page()
    for model in (StatisticsReleasePage, AnnualReportPage):
        target = model.objects.live().filter(locale__language_code="zh-hans").first()
        phone.goto(live_server.url + target.url)
        label = model.__name__
        assert phone.evaluate(
            "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
        ), label
        boxes = phone.evaluate(
            """() => [...document.querySelectorAll('.table-wrap, .chart-scroll')].map((box) => ({
                 scrolls: box.scrollWidth > box.clientWidth, fits: box.getBoundingClientRect().right <= innerWidth + 1,
                 caption: !!box.querySelector('caption, svg title') || !!box.closest('figure')?.querySelector('figcaption'),
               }))"""
        )
        assert boxes and all(box["fits"] and box["caption"] for box in boxes), (label, boxes)
        assert any(box["scrolls"] for box in boxes), (label, boxes)  # wider than the phone: it scrolls inside
        hints = phone.locator(".scroll-hint")
        assert hints.count() >= 1 and hints.first.is_visible(), label
        assert "左右滑动" in hints.first.inner_text()
        wider = phone.evaluate(
            """() => [...document.body.querySelectorAll('*')].filter((el) => {
                 const box = el.getBoundingClientRect();
                 return box.width > 0 && box.right > innerWidth + 1 && !el.closest('.table-wrap, .chart-scroll');
               }).map((el) => el.tagName + '.' + el.className).slice(0, 5)"""
        )
        assert wider == [], (label, wider)
    context.close()
