"""English and Tibetan pages are in their language: a crawl of /en/ and /bo/ over the demo site finds
no Chinese in the chrome (title, header, toolbar, navigation, breadcrumbs, footer), and any Chinese
left elsewhere (content not translated yet: taxonomy names, 备案 numbers) is marked lang="zh-Hans"."""

import re
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
CHROME = ["title", "header.site-header", "nav.main-nav", "nav.breadcrumbs", "footer.site-footer"]
# Chinese that stays Chinese on purpose: the 备案 numbers as issued, the emblem (decorative), the
# names of the languages in the switcher (each in its own language), and a menu column not yet in
# this language, named in Chinese, marked so and followed by "(in Chinese)".
KEPT_CHINESE = [".record-number", "[aria-hidden=true]", ".language-links [lang]", ".main-nav [lang=zh-Hans]"]
TEXT_ATTRIBUTES = ("alt", "aria-label", "placeholder", "title", "content")
MAX_PAGES = 80

pytestmark = pytest.mark.django_db


def marked_chinese(element) -> bool:
    """Inside an element that says it is Chinese."""
    for node in [element, *element.parents]:
        lang = getattr(node, "attrs", {}).get("lang", "") if hasattr(node, "attrs") else ""
        if lang:
            return lang.lower().startswith("zh")
    return False


def unmarked_chinese(soup) -> list[str]:
    found = []
    for text in soup.find_all(string=CJK):
        if text.parent.name not in {"script", "style"} and not marked_chinese(text.parent):
            found.append(text.strip()[:60])
    for element in soup.find_all(True):
        for name in TEXT_ATTRIBUTES:
            value = element.attrs.get(name, "")
            if isinstance(value, str) and CJK.search(value) and not marked_chinese(element):
                if element.name == "meta" and element.attrs.get("name") not in {"description"}:
                    if element.attrs.get("property", "").startswith("og:") is False:
                        continue
                found.append(f"{element.name}[{name}]={value[:60]}")
    return found


def chinese_in_chrome(soup) -> list[str]:
    for selector in KEPT_CHINESE:
        for element in soup.select(selector):
            element.decompose()
    found = []
    for selector in CHROME:
        for region in soup.select(selector):
            found += [f"{selector}: {t.strip()[:60]}" for t in region.find_all(string=CJK)]
            found += [
                f"{selector} {el.name}[{name}]"
                for el in region.find_all(True)
                for name in TEXT_ATTRIBUTES
                if CJK.search(str(el.attrs.get(name, "")))
            ]
    return found


def crawl(client, start: str):
    """Every page reachable from `start` without leaving its language prefix."""
    prefix = start
    queue = [start, f"{prefix}search/?q=fraud", f"{prefix}sitemap/", f"{prefix}no-such-page/"]
    queue += [
        f"{prefix}information-requests/apply/",
        f"{prefix}information-requests/status/",
    ]
    seen = set()
    while queue and len(seen) < MAX_PAGES:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        if not response["Content-Type"].startswith("text/html"):
            continue
        html = response.content.decode()
        yield url, response.status_code, html
        for link in BeautifulSoup(html, "html.parser").find_all("a", href=True):
            target = urljoin(url, link["href"])
            parts = urlsplit(target)
            path = parts.path + (f"?{parts.query}" if parts.query else "")
            if parts.netloc not in {"", "testserver"} or not parts.path.startswith(prefix):
                continue
            if "/feed/" in path or "/data." in path or "/preferences/" in path:
                continue
            queue.append(path)


@pytest.mark.parametrize("prefix", ["/en/", "/bo/"])
def test_translated_pages_have_no_chinese_chrome_and_mark_what_chinese_is_left(client, demo_site, prefix):
    pages = list(crawl(client, prefix))
    assert len(pages) >= 5, [url for url, *_ in pages]
    problems = {}
    for url, status, html in pages:
        assert status in {200, 404}, (url, status)
        soup = BeautifulSoup(html, "html.parser")
        assert soup.html["lang"] == prefix.strip("/"), url
        unmarked = unmarked_chinese(soup)
        chrome = chinese_in_chrome(soup)
        if unmarked or chrome:
            problems[url] = {"unmarked": unmarked[:5], "chrome": chrome[:5]}
    assert not problems, problems


def test_dates_follow_the_language(client, demo_site):
    english = client.get("/en/campaigns/").content.decode()
    tibetan = client.get("/bo/campaigns/").content.decode()
    chinese = client.get("/campaigns/").content.decode()
    assert re.search(
        r">\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) 20\d\d<",
        english,
    )
    assert re.search(r">སྤྱི་ལོ་20\d\d ཟླ་\d{1,2} ཚེས་\d{1,2}<", tibetan)
    assert re.search(r">20\d\d年\d{1,2}月\d{1,2}日<", chinese)


