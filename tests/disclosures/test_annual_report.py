"""政府信息公开年度报告: the tables equal a hand count of the register and the policy documents, add
up in every row and column, match `annual_disclosure_report --json`, and the XLSX has the national
layout."""

import datetime
import io
import json

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from disclosures.annual_report import COLUMNS, annual_tables, consistency_problems
from disclosures.models import AnnualReportPage, InformationRequest, RequestReview
from tests.factories import PolicyDocumentPageFactory, PublishingUnitFactory

pytestmark = pytest.mark.django_db
D = datetime.date


def apply(unit, received, kind, replied=None, outcome="", reviews=(), **fields):
    application = InformationRequest.objects.create(
        publishing_unit=unit,
        received_on=received,
        applicant_type=kind,
        applicant_name="申请人",
        phone="13800138000",
        description="某信息",
        replied_on=replied,
        outcome=outcome,
        **fields,
    )
    for review_kind, filed, decided, result in reviews:
        RequestReview.objects.create(
            request=application, kind=review_kind, filed_on=filed, decided_on=decided, result=result
        )
    return application


@pytest.fixture
def register(site_tree):
    unit = PublishingUnitFactory(name="永昌县人民政府", code="11620321MB0000000X")
    other = PublishingUnitFactory(name="永昌县人民检察院", code="11620321MB0000001X")
    apply(unit, D(2025, 12, 20), "person")  # carried in, answered in January
    InformationRequest.objects.filter(received_on=D(2025, 12, 20)).update(
        replied_on=D(2026, 1, 10), outcome="disclosed"
    )
    apply(unit, D(2025, 11, 3), "person", D(2025, 11, 20), "disclosed")  # last year's, done last year
    apply(unit, D(2026, 3, 2), "person", D(2026, 3, 20), "disclosed")
    apply(unit, D(2026, 4, 1), "commercial", D(2026, 4, 20), "partial",
          reviews=[("reconsideration", D(2026, 5, 6), D(2026, 7, 1), "upheld")])  # fmt: skip
    apply(unit, D(2026, 5, 6), "research", D(2026, 5, 29), "not_held")
    apply(
        unit,
        D(2026, 6, 1),
        "legal_service",
        D(2026, 6, 5),
        "repeated",
        reviews=[("litigation_direct", D(2026, 7, 1), None, "")],  # still open at year end
    )
    apply(unit, D(2026, 12, 20), "other_org")  # carried out
    apply(other, D(2026, 3, 3), "person", D(2026, 3, 4), "disclosed")  # another unit's
    PolicyDocumentPageFactory(
        parent=site_tree["disclosures"],
        publishing_unit=unit,
        legal_form="normative",
        written_date=D(2026, 2, 1),
    )
    PolicyDocumentPageFactory(parent=site_tree["disclosures"], publishing_unit=unit, legal_form="normative", written_date=D(2024, 2, 1),
                              validity="repealed", repealed_on=D(2026, 8, 1))  # fmt: skip
    PolicyDocumentPageFactory(
        parent=site_tree["disclosures"], publishing_unit=unit, legal_form="rule", written_date=D(2023, 5, 1)
    )
    return unit


def test_the_tables_equal_a_hand_count(register):
    tables = annual_tables(2026, register, {"permits": 12})
    three = tables["table_3"]
    assert three["new"] == {
        "person": 1,
        "commercial": 1,
        "research": 1,
        "public_welfare": 0,
        "legal_service": 1,
        "other_org": 1,
        "total": 5,
    }
    assert three["carried_in"]["person"] == 1 and three["carried_in"]["total"] == 1
    assert three["disclosed"]["person"] == 2  # the carried-in one and this year's
    assert three["partial"]["commercial"] == 1
    assert three["not_held"]["research"] == 1 and three["unavailable"]["total"] == 1
    assert three["repeated"]["legal_service"] == 1 and three["not_handled"]["total"] == 1
    assert three["total"]["total"] == 5 and three["carried_out"] == {
        **dict.fromkeys(COLUMNS, 0),
        "other_org": 1,
        "total": 1,
    }
    assert tables["table_2"]["normative"] == {"issued": 1, "repealed": 1, "in_force": 1}
    assert tables["table_2"]["rule"] == {"issued": 0, "repealed": 0, "in_force": 1}
    assert tables["table_2"]["permits"] == 12
    assert (
        tables["table_4"]["reconsideration"]["upheld"] == 1
        and tables["table_4"]["reconsideration"]["total"] == 1
    )
    assert tables["table_4"]["litigation_direct"]["pending"] == 1
    assert consistency_problems(tables) == []


def test_the_checks_catch_a_table_that_does_not_add_up(register):
    tables = annual_tables(2026, register)
    tables["table_3"]["disclosed"]["person"] += 1
    problems = consistency_problems(tables)
    assert any("各列之和" in p for p in problems) and any("（七）总计" in p for p in problems)


