import pytest
from django.utils import translation

from tests import factories

pytestmark = pytest.mark.django_db


def test_home_page_shows_chinese_content_and_identity_footer(client, site_tree):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="zh-Hans"' in html
    for expected in [
        "主办单位",
        "永昌县人民政府 永昌县人民检察院",
        "承办单位",
        "网站标识码：6203210001",
        "陇ICP备12345678号-1",
        "甘公网安备 62032102000001号",
        "永昌县城关镇北海子路1号",
        "0935-7520000",
        "政务服务便民热线",
        "12345",
        "检察服务热线",
        "12309",
        "扫一扫在手机打开当前页",
    ]:
        assert expected in html, expected


def test_skip_link_landmarks_and_main_navigation(client, site_tree):
    html = client.get("/").content.decode()
    assert '<a class="skip-link" href="#main">跳到主要内容</a>' in html
    assert '<main id="main"' in html
    assert '<nav class="main-nav" aria-label="主导航">' in html
    assert "<footer" in html and "<header" in html
    # 首页 · 普法活动 · 典型案例 · 信息公开 · 搜索 ; never the internal column
    for title in ("普法活动", "典型案例", "信息公开", "搜索"):
        assert f">{title}</a>" in html
    assert ">内部工作</a>" not in html


def test_breadcrumbs_show_the_current_position(client, site_tree):
    document = factories.PolicyDocumentPageFactory(
        parent=site_tree["disclosures"], title="关于府检联动的实施办法"
    )
    html = client.get(document.url).content.decode()
    assert 'aria-label="当前位置"' in html
    assert '<a href="/">首页</a>' in html
    assert '<a href="/disclosures/">信息公开</a>' in html
    assert '<li aria-current="page">关于府检联动的实施办法</li>' in html


def test_qr_code_encodes_the_current_page(client, site_tree):
    html = client.get("/campaigns/?page=1").content.decode()
    assert 'alt="当前页面地址的二维码：http://testserver/campaigns/"' in html  # the page, not the query
    assert 'src="data:image/svg+xml' in html


def test_dates_are_written_the_chinese_way(client, site_tree):
    import datetime

    from home.templatetags.fjld import cn_date

    assert cn_date(datetime.date(2026, 3, 26)) == "2026年3月26日"
    aware = datetime.datetime(2026, 3, 25, 17, 30, tzinfo=datetime.UTC)  # 01:30 next day in Shanghai
    assert cn_date(aware) == "2026年3月26日"


def test_404_page_is_chinese_and_keeps_the_site_frame(client, site_tree):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "页面不存在" in html
    assert "主办单位" in html


def test_500_page_is_chinese_and_needs_no_database(rf, settings):
    from home.views import server_error

    settings.FORCE_SCRIPT_NAME = None
    response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "服务器暂时出现问题" in response.content.decode()


def test_listing_page_bad_page_number_gets_a_message_not_an_error(client, site_tree):
    for bad in ("abc", "0", "-3", "999"):
        response = client.get(f"/disclosures/?page={bad}")
        assert response.status_code == 200
        assert "已显示" in response.content.decode()


@pytest.mark.usefixtures("nothing_kept")
def test_listing_query_count_does_not_grow_with_items(client, site_tree):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/disclosures/").status_code == 200
        return len(ctx)

    factories.PolicyDocumentPageFactory(parent=site_tree["disclosures"])
    count()  # warm the per-process caches (site root paths)
    few = count()
    for _ in range(15):
        factories.PolicyDocumentPageFactory(parent=site_tree["disclosures"])
    assert count() == few


def test_search_messages_for_empty_and_overlong_queries(client, site_tree):
    empty = client.get("/search/?q=")
    assert empty.status_code == 200
    assert "请输入要查找的词语" in empty.content.decode()
    long = client.get("/search/", {"q": "诈" * 200})
    assert long.status_code == 400
    assert "搜索词过长" in long.content.decode()
    injected = client.get("/search/", {"q": "<script>alert(1)</script>"})
    assert injected.status_code == 200
    assert "<script>alert(1)</script>" not in injected.content.decode()


def test_search_finds_public_pages_only(client, site_tree):
    factories.PolicyDocumentPageFactory(parent=site_tree["disclosures"], title="府检联动联席会议制度")
    html = client.get("/search/", {"q": "府检联动联席会议制度"}).content.decode()
    assert "府检联动联席会议制度" in html


def test_display_preferences_set_cookies_and_classes(client, site_tree):
    response = client.get("/preferences/", {"font": "xlarge", "contrast": "high", "next": "/campaigns/"})
    assert response.status_code == 302
    assert response["Location"] == "/campaigns/"
    html = client.get("/campaigns/").content.decode()
    assert 'class="font-xlarge contrast-high"' in html
    assert 'aria-current="true" aria-label="特大字号">特大' in html


