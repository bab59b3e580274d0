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


def test_sitemap_includes_translations(client, site_tree):
    from home.demo_tools import translate_page

    home = site_tree["home"]
    translate_page(home, "en", {home.title: "Home", home.intro: "Intro"})
    assert "<loc>http://testserver/en/</loc>" in client.get("/sitemap.xml").content.decode()


def test_robots_txt_points_to_sitemap_and_keeps_crawlers_out_of_private_paths(client, site_tree):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert "Disallow: /admin/" in body
    assert "Disallow: /internal/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body