def test_columns_without_items_in_a_language_show_in_chinese_in_its_menu_and_leave_its_home(
    client, demo_site
):
    """The demo has English campaigns but no English cases or disclosures yet: the English menu still
    leads to them, in Chinese and saying so; the English home page lists only what is in English."""
    home = BeautifulSoup(client.get("/en/").content.decode(), "html.parser")
    menu = [a.get_text(" ", strip=True) for a in home.select("nav.main-nav a")]
    assert menu == [
        "Home",
        "Legal education campaigns",
        "典型案例 (in Chinese)",
        "信息公开 (in Chinese)",
        "Search",
    ]
    for link in home.select("nav.main-nav a[hreflang=zh-Hans]"):
        assert link["href"] in {"/cases/", "/disclosures/"} and link.select_one("[lang=zh-Hans]")
    tibetan = BeautifulSoup(client.get("/bo/").content.decode(), "html.parser")
    assert "（རྒྱ་ཡིག）" in tibetan.select_one("nav.main-nav").get_text()
    assert [h.get_text(strip=True) for h in home.select(".columns h2")] == ["Legal education campaigns"]
    assert "This section has nothing yet." not in home.get_text()
    # the column itself still answers, and points to the Chinese items
    cases = BeautifulSoup(client.get("/en/cases/").content.decode(), "html.parser")
    link = cases.select_one(".notice a[hreflang=zh-Hans]")
    assert link["href"] == "/cases/" and "24" in link.get_text()
    # the Chinese site keeps every column
    chinese_menu = [
        a.get_text(strip=True)
        for a in BeautifulSoup(client.get("/").content.decode(), "html.parser").select("nav.main-nav a")
    ]
    assert {"典型案例", "信息公开"} <= set(chinese_menu)


def test_site_identity_falls_back_to_chinese_marked_as_such(client, demo_site):
    from home.models import SiteSettings

    identity = SiteSettings.for_site(demo_site)
    identity.identity_translations.filter(language="en").update(organiser="")
    soup = BeautifulSoup(client.get("/en/").content.decode(), "html.parser")
    organiser = soup.find("dt", string="Operated by").find_next_sibling("dd")
    assert organiser["lang"] == "zh-Hans" and CJK.search(organiser.get_text())
    sponsor = soup.find("dt", string="Run by").find_next_sibling("dd")
    assert "lang" not in sponsor.attrs and "Yongchang" in sponsor.get_text()


def settings_form_data(page) -> dict:
    """What the settings form posts back unchanged (fields and every inline)."""
    form = page.context["form"]
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        data[name] = "" if value is None else getattr(value, "pk", value)
    for formset in form.formsets.values():
        for key, value in formset.management_form.initial.items():
            data[f"{formset.prefix}-{key}"] = value
        for index, inline in enumerate(formset.forms):
            for name in inline.fields:
                value = inline.initial.get(name, "")
                data[f"{inline.prefix}-{name}"] = "" if value is None else getattr(value, "pk", value)
            data[f"{inline.prefix}-id"] = inline.instance.pk
            data[f"{inline.prefix}-ORDER"] = index + 1
            data[f"{inline.prefix}-DELETE"] = ""
    return {key: value for key, value in data.items() if value is not False}


def inline_prefix(page, language: str) -> str:
    forms = page.context["form"].formsets["identity_translations"].forms
    return next(f.prefix for f in forms if f.initial["language"] == language)


@pytest.fixture
def settings_page(client, demo_site):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.create_superuser("root", "root@example.gov.cn", "x"))
    url = f"/admin/settings/home/sitesettings/{demo_site.pk}/"
    page = client.get(url)
    assert page.status_code == 200 and "外文版页头页脚" in page.content.decode()
    return url, page


def test_staff_translate_the_header_and_footer_in_the_settings(client, demo_site, settings_page):
    """站点标识与页脚 → 外文版页头页脚: an inline per language, saved with the settings."""
    from home.models import SiteSettings

    url, page = settings_page
    data = settings_form_data(page)
    data[f"{inline_prefix(page, 'en')}-site_name"] = "Yongchang Law and Openness"
    response = client.post(url, data)
    assert response.status_code == 302
    assert SiteSettings.for_site(demo_site).localized("en").site_name == "Yongchang Law and Openness"
    assert "<title>Home - Yongchang Law and Openness</title>" in client.get("/en/").content.decode()


def test_two_translations_for_one_language_are_refused_with_a_message(client, demo_site, settings_page):
    from home.models import SiteIdentityTranslation

    url, page = settings_page
    data = settings_form_data(page)
    data[f"{inline_prefix(page, 'bo')}-language"] = "en"
    response = client.post(url, data)
    assert response.status_code == 200
    assert "重复" in response.content.decode()
    assert SiteIdentityTranslation.objects.filter(language="bo").exists()