def test_display_preferences_refuse_foreign_redirects_and_bad_values(client, site_tree):
    response = client.get("/preferences/", {"font": "gigantic", "next": "https://evil.example/"})
    assert response["Location"] == "/"
    assert response.cookies["fjld_font"].value == "standard"


def test_other_locales_answer_with_their_language(client, site_tree, locales):
    from home.demo_tools import translate_page

    home = site_tree["home"]
    translate_page(
        home, "en", {home.title: "Legal education and disclosure", home.intro: "A joint platform."}
    )
    translate_page(home, "bo", {home.title: "ཁྲིམས་ལུགས་ཁྱབ་སྤེལ།", home.intro: "སྟེགས་བུ།"})
    en = client.get("/en/")
    assert en.status_code == 200
    assert '<html lang="en"' in en.content.decode()
    assert "Legal education and disclosure" in en.content.decode()
    bo = client.get("/bo/")
    assert bo.status_code == 200
    assert '<html lang="bo"' in bo.content.decode()
    assert "ཁྲིམས་ལུགས་ཁྱབ་སྤེལ།" in bo.content.decode()
    # the default language stays unprefixed, whatever the browser prefers
    zh = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert '<html lang="zh-Hans"' in zh.content.decode()
    # each language version links the others
    assert '<link rel="alternate" hreflang="bo" href="http://testserver/bo/">' in en.content.decode()
    assert '<link rel="alternate" hreflang="en" href="http://testserver/en/">' in bo.content.decode()
    translation.activate("zh-hans")


def test_the_footer_carries_the_identity_marks(client, site_tree):
    """政府网站发展指引: 网站地图, 我为政府网站找错 (with the site's code and this page), the 公安备案
    number linked to its record, and the 党政机关网站标识 only once the site has one."""
    import re
    from urllib.parse import parse_qs, urlsplit

    from django.core.files.base import ContentFile
    from wagtail.images import get_image_model
    from wagtail.models import Site

    from home.models import SiteSettings

    html = client.get("/cases/?year=2026").content.decode()
    assert 'href="/sitemap/"' in html and "网站地图" in html
    report = re.search(r'href="([^"]+)" rel="noopener">我为政府网站找错', html).group(1).replace("&amp;", "&")
    query = parse_qs(urlsplit(report).query)
    assert report.startswith("https://zfwzgl.www.gov.cn/exposure/jiucuo.html")
    assert query == {"site_code": ["6203210001"], "url": ["http://testserver/cases/"]}
    assert 'href="https://beian.mps.gov.cn/#/query/webSearch?code=62032102000001"' in html
    assert "党政机关网站标识" not in html  # off until the site has been given one

    from tests.home.test_backup import _png

    identity = SiteSettings.for_site(Site.objects.get())
    identity.party_government_mark = get_image_model().objects.create(
        title="党政机关标识", file=ContentFile(_png(), name="mark.png")
    )
    identity.party_government_mark_url = "https://bszs.conac.cn/sitename?method=show&id=0000"
    identity.error_report_url = "https://www.example.gov.cn/jiucuo/"
    identity.save()
    html = client.get("/").content.decode()
    assert 'alt="党政机关网站标识"' in html and "bszs.conac.cn" in html
    assert 'href="https://www.example.gov.cn/jiucuo/" rel="noopener">我为政府网站找错' in html


def test_the_html_sitemap_lists_the_public_columns_only(client, site_tree):
    """A fixed number of queries, however many items the columns hold."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import CaseExamplePageFactory

    def queries() -> int:
        client.get("/sitemap/")  # warm the per-process caches (site root paths, content types)
        with CaptureQueriesContext(connection) as captured:
            client.get("/sitemap/")
        return len(captured)

    CaseExamplePageFactory(parent=site_tree["cases"], title="公开的案例0")
    few = queries()
    for n in range(1, 12):
        CaseExamplePageFactory(parent=site_tree["cases"], title=f"公开的案例{n}")
    assert queries() == few
    html = client.get("/sitemap/").content.decode()
    assert "网站地图" in html and "公开的案例11" in html and site_tree["cases"].title in html
    assert site_tree["internal"].title not in html and "/internal/" not in html


def test_the_qr_code_is_encoded_once_per_address(client, site_tree, monkeypatch):
    import segno

    calls = []
    original = segno.make
    monkeypatch.setattr(segno, "make", lambda *a, **k: calls.append(a[0]) or original(*a, **k))
    for _ in range(3):
        client.get("/campaigns/")
    client.get("/campaigns/?page=1")  # the same page: its address without the query
    assert calls == ["http://testserver/campaigns/"]
