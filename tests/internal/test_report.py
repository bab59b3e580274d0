"""督查督办 report: by unit and status for a period, as XLSX and as a printable page; office only."""

import datetime
import io

import pytest
from openpyxl import load_workbook

from home.templatetags.fjld import cn_date
from internal.models import ProgressReport, Resolution
from internal.report import build_report
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def period(duties, today):
    """From the 1st of the month before the fixture's meeting to the suite's day."""
    held = duties["held"]
    start = datetime.date(held.year, held.month, 1) - datetime.timedelta(days=1)
    return start.replace(day=1), today


def query(duties, today) -> str:
    start, end = period(duties, today)
    return f"/admin/resolutions/report/?start={start.isoformat()}&end={end.isoformat()}"


def test_report_counts_by_lead_unit_and_status(duties, today):
    ProgressReport.objects.create(
        resolution=duties["resolutions"]["完善行政争议化解办法"],
        unit=duties["a"],
        author=duties["liaison_a"],
        text="办法已起草，征求意见中。",
        new_status="in_progress",
    )
    report = build_report(*period(duties, today), today=today)
    by_unit = {u.unit.short_name: u for u in report.units}
    a = by_unit["县司法局"]
    assert a.total == 4 and a.counts == {"not_started": 2, "in_progress": 1, "done": 1} and a.overdue == 1
    assert by_unit["县教育局"].total == 2 and by_unit["县教育局"].overdue == 1
    assert report.totals.total == 6
    after = duties["held"] + datetime.timedelta(days=1)
    assert build_report(after, today).units == []  # the meeting was before


def test_office_exports_the_report_as_xlsx(client, duties, today):
    client.force_login(duties["office"])
    response = client.get(query(duties, today) + "&export=xlsx")
    assert response.status_code == 200
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    assert "attachment" in response["Content-Disposition"]
    workbook = load_workbook(io.BytesIO(response.content))
    summary = [row for row in workbook["汇总"].iter_rows(values_only=True)]
    assert summary[1][:2] == ("牵头单位", "议定事项")
    assert ("永昌县司法局", 4, 3, 0, 1, 1) in summary and ("合计", 6, 5, 0, 1, 2) in summary
    details = [row for row in workbook["明细"].iter_rows(values_only=True)]
    assert len(details) == 2 + 6  # title row, header, one row a resolution
    assert any(row[3] == "建立热线数据互通机制" and row[6] == "逾期" for row in details)


def test_the_exported_workbook_prints_as_it_is(client, duties, today):
    """Column widths, wrapped long text, a bold frozen header repeated on every printed page, A4
    landscape fitted to the page width, a title row: checked with openpyxl as Excel would read it."""
    client.force_login(duties["office"])
    response = client.get(query(duties, today) + "&export=xlsx")
    workbook = load_workbook(io.BytesIO(response.content))
    start, end = period(duties, today)
    for name in ("汇总", "明细"):
        sheet = workbook[name]
        assert sheet["A1"].value.startswith(
            f"督查督办{name}（会议日期 {start.isoformat()} 至 {end.isoformat()}"
        )
        assert sheet["A1"].font.bold and "A1" in {str(r).split(":")[0] for r in sheet.merged_cells.ranges}
        assert all(cell.font.bold for cell in sheet[2]) and sheet.freeze_panes == "A3"
        assert sheet.print_title_rows == "$2:$2"
        assert sheet.page_setup.orientation == "landscape" and str(sheet.page_setup.paperSize) == "9"
        assert sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.page_setup.fitToWidth == 1
        assert all(sheet.column_dimensions[c].width >= 9 for c in "ABCDE")
    details = workbook["明细"]
    assert details.column_dimensions["D"].width >= 30 and details["D3"].alignment.wrap_text
    assert details["E3"].number_format == "yyyy-mm-dd"


def test_printable_report_and_period_errors(client, duties, today):
    client.force_login(duties["office"])
    html = client.get(query(duties, today) + "&print=1").content.decode()
    assert "<h1>府检联动联席会议议定事项督查督办报表</h1>" in html and "wagtail" not in html.lower()
    assert "建立热线数据互通机制" in html and cn_date(period(duties, today)[0]) in html
    response = client.get("/admin/resolutions/report/?start=2026-12-01&end=2026-01-01")
    assert response.status_code == 400 and "开始日期不能晚于结束日期" in response.content.decode()
    response = client.get("/admin/resolutions/report/?start=昨天")
    assert response.status_code == 400 and "请输入有效日期" in response.content.decode()
    response = client.get(
        "/admin/resolutions/report/?start=2026-12-01&end=2026-01-01&export=xlsx", follow=True
    )
    assert "开始日期不能晚于结束日期" in response.content.decode()


def test_liaisons_cannot_see_or_export_the_report(client, duties):
    client.force_login(duties["liaison_a"])
    for url in ("/admin/resolutions/report/", "/admin/resolutions/report/?export=xlsx"):
        response = client.get(url, follow=True)  # Wagtail sends them home with a message
        assert response.redirect_chain[-1][0] == "/admin/"
        html = response.content.decode()
        assert "没有权限访问" in html and "督查督办汇总" not in html and "落实入职查询制度" not in html


def test_dashboard_and_report_agree_on_the_demo(demo_site, today):
    """The report's default period holds every open item, so its 逾期 is the dashboard's."""
    from django.contrib.auth import get_user_model

    from internal.dashboard import resolutions_due_by_unit
    from internal.report import default_period

    office = get_user_model().objects.filter(is_superuser=True).first() or UserFactory(is_superuser=True)
    dashboard = sum(group.overdue for group in resolutions_due_by_unit(office, today))
    report = build_report(*default_period(today), today=today)
    assert dashboard > 0 and report.totals.overdue == dashboard
    pending = Resolution.objects.of_live_meetings().pending().count()
    assert sum(u.total - u.counts["done"] for u in report.units) == pending  # every open item is in it


def test_the_screen_pages_the_details_and_print_and_xlsx_hold_them_all(client, duties, today):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import add_meeting

    items = [
        {"requirement": f"督办事项{i:03d}", "lead_unit": duties["b"], "deadline": today} for i in range(130)
    ]
    held = duties["held"] + datetime.timedelta(days=21)
    add_meeting(duties["meeting"].get_parent().specific, items, number=9, date=held)
    client.force_login(duties["office"])
    url = query(duties, today)
    with CaptureQueriesContext(connection) as queries:
        screen = client.get(url).content.decode()
    row = "次联席会议</td>"  # a 明细 row's meeting cell
    assert "共 136 项，第 1/2 页" in screen and screen.count(row) == 100
    assert len(queries) < 40
    assert "<td>132</td>" in screen  # the 汇总 counts every item, not the page's
    assert client.get(url + "&p=2").content.decode().count(row) == 36
    printed = client.get(url + "&print=1").content.decode()
    assert all(f"督办事项{i:03d}" in printed for i in range(130))
    workbook = load_workbook(io.BytesIO(client.get(url + "&export=xlsx").content))
    assert workbook["明细"].max_row == 2 + 136
