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
