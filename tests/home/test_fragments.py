"""The fragments every anonymous reader shares (home/caching/): with the page cache off, as the
served "cache off" figures run, the header, footer, a column's list, home's columns and a case's
article are kept under the site's generation. Each change a visitor could see renews them; nothing
rendered for a logged-in reader is kept; a change made behind the signals shows when they expire."""

import datetime

import pytest
import time_machine
from django.core.cache import caches
from django.test import override_settings
from wagtail.models import PageViewRestriction

from campaigns.models import CaseBatch, LegalArea
from home.models import SiteSettings
from tests.factories import CampaignPageFactory, CaseExamplePageFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fragments_only():
    with override_settings(PAGE_CACHE_SECONDS=0, FRAGMENT_CACHE_SECONDS=300):
        yield


@pytest.fixture
def case(site_tree):
    return CaseExamplePageFactory(parent=site_tree["cases"], title="李某帮助信息网络犯罪活动案", slug="li")


def text(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    assert "X-Page-Cache" not in response  # fragments only
    return response.content.decode()


def kept_fragments() -> int:
    """Fragments a reader could be served now (locmem keeps an entry set for 0 seconds as expired)."""
    import time

    cache = caches["default"]
    return sum(
        1 for key, expiry in cache._expire_info.items() if "template.cache" in key and expiry > time.time()
    )


def test_a_second_view_renders_from_the_kept_fragments(client, case):
    for url in ("/", "/cases/", "/cases/?category=criminal", case.url):
        first = text(client, url)
        assert text(client, url) == first
    assert kept_fragments() >= 8


def test_an_edit_shows_at_once_in_the_article_the_list_and_home(client, case):
    for url in (case.url, "/cases/", "/"):
        client.get(url)
    case.title = "李某出租银行卡帮信案"
    case.gist = "出租、出售银行卡供他人转移诈骗资金的，以帮助信息网络犯罪活动罪追究刑事责任。"
    case.save_revision().publish()
    page = text(client, case.url)
    assert "李某出租银行卡帮信案" in page and "供他人转移诈骗资金" in page
    assert "李某出租银行卡帮信案" in text(client, "/cases/")
    assert "李某出租银行卡帮信案" in text(client, "/")


def test_a_slug_change_and_an_unpublish_show_at_once(client, case):
    assert "李某帮助信息网络犯罪活动案" in text(client, "/cases/li/")
    case.slug = "li-2026"
    case.save_revision().publish()
    assert client.get("/cases/li/").status_code == 404
    assert "李某帮助信息网络犯罪活动案" in text(client, "/cases/li-2026/")
    case.unpublish()
    assert client.get("/cases/li-2026/").status_code == 404
    assert "李某帮助信息网络犯罪活动案" not in text(client, "/cases/")


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


def test_a_page_made_private_leaves_the_list_and_the_menu_at_once(client, site_tree, case):
    assert "李某帮助信息网络犯罪活动案" in text(client, "/cases/")
    restriction = PageViewRestriction.objects.create(page=case, restriction_type=PageViewRestriction.LOGIN)
    assert "李某帮助信息网络犯罪活动案" not in text(client, "/cases/")
    response = client.get(case.url)
    assert response.status_code == 302 and "/login" in response["Location"]
    PageViewRestriction.objects.create(page=site_tree["cases"], restriction_type=PageViewRestriction.LOGIN)
    assert 'href="/cases/"' not in text(client, "/campaigns/")  # nor in the menu
    restriction.delete()


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
def test_an_unknown_filter_value_is_explained_on_every_view(client, case, value):
    client.get("/cases/")
    for _ in range(2):
        page = text(client, "/cases/?" + "category=" + value)
        assert "中没有“" in page and "已忽略该筛选条件" in page
        assert "<script>" not in page


def test_the_site_settings_and_a_taxonomy_follow_a_change(client, site_tree, case):
    assert "永昌县人民政府 永昌县人民检察院" in text(client, "/cases/")
    identity = SiteSettings.for_site(site_tree["home"].get_site())
    identity.sponsor = "永昌县人民政府（府检联动）"
    identity.save()
    assert "永昌县人民政府（府检联动）" in text(client, "/cases/")
    area = LegalArea.objects.create(name="电信网络诈骗", slug="telecom-fraud")
    assert "电信网络诈骗" in text(client, "/campaigns/")  # a filter's choice
    area.name = "电信网络诈骗防范"
    area.save()
    assert "电信网络诈骗防范" in text(client, "/campaigns/")


def test_a_change_behind_the_signals_shows_once_the_fragments_expire(client, case):
    client.get(case.url)
    CaseBatch.objects.filter(pk=case.batch_id).update(issuing_units="永昌县人民检察院（直接改库）")
    assert "直接改库" not in text(client, case.url)  # kept, as the design says
    later = datetime.datetime.now(datetime.UTC) + datetime.timedelta(seconds=301)
    with time_machine.travel(later):
        assert "直接改库" in text(client, case.url)


def test_nothing_rendered_for_a_logged_in_reader_is_kept(client, case):
    client.force_login(UserFactory(groups=["宣传人员"]))
    for url in ("/", "/cases/", case.url):
        client.get(url)
    assert kept_fragments() == 0
    client.logout()
    text(client, case.url)
    assert kept_fragments() > 0


def test_each_language_renders_its_own_page(client, demo_site):
    for _ in range(2):
        chinese, english = client.get("/"), client.get("/en/")
        assert chinese["Content-Language"] == "zh-hans" and english["Content-Language"] == "en"
        assert '<html lang="zh-Hans"' in chinese.content.decode()
        assert '<html lang="en"' in english.content.decode()
        assert chinese.content != english.content
