"""What the render cache keeps when no page is kept (PAGE_CACHE_SECONDS=0, as the served "cache off"
figures run): the page each path leads to (home/routing.py), a case's article, a column's filter form,
home's columns, the site settings. Each is renewed by the change that alters it, and a page view that
finds them kept asks the database (almost) nothing."""

import pytest
from django.core.cache import caches
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from campaigns.models import CaseBatch
from home.models import SiteSettings
from tests.factories import CampaignPageFactory, CaseExamplePageFactory
from tests.home.test_query_budget import content_queries

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def render_cache_only():
    caches["pages"].clear()
    with override_settings(RENDER_CACHE=True, PAGE_CACHE_SECONDS=0):
        yield


@pytest.fixture
def case(site_tree):
    return CaseExamplePageFactory(parent=site_tree["cases"], title="李某帮助信息网络犯罪活动案", slug="li")


def text(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


def test_a_page_view_with_everything_kept_asks_the_database_for_almost_nothing(client, case):
    for url in ("/", "/cases/", "/cases/?category=criminal", case.url):
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        assert len(content_queries(queries)) <= 1, (url, content_queries(queries))


def test_a_kept_route_follows_a_new_slug_and_an_unpublish(client, case):
    assert "李某帮助信息网络犯罪活动案" in text(client, "/cases/li/")
    case.slug = "li-2026"
    case.save_revision().publish()
    assert client.get("/cases/li/").status_code == 404
    assert "李某帮助信息网络犯罪活动案" in text(client, "/cases/li-2026/")
    case.unpublish()
    assert client.get("/cases/li-2026/").status_code == 404
    assert "李某帮助信息网络犯罪活动案" not in text(client, "/cases/")


def test_an_edit_shows_at_once_in_the_kept_article_list_and_home(client, case):
    for url in (case.url, "/cases/", "/"):
        client.get(url)
    case.title = "李某出租银行卡帮信案"
    case.gist = "出租、出售银行卡供他人转移诈骗资金的，以帮助信息网络犯罪活动罪追究刑事责任。"
    case.save_revision().publish()
    page = text(client, case.url)
    assert "李某出租银行卡帮信案" in page and "供他人转移诈骗资金" in page
    assert "李某出租银行卡帮信案" in text(client, "/cases/")
    assert "李某出租银行卡帮信案" in text(client, "/")


def test_a_batch_or_a_citing_campaign_renews_the_kept_article(client, site_tree, case):
    client.get(case.url)
    batch = CaseBatch.objects.get(pk=case.batch_id)
    batch.issuing_units = "永昌县人民检察院 永昌县公安局"
    batch.save()
    assert "永昌县人民检察院 永昌县公安局" in text(client, case.url)
    campaign = CampaignPageFactory(parent=site_tree["campaigns"], title="反诈宣传进校园")
    campaign.body = [("related_cases", {"title": "以案释法", "cases": [case]})]
    campaign.save_revision().publish()
    assert "反诈宣传进校园" in text(client, case.url)


def test_a_page_made_private_after_its_route_was_kept_asks_for_a_login(client, site_tree, case):
    client.get(case.url)
    PageViewRestriction.objects.create(page=case, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(case.url)
    assert response.status_code == 302 and "/login" in response["Location"]
    internal = client.get(site_tree["internal"].url)
    assert internal.status_code == 302 and "/login" in internal["Location"]


@pytest.mark.parametrize(
    "query, selected",
    [
        ("", None),
        ("?category=criminal", "criminal"),
        ("?category=juvenile", "juvenile"),
        ("?category=criminal&page=1", "criminal"),
    ],
)
def test_the_kept_filter_form_shows_the_filters_in_force(client, case, query, selected):
    for _ in range(2):  # rendered, then kept
        page = text(client, "/cases/" + query)
        chosen = [value for value in ("criminal", "juvenile") if f'value="{value}" selected' in page]
        assert chosen == ([selected] if selected else [])


@pytest.mark.parametrize("value", ["unknown", "'\"><script>", "刑事" * 40])
def test_an_unknown_filter_value_is_explained_on_every_view_of_the_kept_form(client, case, value):
    client.get("/cases/")
    for _ in range(2):
        page = text(client, "/cases/?" + "category=" + value)
        assert "中没有“" in page and "已忽略该筛选条件" in page
        assert "<script>" not in page


def test_the_kept_site_settings_follow_a_change(client, site_tree):
    assert "永昌县人民政府 永昌县人民检察院" in text(client, "/cases/")
    identity = SiteSettings.for_site(site_tree["home"].get_site())
    identity.sponsor = "永昌县人民政府（府检联动）"
    identity.save()
    assert "永昌县人民政府（府检联动）" in text(client, "/cases/")


def test_each_language_keeps_its_own_route(client, demo_site):
    for _ in range(2):  # routed, then from the kept route
        chinese, english = client.get("/"), client.get("/en/")
        assert chinese["Content-Language"] == "zh-hans" and english["Content-Language"] == "en"
        assert '<html lang="zh-Hans"' in chinese.content.decode()
        assert '<html lang="en"' in english.content.decode()
        assert chinese.content != english.content
