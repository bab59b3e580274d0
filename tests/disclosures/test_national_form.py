"""Tables 二, 三 and 四 of the 年度报告 exactly as 国办公开办函〔2021〕30号 prints them — every label,
heading row and merged cell, written out here by hand from the national form — on the page, in the
XLSX and in `annual_disclosure_report --json`, cell by cell; and the 勾稽关系 shown."""

import datetime
import io
import json
from html.parser import HTMLParser

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from disclosures.annual_report import annual_tables
from disclosures.models import AnnualReportPage
from tests.factories import PublishingUnitFactory

pytestmark = pytest.mark.django_db
N = "#"  # a figure


def label(text, rowspan=1, colspan=1):
    return (text, rowspan, colspan)


def figures(count, colspan=1):
    return [(N, 1, colspan)] * count


NATIONAL = {
    "table_2": [
        [label("第二十条第（一）项", colspan=4)],
        [label("信息内容"), label("本年制发件数"), label("本年废止件数"), label("现行有效件数")],
        [label("规章"), *figures(3)],
        [label("行政规范性文件"), *figures(3)],
        [label("第二十条第（五）项", colspan=4)],
        [label("信息内容"), label("本年处理决定数量", colspan=3)],
        [label("行政许可"), *figures(1, colspan=3)],
        [label("第二十条第（六）项", colspan=4)],
        [label("信息内容"), label("本年处理决定数量", colspan=3)],
        [label("行政处罚"), *figures(1, colspan=3)],
        [label("行政强制"), *figures(1, colspan=3)],
        [label("第二十条第（八）项", colspan=4)],
        [label("信息内容"), label("本年收费金额（单位：万元）", colspan=3)],
        [label("行政事业性收费"), *figures(1, colspan=3)],
    ],
    "table_3": [
        [
            label(
                "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", rowspan=3, colspan=3
            ),
            label("申请人情况", colspan=7),
        ],
        [label("自然人", rowspan=2), label("法人或其他组织", colspan=5), label("总计", rowspan=2)],
        [label("商业企业"), label("科研机构"), label("社会公益组织"), label("法律服务机构"), label("其他")],
        [label("一、本年新收政府信息公开申请数量", colspan=3), *figures(7)],
        [label("二、上年结转政府信息公开申请数量", colspan=3), *figures(7)],
        [label("三、本年度办理结果", rowspan=22), label("（一）予以公开", colspan=2), *figures(7)],
        [label("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", colspan=2), *figures(7)],
        [label("（三）不予公开", rowspan=8), label("1.属于国家秘密"), *figures(7)],
        [label("2.其他法律行政法规禁止公开"), *figures(7)],
        [label("3.危及“三安全一稳定”"), *figures(7)],
        [label("4.保护第三方合法权益"), *figures(7)],
        [label("5.属于三类内部事务信息"), *figures(7)],
        [label("6.属于四类过程性信息"), *figures(7)],
        [label("7.属于行政执法案卷"), *figures(7)],
        [label("8.属于行政查询事项"), *figures(7)],
        [label("（四）无法提供", rowspan=3), label("1.本机关不掌握相关政府信息"), *figures(7)],
        [label("2.没有现成信息需要另行制作"), *figures(7)],
        [label("3.补正后申请内容仍不明确"), *figures(7)],
        [label("（五）不予处理", rowspan=5), label("1.信访举报投诉类申请"), *figures(7)],
        [label("2.重复申请"), *figures(7)],
        [label("3.要求提供公开出版物"), *figures(7)],
        [label("4.无正当理由大量反复申请"), *figures(7)],
        [label("5.要求行政机关确认或重新出具已获取信息"), *figures(7)],
        [
            label("（六）其他处理", rowspan=3),
            label("1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
            *figures(7),
        ],
        [label("2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"), *figures(7)],
        [label("3.其他"), *figures(7)],
        [label("（七）总计", colspan=2), *figures(7)],
        [label("四、结转下年度继续办理", colspan=3), *figures(7)],
    ],
    "table_4": [
        [label("行政复议", colspan=5), label("行政诉讼", colspan=10)],
        [
            *(label(t, rowspan=2) for t in ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")),
            label("未经复议直接起诉", colspan=5),
            label("复议后起诉", colspan=5),
        ],
        [label(t) for _ in range(2) for t in ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")],
        figures(15),
    ],
}
# Where a reader of the printed form finds some cells (sheet row and column, 1-based; row 1 is the title)
XLSX_ANCHORS = {
    "表三": [("A2:C4", "（本列数据的勾稽关系为"), ("D2:J2", "申请人情况"), ("A7:A28", "三、本年度办理结果"),
             ("B9:B16", "（三）不予公开"), ("A29:C29", "四、结转下年度继续办理")],
    "表四": [("A2:E2", "行政复议"), ("F2:O2", "行政诉讼"), ("F3:J3", "未经复议直接起诉"), ("A3:A4", "结果维持")],
    "表二": [("A2:D2", "第二十条第（一）项"), ("B7:D7", "本年处理决定数量"), ("A9:D9", "第二十条第（六）项")],
}  # fmt: skip


def shape(rows):
    """Labels as (text, rowspan, colspan); figures as ("#", 1, colspan)."""
    return [[(N if cell.get("key") else cell["text"], cell.get("rowspan", 1), cell.get("colspan", 1))
             for cell in row] for row in rows]  # fmt: skip


@pytest.fixture
def report(site_tree):
    from disclosures.models import InformationRequest, RequestReview

    unit = PublishingUnitFactory(name="永昌县人民政府", code="11620321MB0000000X")
    answered = InformationRequest.objects.create(
        publishing_unit=unit, received_on=datetime.date(2026, 3, 2), applicant_type="commercial",
        applicant_name="某公司", phone="13800138000", description="某信息",
        replied_on=datetime.date(2026, 3, 20), outcome="secret",
    )  # fmt: skip
    RequestReview.objects.create(
        request=answered, kind="litigation_after", filed_on=datetime.date(2026, 4, 1)
    )
    page = AnnualReportPage(
        title="永昌县人民政府2026年政府信息公开工作年度报告", slug="report-2026", year=2026,
        publishing_unit=unit, permits=7, penalties=3, coercion=1, fees="1.50",
        overview="<p>本年度依法做好政府信息公开工作。</p>", problems="<p>个别答复说理不够充分。</p>",
    )  # fmt: skip
    site_tree["disclosures"].add_child(instance=page)
    page.save_revision().publish()
    return page


def test_the_json_gives_each_table_cell_by_cell_as_the_national_form(report):
    out = io.StringIO()
    call_command(
        "annual_disclosure_report", "--year", "2026", "--unit", "11620321MB0000000X", "--json", stdout=out
    )
    document = json.loads(out.getvalue())
    for key, expected in NATIONAL.items():
        assert shape(document["national_form"][key]) == expected, key
    # the figures are the tables' own, under the keys kept from before
    cells = {
        c["key"]: c["value"]
        for rows in document["national_form"].values()
        for row in rows
        for c in row
        if "key" in c
    }
    assert cells["table_3.secret.commercial"] == document["table_3"]["secret"]["commercial"] == 1
    assert cells["table_2.permits"] == 7 and cells["table_2.fees"] == "1.50"
    assert cells["table_4.litigation_after.pending"] == 1 and document["problems"] == []
    assert {"table_2", "table_3", "table_4", "year", "unit"} <= set(document)


class TableCells(HTMLParser):
    """Each <table data-national> as rows of (text, rowspan, colspan), figures as "#"."""

    def __init__(self):
        super().__init__()
        self.tables, self.current, self.cell = {}, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table" and "data-national" in attrs:
            self.current = self.tables.setdefault(attrs["data-national"], [])
        elif tag == "tr" and self.current is not None:
            self.current.append([])
        elif tag in ("th", "td") and self.current is not None:
            self.cell = [
                tag,
                attrs.get("class", ""),
                "",
                int(attrs.get("rowspan", 1)),
                int(attrs.get("colspan", 1)),
            ]

    def handle_data(self, data):
        if self.cell is not None:
            self.cell[2] += data

    def handle_endtag(self, tag):
        if tag in ("th", "td") and self.cell is not None:
            tag_, css, text, rowspan, colspan = self.cell
            figure = tag_ == "td" and "num" in css
            self.current[-1].append((N if figure else text.strip(), rowspan, colspan))
            self.cell = None
        elif tag == "table":
            self.current = None


def test_the_page_shows_each_table_cell_by_cell_as_the_national_form(client, report):
    html = client.get(report.url).content.decode()
    parser = TableCells()
    parser.feed(html)
    for key, expected in NATIONAL.items():
        assert parser.tables[key] == expected, key
    assert (
        "勾稽关系" in html and "第一项加第二项之和，等于第三项加第四项之和" in html and "已校验，相符" in html
    )


def test_the_xlsx_lays_each_table_out_cell_by_cell_as_the_national_form(client, report):
    from openpyxl.utils import get_column_letter

    from disclosures.annual_report import Cell, place

    workbook = load_workbook(io.BytesIO(client.get(report.url + "xlsx/").content))
    for sheet_name, key in (("表二", "table_2"), ("表三", "table_3"), ("表四", "table_4")):
        ws = workbook[sheet_name]
        merged = {str(r) for r in ws.merged_cells.ranges}
        grid = [[Cell(text=t, rowspan=r, colspan=c) for t, r, c in row] for row in NATIONAL[key]]
        for r, c, cell in place(grid):
            row, column = r + 2, c + 1
            value = ws.cell(row, column).value
            if cell.text == N:
                assert isinstance(value, (int, float)), (sheet_name, row, column, value)
            else:
                assert value == cell.text, (sheet_name, row, column, value)
            if cell.rowspan > 1 or cell.colspan > 1:
                end = f"{get_column_letter(column + cell.colspan - 1)}{row + cell.rowspan - 1}"
                assert f"{get_column_letter(column)}{row}:{end}" in merged, (sheet_name, row, column)
        for cells, text in XLSX_ANCHORS[sheet_name]:
            assert cells in merged and str(ws[cells.split(":")[0]].value).startswith(text)
        assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 1
    assert workbook["表三"].print_title_rows == "$1:$4" and workbook["表四"].print_title_rows == "$1:$4"
    assert workbook["表三"]["E9"].value == 1  # 1.属于国家秘密 × 商业企业
    assert "勾稽关系" in workbook.sheetnames


def test_the_tables_are_drawn_from_the_register_not_a_copy(report):
    tables = annual_tables(2026, report.publishing_unit, {})
    assert (
        tables["table_3"]["secret"]["commercial"] == 1
        and tables["table_4"]["litigation_after"]["pending"] == 1
    )
