"""What statistics offices really send (issue 27, item 8): the three files in tests/data/ — a merged
two-level header, a percentage whose unit column is empty, 合计/小计 rows, lines under the table
(制表人, 审核人, 填报日期, 注：), Excel's GB18030 CSV — import and chart correctly; what is refused
names the row, the column and why."""

from decimal import Decimal
from pathlib import Path

import pytest

from disclosures.dataset import parse
from disclosures.models import StatisticRow
from tests.factories import StatisticsReleasePageFactory

pytestmark = pytest.mark.django_db
DATA = Path(__file__).resolve().parents[1] / "data"

REAL_FILES = {
    "司法局_两级表头_百分比无单位.xlsx": {
        "rows": 5,
        "values": {"行政复议案件受理": ("46", "件"), "行政机关负责人出庭应诉率": ("96.5", "%")},
        "notes": ["制表人：王某某　审核人：李某某　填报日期：2026年10月8日"],
        "totals": [],
    },
    "检察院_合计小计_表尾说明.xlsx": {
        "rows": 7,
        "values": {"小计": ("38", "人"), "合计": ("84", "人"), "不捕率": ("34.2", "%")},
        "notes": [
            "注：本表数据来源于检察业务应用系统，截至2026年9月30日。",
            "制表人：张某　审核人：赵某",
            "填报日期：2026年10月9日",
        ],
        "totals": ["小计", "合计"],
    },
    "统计局_另存为CSV_两行表头.csv": {
        "rows": 5,
        "values": {"主动公开政府信息": ("1268", "条"), "办结率": ("100", "%")},
        "notes": ["填报日期：2026年10月10日", "审核人：李某某"],
        "totals": ["合计（主动公开与申请）"],
    },
}


@pytest.mark.parametrize("name", list(REAL_FILES))
def test_a_real_layout_file_imports_with_its_footer_as_notes(name):
    expected = REAL_FILES[name]
    result = parse(name, (DATA / name).read_bytes())
    assert result.ok, result.errors
    assert len(result.rows) == expected["rows"]
    values = {row.indicator: (row.value, row.unit) for row in result.rows}
    for indicator, (value, unit) in expected["values"].items():
        assert values[indicator] == (Decimal(value), unit), indicator
    assert result.notes == expected["notes"]
    assert not any(row.indicator.startswith(("制表", "审核", "填报", "注")) for row in result.rows)


@pytest.mark.parametrize("name", list(REAL_FILES))
def test_totals_stay_in_the_table_and_out_of_the_chart(client, site_tree, name):
    from disclosures.dataset import import_rows

    release = StatisticsReleasePageFactory(parent=site_tree["disclosures"], slug="real")
    import_rows(release, parse(name, (DATA / name).read_bytes()).rows, publish=True)
    response = client.get(release.url)
    html = response.content.decode()
    charts = [chart["description"] for chart in response.context["bar_charts"]]
    for total in REAL_FILES[name]["totals"]:
        assert f'<tr class="data-table__total">\n        <th scope="row">{total}</th>' in html
        assert not any(f"{total}：" in description for description in charts), (total, charts)
    assert charts, "the file's other rows are charted"


@pytest.mark.parametrize(
    ("indicator", "total"),
    [
        ("合计", True),
        ("小计", True),
        ("小 计", True),
        ("合\u3000计", True),
        ("总计", True),
        ("共计", True),
        ("合计（主动公开与申请）", True),
        ("其中：合计", False),
        ("批准和决定逮捕", False),
        ("计划生育", False),
    ],
)
def test_what_counts_as_a_total_row(indicator, total):
    assert StatisticRow(indicator=indicator, value=1, unit="件").is_total is total


@pytest.mark.parametrize(
    ("first_cell", "footer"),
    [
        ("制表人：张三", True),
        ("制表人 张三", True),
        ("制表：张三", True),
        ("审核人：李四", True),
        ("审核：李四", True),
        ("填报日期：2026年10月9日", True),
        ("填报日期 2026-10-09", True),
        ("单位负责人：王五", True),
        ("注：数据截至9月30日", True),
        ("注: data", True),
        ("说明：不含撤回的申请", True),
        ("数据来源：业务系统", True),
        ("审核逮捕", False),  # an indicator that happens to start with 审核
        ("注册登记", False),
        ("说明书审查", False),
        ("负责人出庭应诉", False),
        ("备注", False),
    ],
)
def test_which_lines_end_the_data(first_cell, footer):
    from home.table_files import is_footer

    assert is_footer([None, first_cell]) is footer


def _csv(text: str) -> bytes:
    return text.encode("utf-8")


REFUSED = {
    "two-level header without a unit column": (
        "标题,,\n指标名称,2026年1—9月,\n,本期数,同比\n逮捕,3,10%\n",
        "表头缺少“单位”列：最像表头的是第2—3行（指标名称、2026年1—9月本期数、同比）",
    ),
    "a percentage in a column of people": (
        "指标,数值,单位\n不捕率,34.2%,人\n",
        "第2行：B列数值“34.2%”是百分数，单位却是“人”",
    ),
    "a number in words, second column": ("指标,数值,单位\n逮捕,三十,人\n", "第2行：B列数值“三十”不是数字"),
    "unit column empty for a plain number": ("指标,数值,单位\n逮捕,30,\n", "第2行：C列缺少单位"),
    "a row after the footer is not data": (
        "指标,数值,单位\n逮捕,30,人\n制表人：张三,,\n起诉,三十,人\n",
        None,
    ),
    "columns in another order": ("单位,备注,数值,指标\n人,,30,逮捕\n件,,,起诉\n", "第3行：C列缺少数值"),
}


@pytest.mark.parametrize("case", list(REFUSED))
def test_a_refused_file_names_the_row_the_column_and_why(case):
    text, message = REFUSED[case]
    result = parse("data.csv", _csv(text))
    if message is None:
        assert result.ok, result.errors
    else:
        assert any(message in error for error in result.errors), result.errors


def test_the_officer_sees_the_notes_after_an_upload_and_the_help_page(client, site_tree):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from disclosures.roles import DISCLOSURE_OFFICERS
    from home.registries.roles import apply_roles
    from tests.factories import UserFactory

    apply_roles()
    release = StatisticsReleasePageFactory(parent=site_tree["disclosures"])
    client.force_login(UserFactory(groups=[DISCLOSURE_OFFICERS]))
    page = client.get(f"/admin/statistics/{release.pk}/import/").content.decode()
    assert "/admin/statistics/import-help/" in page
    name = "检察院_合计小计_表尾说明.xlsx"
    upload = SimpleUploadedFile(name, (DATA / name).read_bytes())
    response = client.post(f"/admin/statistics/{release.pk}/import/", {"file": upload})
    edit = client.get(client.get(response["Location"])["Location"]).content.decode()
    assert "已导入 7 行数据" in edit
    assert "表格下方的 3 行说明（注：本表数据来源于检察业务应用系统" in edit
    status = client.get(response["Location"]).content.decode()
    assert "制表人：张某　审核人：赵某" in status  # listed in full on the import's own page

    help_page = client.get("/admin/statistics/import-help/")
    text = help_page.content.decode()
    assert help_page.status_code == 200
    for rule in ("两行表头（合并单元格）", "合计", "制表人", "单位列可以空着", "GB18030"):
        assert rule in text, rule
