"""Every public page answers in at most QUERY_BUDGET queries, as production renders it when the page
cache does not have it (its shared fragments kept, home/caching/; PAGE_CACHE_SECONDS off).
The rate-limit counters are not counted: they are a cache (Redis in production; a table only on a
single machine without Redis, as in this suite)."""

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from tests.public_pages import public_urls

pytestmark = pytest.mark.django_db
QUERY_BUDGET = 15


@pytest.fixture(autouse=True)
def page_cache_off():
    with override_settings(PAGE_CACHE_SECONDS=0):
        yield


def test_every_public_page_stays_within_the_query_budget(client, demo_site):
    over = {}
    for url in public_urls(demo_site, languages=True):
        client.get(url)  # the first view fills the kept fragments (the menu, the list)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code in (200, 404), url
        if len(content_queries(queries)) > QUERY_BUDGET:
            over[url] = len(content_queries(queries))
    assert not over, over


def content_queries(queries) -> list[str]:
    """The queries of the page, without the rate limiter's cache table and its transactions."""
    sql = [q["sql"] for q in queries.captured_queries]
    return [
        s for s in sql if "fjld_ratelimit" not in s and not s.upper().startswith(("SAVEPOINT", "RELEASE"))
    ]


def test_a_page_made_private_leaves_the_kept_listing_and_menu_at_once(client, site_tree):
    from wagtail.models import PageViewRestriction

    from tests.factories import CaseExamplePageFactory

    case = CaseExamplePageFactory(parent=site_tree["cases"], title="张某诈骗案")
    assert "张某诈骗案" in client.get("/cases/").content.decode()
    assert "典型案例" in client.get("/").content.decode()
    restriction = PageViewRestriction.objects.create(page=case, restriction_type=PageViewRestriction.LOGIN)
    assert "张某诈骗案" not in client.get("/cases/").content.decode()
    assert "张某诈骗案" not in client.get("/").content.decode()
    PageViewRestriction.objects.create(page=site_tree["cases"], restriction_type=PageViewRestriction.LOGIN)
    assert 'href="/cases/"' not in client.get("/campaigns/").content.decode()  # nor in the menu
    restriction.delete()


def test_kept_counts_pages_and_searches_change_with_the_next_publish(client, site_tree):
    from tests.factories import CaseExamplePageFactory

    first = CaseExamplePageFactory(parent=site_tree["cases"], title="赵某拒不支付劳动报酬案")
    assert "共 1 个案例" in client.get("/cases/").content.decode()
    assert "找到 1 条" in client.get("/search/", {"q": "劳动报酬"}).content.decode()
    second = CaseExamplePageFactory(parent=site_tree["cases"], title="钱某拒不支付劳动报酬案")
    second.save_revision().publish()
    listing = client.get("/cases/").content.decode()
    assert "共 2 个案例" in listing and "钱某拒不支付劳动报酬案" in listing
    assert "找到 2 条" in client.get("/search/", {"q": "劳动报酬"}).content.decode()
    first.unpublish()
    listing = client.get("/cases/").content.decode()
    assert "共 1 个案例" in listing and "赵某拒不支付劳动报酬案" not in listing
    found = client.get("/search/", {"q": "劳动报酬"}).content.decode()
    assert "找到 1 条" in found and "赵某拒不支付劳动报酬案" not in found


def test_a_foreign_host_is_refused_and_nothing_is_kept_for_it(client, site_tree):
    from django.core.cache import caches

    with override_settings(PAGE_CACHE_SECONDS=300):
        assert client.get("/cases/", HTTP_HOST="evil.example").status_code == 400
        assert not any("evil.example" in str(key) for key in caches["pages"]._cache)  # locmem's store
        assert client.get("/cases/").status_code == 200
