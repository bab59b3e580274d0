import pytest
from django.core.exceptions import ValidationError

from disclosures.models import PeriodType
from tests.factories import StatisticsReleasePageFactory, add_rows

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("period_type", "number", "cumulative", "label"),
    [
        (PeriodType.YEAR, None, False, "2026年"),
        (PeriodType.HALF, 1, False, "2026年上半年"),
        (PeriodType.QUARTER, 2, True, "2026年1—6月"),
        (PeriodType.QUARTER, 3, False, "2026年第三季度"),
        (PeriodType.MONTH, 5, False, "2026年5月"),
        (PeriodType.MONTH, 11, True, "2026年1—11月"),
    ],
)
def test_period_labels(period_type, number, cumulative, label):
    page = StatisticsReleasePageFactory.build(
        period_type=period_type, period_number=number, cumulative=cumulative
    )
    assert page.period_label == label


def test_period_number_is_checked(site_tree):
    page = StatisticsReleasePageFactory.build(period_type=PeriodType.QUARTER, period_number=5)
    with pytest.raises(ValidationError) as caught:
        site_tree["disclosures"].add_child(instance=page)
    assert "请填写1到4" in caught.value.message_dict["period_number"][0]


def test_release_page_shows_table_year_on_year_charts_and_downloads(client, site_tree):
    index = site_tree["disclosures"]
    add_rows(
        StatisticsReleasePageFactory(parent=index, year=2025, slug="q1-2025"),
        [("批准和决定逮捕", 20, "人"), ("不捕率", 30, "%")],
    )
    page = add_rows(
        StatisticsReleasePageFactory(parent=index, year=2026, slug="q1-2026"),
        [("批准和决定逮捕", 25, "人"), ("不捕率", 32.5, "%"), ("公益诉讼立案", 7, "件")],
    )
    html = client.get(page.url).content.decode()
    assert "<caption" in html and "2026年1—3月检察机关主要办案数据" in html
    assert "增长25.0%" in html  # 20 → 25 people
    assert "上升2.5个百分点" in html  # rates compare in percentage points
    assert 'role="img"' in html
    assert (
        "批准和决定逮捕：25人" not in html or "图表数据：批准和决定逮捕：25人；" not in html
    )  # 人 alone: table only
    assert "2025年1—3月：20人；2026年1—3月：25人" in html  # the line chart across releases
    for extension in ("csv", "xlsx", "json"):
        assert f'href="http://testserver{page.url}data.{extension}"' in html  # full address: it prints too


def test_unknown_indicator_in_the_chart_choice_gets_a_message(client, site_tree):
    page = add_rows(
        StatisticsReleasePageFactory(parent=site_tree["disclosures"]), [("批准和决定逮捕", 25, "人")]
    )
    html = client.get(page.url, {"indicator": "<b>不存在</b>"}).content.decode()
    assert "没有“&lt;b&gt;不存在&lt;/b&gt;”这一指标" in html


def test_private_or_draft_release_has_no_downloads(client, site_tree):
    draft = StatisticsReleasePageFactory(parent=site_tree["disclosures"], live=False, slug="draft-release")
    assert client.get("/disclosures/draft-release/data.csv").status_code == 404
    assert client.get(f"{draft.url or '/disclosures/draft-release/'}data.json").status_code == 404


@pytest.mark.usefixtures("nothing_kept")
def test_release_page_query_count_does_not_grow_with_rows_or_releases(client, site_tree):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    index = site_tree["disclosures"]

    def count(url):
        client.get(url)
        with CaptureQueriesContext(connection) as ctx:
            client.get(url)
        return len(ctx)

    page = add_rows(StatisticsReleasePageFactory(parent=index, year=2026, slug="now"), [("逮捕", 1, "人")])
    add_rows(StatisticsReleasePageFactory(parent=index, year=2025, slug="then"), [("逮捕", 1, "人")])
    few = count(page.url)
    add_rows(page, [(f"指标{i}", i, "件") for i in range(60)])
    for year in range(2000, 2020):
        add_rows(
            StatisticsReleasePageFactory(parent=index, year=year), [(f"指标{i}", i, "件") for i in range(10)]
        )
    assert count(page.url) == few


def test_one_bar_chart_per_unit_and_never_units_mixed(client, site_tree):
    page = add_rows(
        StatisticsReleasePageFactory(parent=site_tree["disclosures"], year=2026, slug="mixed"),
        [
            ("批准和决定逮捕", 25, "人"),
            ("决定起诉", 40, "人"),
            ("不捕率", 32.5, "%"),
            ("认罪认罚适用率", 88, "%"),
            ("公益诉讼立案", 7, "件"),
        ],
    )
    html = client.get(page.url).content.decode()
    assert '<title id="chart-bar-1-title">' in html and '<title id="chart-bar-2-title">' in html
    assert '<title id="chart-bar-3-title">' not in html  # 件 has one indicator: the table shows it
    assert "图表数据：批准和决定逮捕：25人；决定起诉：40人。" in html
    assert "图表数据：不捕率：32.5%；认罪认罚适用率：88%。" in html


def test_cumulative_figures_are_compared_with_the_same_span_of_other_years(client, site_tree):
    """1—12月 of 2025 then 1—3月 of 2026 is no collapse: the trend compares 1—3月 with 1—3月."""
    index = site_tree["disclosures"]
    for year, number, value in [(2025, 1, 20), (2025, 4, 90), (2026, 1, 25)]:
        add_rows(
            StatisticsReleasePageFactory(
                parent=index,
                year=year,
                period_type=PeriodType.QUARTER,
                period_number=number,
                cumulative=True,
                slug=f"c-{year}-{number}",
            ),
            [("批准和决定逮捕", value, "人")],
        )
    page = index.get_children().get(slug="c-2026-1").specific
    html = client.get(page.url).content.decode()
    assert "历年同期对比" in html
    assert "图表数据：2025年1—3月：20人；2026年1—3月：25人。" in html
    assert "1—12月：90人" not in html


def test_a_single_point_draws_no_comparison(client, site_tree):
    page = add_rows(
        StatisticsReleasePageFactory(parent=site_tree["disclosures"], year=2026, slug="alone"),
        [("批准和决定逮捕", 25, "人")],
    )
    html = client.get(page.url).content.decode()
    assert "polyline" not in html and "chart--line" not in html
    assert "还没有可以对比的历年同期数据（至少需要两期），暂不作图" in html
