"""Chinese search finds words inside sentences (on SQLite and PostgreSQL: the suite runs on both)."""

import pytest

from disclosures.models import DisclosureMode
from tests.factories import CampaignPageFactory, CaseExamplePageFactory, PolicyDocumentPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def content(site_tree):
    return {
        "fraud": CaseExamplePageFactory(
            parent=site_tree["cases"],
            title="李某帮助信息网络犯罪活动案",
            gist="出租银行卡供他人实施电信网络诈骗犯罪活动的，构成帮助信息网络犯罪活动罪。",
            keywords="帮信罪",
        ),
        "suggestion": CaseExamplePageFactory(
            parent=site_tree["cases"],
            title="督促整治河道非法采砂案",
            gist="检察机关依法向行政机关制发检察建议督促整改，并提起行政公益诉讼。",
            keywords="河长制",
            facts="<p>某河段有人非法采砂。</p>",
        ),
        "minors": CampaignPageFactory(
            parent=site_tree["campaigns"],
            title="护苗法治课",
            summary="法治副校长走进课堂，讲授加强未成年人保护的法律知识。",
            body=[("paragraph", "<p>学校落实强制报告制度。</p>")],
        ),
        "withheld": PolicyDocumentPageFactory(
            parent=site_tree["disclosures"],
            title="关于联席会议的通知",
            disclosure_mode=DisclosureMode.ON_REQUEST,
            body=[("paragraph", "<p>依申请公开的正文写着秘密词语锦囊妙计。</p>")],
        ),
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("诈骗", "fraud"),
        ("电信网络诈骗", "fraud"),
        ("检察建议", "suggestion"),
        ("公益诉讼", "suggestion"),
        ("未成年人", "minors"),
        ("强制报告", "minors"),
    ],
)
def test_words_inside_longer_sentences_are_found(client, content, query, expected):
    html = client.get("/search/", {"q": query}).content.decode()
    assert f'href="{content[expected].url}"' in html
    others = {k: v for k, v in content.items() if k not in (expected, "withheld")}
    for other in others.values():
        if query not in (other.title + other.search_text()):
            assert f'href="{other.url}"' not in html


def test_results_quote_the_real_text_with_the_words_marked(client, content):
    html = client.get("/search/", {"q": "电信网络诈骗"}).content.decode()
    assert "实施<mark>电信网络诈骗</mark>犯罪活动" in html
    assert "电信 网络 诈骗" not in html  # never the segmented index text


def test_on_request_document_text_is_never_searchable(client, content):
    html = client.get("/search/", {"q": "锦囊妙计"}).content.decode()
    assert "关于联席会议的通知" not in html
    assert "没有找到" in html


def test_search_within_one_column(client, content):
    html = client.get("/search/", {"q": "法治", "section": "campaigns"}).content.decode()
    assert "护苗<mark>法治</mark>课" in html
    html = client.get("/search/", {"q": "法治", "section": "cases"}).content.decode()
    assert "护苗<mark>法治</mark>课" not in html


