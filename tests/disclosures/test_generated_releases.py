"""检察建议办理情况 as a public statistics release: made from the ledger as a draft (aggregates only),
by the disclosure officer in the admin or by the command, then reviewed like any release."""

import datetime

import pytest
from django.core.management import call_command

from disclosures.models import StatisticsReleasePage
from internal.models import Recommendation, Reply
from tests.factories import (
    MemberUnitFactory,
    PublishingUnitFactory,
    RecommendationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def ledger(site_tree):
    unit = MemberUnitFactory(name="永昌县交通局")
    first = RecommendationFactory(target_unit=unit, problem="交通局的具体问题，不应公开。")
    Reply.objects.create(
        recommendation=first,
        replied_on=datetime.date(2026, 3, 1),
        adoption="full",
        promised_by=datetime.date(2026, 5, 1),
    )
    RecommendationFactory(target_unit=None, target_name="城关镇人民政府")
    PublishingUnitFactory(name="永昌县人民检察院", code="116203210138580002")
    return site_tree


def rows_of(page):
    return {row.indicator: row.value for row in page.get_latest_revision_as_object().rows.all()}


def test_the_command_makes_a_draft_of_totals_only(ledger):
    call_command("generate_statistics_release", "--source", "recommendations", "--year", "2026")
    page = StatisticsReleasePage.objects.get(slug="recommendations-2026")
    assert not page.live and page.title == "2026年检察建议办理情况"
    assert page.publishing_unit.name == "永昌县人民检察院"
    rows = rows_of(page)
    assert rows["制发检察建议"] == 2 and rows["已回复"] == 1
    text = " ".join(rows) + page.get_latest_revision_as_object().intro
    assert "交通局" not in text and "城关镇" not in text and Recommendation.objects.first().number not in text
    # again, with a newer ledger: the same draft, new figures
    RecommendationFactory(target_unit=None, target_name="红山窑镇人民政府")
    call_command("generate_statistics_release", "--source", "recommendations", "--year", "2026")
    assert StatisticsReleasePage.objects.filter(slug="recommendations-2026").count() == 1
    page.refresh_from_db()
    assert rows_of(page)["制发检察建议"] == 3


def test_the_disclosure_officer_generates_it_in_the_admin(client, ledger):
    from home.registries.roles import apply_roles

    apply_roles()
    index = ledger["disclosures"]
    officer = UserFactory(groups=["信息公开专员"])
    client.force_login(officer)
    page = client.get(f"/admin/statistics/generate/{index.pk}/")
    assert page.status_code == 200 and "检察建议办理情况" in page.content.decode()
    unit = page.context["form"].initial["publishing_unit"]
    response = client.post(
        f"/admin/statistics/generate/{index.pk}/",
        {"source": "recommendations", "year": "2026", "publishing_unit": unit},
    )
    assert response.status_code == 302
    release = StatisticsReleasePage.objects.get(slug="recommendations-2026")
    assert not release.live and release.get_parent().pk == index.pk
    bad = client.post(
        f"/admin/statistics/generate/{index.pk}/",
        {"source": "nope", "year": "二〇二六", "publishing_unit": unit},
    )
    assert bad.status_code == 400
    # a liaison (no page rights in 信息公开) may not
    client.force_login(UserFactory(groups=["成员单位联络员"]))
    refused = client.get(f"/admin/statistics/generate/{index.pk}/")
    assert refused.status_code in (302, 403)
    assert client.get("/disclosures/recommendations-2026/").status_code == 404  # a draft is not public


def test_the_index_page_offers_the_button(client, ledger):
    from home.registries.roles import apply_roles

    apply_roles()
    client.force_login(UserFactory(groups=["信息公开专员"]))
    page = client.get(f"/admin/pages/{ledger['disclosures'].pk}/").content.decode()
    assert "从台账生成数据发布" in page
