import pytest

from tests import factories

pytestmark = pytest.mark.django_db


def test_sitemap_lists_public_pages_and_never_internal_ones(client, site_tree):
    document = factories.PolicyDocumentPageFactory(parent=site_tree["disclosures"], slug="public-doc")
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    xml = response.content.decode()
    assert "<loc>http://testserver/</loc>" in xml
    assert "<loc>http://testserver/campaigns/</loc>" in xml
    assert f"<loc>http://testserver{document.url}</loc>" in xml
    assert "/internal/" not in xml


def test_sitemap_includes_translations_with_their_alternates_and_no_forms(client, site_tree):
    from home.demo_tools import translate_page

    home = site_tree["home"]
    translate_page(home, "en", {home.title: "Home", home.intro: "Intro"})
    form = factories.FormPageFactory(parent=site_tree["campaigns"], slug="consult")
    xml = client.get("/sitemap.xml").content.decode()
    assert "<loc>http://testserver/en/</loc>" in xml
    assert 'xmlns:xhtml="http://www.w3.org/1999/xhtml"' in xml
    assert '<xhtml:link rel="alternate" hreflang="en" href="http://testserver/en/"' in xml
    assert '<xhtml:link rel="alternate" hreflang="zh-hans" href="http://testserver/"' in xml
    assert form.url not in xml  # a form answers noindex: not in the sitemap either
    html = client.get(form.url).content.decode()
    assert '<meta name="robots" content="noindex">' in html


def test_robots_txt_points_to_sitemap_and_keeps_crawlers_out_of_private_paths(client, site_tree):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert "Disallow: /admin/" in body
    assert "Disallow: /internal/" in body
    assert "Disallow: /en/search/" in body and "Disallow: /bo/search/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body


def test_pages_carry_sharing_and_canonical_metadata(client, site_tree):
    case = factories.CaseExamplePageFactory(
        parent=site_tree["cases"], title="李某帮助信息网络犯罪活动案", gist="出租银行卡供他人接收诈骗资金。"
    )
    html = client.get(case.url).content.decode()
    assert f'<link rel="canonical" href="http://testserver{case.url}">' in html
    assert '<meta property="og:title" content="李某帮助信息网络犯罪活动案">' in html
    assert '<meta property="og:type" content="article">' in html
    assert '<meta property="og:image" content="http://testserver/static/img/share.png">' in html
    assert '<meta name="description" content="' in html
    listing = client.get("/cases/?year=2026&page=1").content.decode()
    assert '<link rel="canonical" href="http://testserver/cases/">' in listing  # not the filtered view
    assert 'action="/cases/"' in listing and 'action=""' not in listing


def test_atom_feeds_name_an_author(client, site_tree):
    factories.CaseExamplePageFactory(parent=site_tree["cases"])
    atom = client.get("/cases/feed/atom/").content.decode()
    assert "<author><name>永昌县人民政府 永昌县人民检察院</name></author>" in atom


def test_a_translation_shows_when_the_original_was_published(site_tree):
    import datetime

    from django.utils import timezone
    from wagtail.models import Page

    from home.demo_tools import translate_page

    home = site_tree["home"]
    original = timezone.make_aware(datetime.datetime(2025, 6, 1, 9, 0))
    Page.objects.filter(pk=home.pk).update(first_published_at=original)
    home.refresh_from_db()
    english = translate_page(home, "en", {home.title: "Home", home.intro: "Intro"})
    english.refresh_from_db()
    assert english.first_published_at == original