def test_unknown_column_and_injected_html_are_handled(client, content):
    response = client.get("/search/", {"q": "<img src=x onerror=alert(1)>诈骗", "section": "<b>nope</b>"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<img src=x" not in html and "<b>nope</b>" not in html
    assert "已在全部栏目中搜索" in html


def test_admin_search_finds_chinese_words_too(client, content):
    from tests.factories import UserFactory

    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    # the admin's page search matches titles: a word inside one is found
    html = client.get("/admin/pages/search/", {"q": "采砂"}).content.decode()
    assert "督促整治河道非法采砂案" in html
    assert "李某帮助信息网络犯罪活动案" not in html


@pytest.mark.usefixtures("nothing_kept")
def test_search_query_count_is_constant(client, site_tree):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count():
        client.get("/search/", {"q": "诈骗"})
        with CaptureQueriesContext(connection) as ctx:
            client.get("/search/", {"q": "诈骗"})
        return len(ctx)

    for _ in range(3):
        CaseExamplePageFactory(parent=site_tree["cases"], gist="电信网络诈骗犯罪。")
    few = count()
    for _ in range(20):
        CaseExamplePageFactory(parent=site_tree["cases"], gist="电信网络诈骗犯罪。")
    assert count() == few


def test_many_hits_are_listed_newest_first(client, site_tree, monkeypatch):
    """Past RELEVANCE_LIMIT hits the results come newest first (relevance ranking is slow there)."""
    import datetime

    from wagtail.models import Page

    from home.search import views

    older = CaseExamplePageFactory(parent=site_tree["cases"], title="较早的诈骗案", gist="电信网络诈骗。")
    newer = CaseExamplePageFactory(parent=site_tree["cases"], title="较新的诈骗案", gist="电信网络诈骗。")
    Page.objects.filter(pk=older.pk).update(
        first_published_at=datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC)
    )
    Page.objects.filter(pk=newer.pk).update(
        first_published_at=datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    )
    monkeypatch.setattr(views, "RELEVANCE_LIMIT", 1)
    html = client.get("/search/", {"q": "电信网络诈骗"}).content.decode()
    assert html.index("较新的") < html.index("较早的")


def test_a_shorter_way_of_saying_a_long_word_finds_it(client, content):
    """Sub-words on both sides: 电信诈骗 finds the text that says 电信网络诈骗, even with no synonyms."""
    from home.models import SearchSynonym

    SearchSynonym.objects.all().delete()
    html = client.get("/search/", {"q": "电信诈骗"}).content.decode()
    assert f'href="{content["fraud"].url}"' in html
    assert "<mark>电信</mark>网络<mark>诈骗</mark>" in html  # the pieces found are marked


def test_synonyms_from_the_admin_widen_the_search(client, content, site_tree, admin_client):
    from tests.factories import CaseExamplePageFactory

    market = CaseExamplePageFactory(
        parent=site_tree["cases"], title="督促整治校园周边食品安全案", gist="县市场监督管理局开展专项检查。"
    )
    html = client.get("/search/", {"q": "市场监管"}).content.decode()
    assert f'href="{market.url}"' in html  # 市场监管 ↔ 市场监督管理, in the seeded list
    assert f'href="{content["fraud"].url}"' not in html

    assert f'href="{content["suggestion"].url}"' not in client.get("/search/", {"q": "采沙"}).content.decode()
    response = admin_client.post(
        "/admin/snippets/home/searchsynonym/add/", {"terms": "采沙、采砂", "note": "错别字"}
    )
    assert response.status_code == 302
    html = client.get("/search/", {"q": "采沙"}).content.decode()
    assert f'href="{content["suggestion"].url}"' in html  # at once, no re-indexing
    refused = admin_client.post(
        "/admin/snippets/home/searchsynonym/add/", {"terms": "单独一个词", "note": ""}
    )
    assert refused.status_code == 200 and "至少要有两个词" in refused.content.decode()


def test_nothing_found_suggests_related_and_popular_searches(client, content):
    client.get("/search/", {"q": "公益诉讼"})  # found something: counted
    client.get("/search/", {"q": "公益诉讼"})
    html = client.get("/search/", {"q": "电诈宣传月活动"}).content.decode()
    assert "没有找到" in html
    assert "你可以试试" in html and "电信网络诈骗" in html  # the synonyms of what was typed
    assert "大家常搜" in html and "公益诉讼" in html
    from home.models import SearchTerm

    assert not SearchTerm.objects.filter(term="电诈宣传月活动").exists()  # only searches that found something


@pytest.mark.parametrize("word, expected", [("诈骗", 1), ("检察建议", 1), ("法治", 1), ("不存在的词", 0)])
def test_the_hit_count_is_exact_and_leaves_the_planner_as_it_was(content, word, expected):
    from django.db import connection
    from wagtail.models import Page

    from home.search.views import count_hits

    results = Page.objects.live().public().search(word, order_by_relevance=False)
    assert count_hits(results) == results.count() == expected
    if connection.vendor == "postgresql":  # the bitmap-only planner settings ended with the count
        with connection.cursor() as cursor:
            cursor.execute("SELECT current_setting('enable_seqscan'), current_setting('enable_indexscan')")
            assert cursor.fetchone() == ("on", "on")


def test_postgresql_has_the_gin_index_wagtails_all_field_search_matches(db):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("SQLite searches with FTS5")
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'fjld_search_title_body_gin'")
        (definition,) = cursor.fetchone()
    assert "gin" in definition and "(title || body)" in definition