def test_the_page_the_command_and_the_workbook_agree(client, register, site_tree):
    page = AnnualReportPage(
        title="永昌县人民政府2026年政府信息公开工作年度报告",
        slug="annual-report-2026",
        year=2026,
        publishing_unit=register,
        overview="<p>总体情况。</p>",
        problems="<p>问题及改进。</p>",
        permits=12,
    )
    site_tree["disclosures"].add_child(instance=page)
    page.save_revision().publish()
    out = io.StringIO()
    call_command("annual_disclosure_report", "--year", "2026", "--unit", register.code, "--json", stdout=out)
    data = json.loads(out.getvalue())
    page.refresh_from_db()
    assert data["table_3"] == page.tables["table_3"] and data["table_2"] == page.tables["table_2"]
    assert data["problems"] == []
    html = client.get(page.url).content.decode()
    assert "（七）总计" in html and "统计表未通过一致性检查" not in html
    download = client.get(page.url + page.reverse_subpage("xlsx"))
    assert download.status_code == 200, download.status_code
    workbook = load_workbook(io.BytesIO(download.content))
    assert workbook.sheetnames == ["表二", "表三", "表四", "勾稽关系"]
    three = workbook["表三"]
    assert three["D2"].value == "申请人情况" and three["E3"].value == "法人或其他组织"
    assert "E3:I3" in {str(r) for r in three.merged_cells.ranges}
    assert three["A5"].value.startswith("一、本年新收") and three["A29"].value == "四、结转下年度继续办理"
    assert three["B28"].value == "（七）总计" and three["J28"].value == 5
    assert workbook["表四"]["A2"].value == "行政复议"
    assert page.listing_meta in client.get("/disclosures/").content.decode()


def test_the_demo_report_adds_up_and_equals_the_register(demo_site):
    report = AnnualReportPage.objects.live().get()
    tables = annual_tables(report.year, report.publishing_unit, {"permits": report.permits, "penalties": report.penalties,
                                                                  "coercion": report.coercion, "fees": str(report.fees)})  # fmt: skip
    assert consistency_problems(report.tables) == [] and report.tables["table_3"] == tables["table_3"]
    received = InformationRequest.objects.filter(
        publishing_unit=report.publishing_unit, received_on__year=report.year
    )
    assert report.tables["table_3"]["new"]["total"] == received.count() > 0


def test_a_translated_policy_document_is_counted_once(register, site_tree):
    """An English copy of a 规范性文件 is the same document: table 二 does not count it again."""
    from wagtail.models import Locale

    from disclosures.models import PolicyDocumentPage

    before = annual_tables(2026, register)["table_2"]
    original = PolicyDocumentPage.objects.get(written_date=D(2026, 2, 1))
    english_home = (
        site_tree["disclosures"].get_parent().copy_for_translation(Locale.objects.get(language_code="en"))
    )
    english_column = site_tree["disclosures"].copy_for_translation(Locale.objects.get(language_code="en"))
    english = original.copy_for_translation(Locale.objects.get(language_code="en"))
    english.save_revision().publish()
    english.refresh_from_db()
    assert english_home and english_column and english.live and english.publishing_unit == register
    assert annual_tables(2026, register)["table_2"] == before


def test_table_four_counts_each_review_in_the_year_it_was_decided(site_tree):
    """A 2026 复议 on a 2025 answer is in the 2026 report; a suit filed in 2026 and decided in 2027 is
    尚未审结 in 2026 and 结果纠正 in 2027 — whatever year the application was answered in."""
    unit = PublishingUnitFactory(name="永昌县自然资源局", code="11620321MB0000009X")
    apply(unit, D(2025, 10, 9), "person", D(2025, 11, 3), "not_held",
          reviews=[("reconsideration", D(2025, 12, 1), D(2026, 2, 10), "corrected")])  # fmt: skip
    apply(unit, D(2026, 3, 2), "person", D(2026, 3, 20), "disclosed",
          reviews=[("litigation_after", D(2026, 9, 1), D(2027, 3, 15), "corrected")])  # fmt: skip
    apply(unit, D(2024, 5, 6), "person", D(2024, 5, 30), "disclosed",
          reviews=[("litigation_direct", D(2024, 6, 1), D(2025, 1, 5), "upheld")])  # fmt: skip
    four = {year: annual_tables(year, unit)["table_4"] for year in (2024, 2025, 2026, 2027)}
    assert four[2025]["reconsideration"] == {
        "upheld": 0,
        "corrected": 0,
        "other": 0,
        "pending": 1,
        "total": 1,
    }
    assert four[2026]["reconsideration"]["corrected"] == 1 and four[2026]["reconsideration"]["pending"] == 0
    assert four[2026]["litigation_after"]["pending"] == 1
    assert four[2027]["litigation_after"] == {
        "upheld": 0,
        "corrected": 1,
        "other": 0,
        "pending": 0,
        "total": 1,
    }
    assert four[2024]["litigation_direct"]["pending"] == 1 and four[2025]["litigation_direct"]["upheld"] == 1
    assert four[2026]["litigation_direct"]["total"] == 0  # decided in 2025: not counted again
    for year in four:
        assert consistency_problems(annual_tables(year, unit)) == []


@pytest.mark.parametrize(
    ("filed", "decided", "result", "field"),
    [
        (D(2026, 5, 1), D(2026, 4, 1), "upheld", "decided_on"),  # decided before it was filed
        (D(2026, 5, 1), D(2026, 6, 1), "", "result"),  # a decision without its result
        (D(2026, 5, 1), None, "upheld", "result"),  # a result without its date
        (D(2026, 2, 1), None, "", "filed_on"),  # before the application arrived
    ],
)
def test_a_review_s_dates_and_result_must_agree(site_tree, filed, decided, result, field):
    from django.core.exceptions import ValidationError

    application = apply(PublishingUnitFactory(), D(2026, 3, 2), "person", D(2026, 3, 20), "disclosed")
    review = RequestReview(
        request=application, kind="reconsideration", filed_on=filed, decided_on=decided, result=result
    )
    with pytest.raises(ValidationError) as error:
        review.full_clean()
    assert field in error.value.message_dict
