"""Template helpers used across the site: Chinese dates, navigation, breadcrumbs, QR code."""

import segno
from django import template
from django.conf import settings
from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from wagtail.models import Page, Site

register = template.Library()


@register.filter
def cn_date(value):
    """2026年3月26日 (Asia/Shanghai), the form Chinese government sites use."""
    if not value:
        return ""
    if hasattr(value, "hour") and timezone.is_aware(value):
        value = timezone.localtime(value)
    return f"{value.year}年{value.month}月{value.day}日"


@register.filter
def cn_datetime(value):
    """2026年3月26日 14:05 (Asia/Shanghai)."""
    if not value:
        return ""
    value = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{cn_date(value)} {value:%H:%M}"


EN_MONTHS = "January February March April May June July August September October November December".split()


@register.filter
def local_date(value):
    """The date as readers of the page's language write it: 2026年3月26日, 26 March 2026,
    སྤྱི་ལོ་2026 ཟླ་3 ཚེས་26 (Asia/Shanghai in every language)."""
    if not value:
        return ""
    if hasattr(value, "hour") and timezone.is_aware(value):
        value = timezone.localtime(value)
    language = translation.get_language() or settings.LANGUAGE_CODE
    if language.startswith("en"):
        return f"{value.day} {EN_MONTHS[value.month - 1]} {value.year}"
    if language.startswith("bo"):
        return f"སྤྱི་ལོ་{value.year} ཟླ་{value.month} ཚེས་{value.day}"
    return cn_date(value)


@register.simple_tag
def shared_name_lang():
    """` lang="zh-Hans"` for names kept in Chinese in every language (taxonomies, release batches,
    units) when the page is English or Tibetan, so readers and screen readers know."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    return "" if language.startswith("zh") else mark_safe(' lang="zh-Hans"')


@register.filter
def iso_date(value):
    if not value:
        return ""
    if hasattr(value, "hour") and timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.strftime("%Y-%m-%d")


def _home_for(request):
    """The home page in the reader's language (worked out once per request)."""
    if not hasattr(request, "_fjld_home"):
        site = Site.find_for_request(request)
        request._fjld_home = site.root_page.localized.specific_deferred if site is not None else None
    return request._fjld_home


def menu_entries(request) -> dict:
    """The home page (url, id) and the menu's columns (title, url, tree path) in the reader's
    language (the header that shows them is a kept fragment: base.html)."""
    home = _home_for(request)
    if home is None:
        return {"home": None, "columns": []}
    menu = home.menu_with_originals() if hasattr(home, "menu_with_originals") else []
    return {
        "home": (home.get_url(request), home.pk),
        "columns": [(column.title, column.get_url(request), column.path) for column, _chinese in menu],
        "in_chinese": [column.path for column, chinese in menu if chinese],  # shown untranslated
    }


@register.inclusion_tag("components/main_nav.html", takes_context=True)
def main_nav(context):
    """首页 · the home page's menu columns · 搜索, with aria-current on the reader's column."""
    request = context["request"]
    menu = menu_entries(request)
    current = context.get("page")
    current_path = current.path if isinstance(current, Page) else ""
    items = []
    for title, url, path in menu["columns"]:
        state = ""
        if current_path == path:
            state = "page"
        elif current_path.startswith(path):
            state = "true"
        items.append({"title": title, "url": url, "current": state, "in_chinese": path in menu["in_chinese"]})
    home_url, home_pk = menu["home"] or (None, None)
    return {
        "home_url": home_url,
        "items": items,
        "is_home": bool(home_pk and isinstance(current, Page) and current.pk == home_pk),
        "search_active": context.get("search_page", False),
    }


def _page_languages(context) -> list[dict]:
    """The live language versions of the current page (worked out once per request)."""
    request = context["request"]
    cached = getattr(request, "_fjld_page_languages", None)
    if cached is not None:
        return cached
    page = context.get("page")

    def work_out():
        translations = page.get_translations(inclusive=True).live().select_related("locale")
        return [
            {
                "code": t.locale.language_code,
                "name": t.locale.get_display_name(),
                "url": t.get_url(request),
                "full_url": t.get_full_url(request),
                "current": t.pk == page.pk,
            }
            for t in translations.order_by("locale_id")
        ]

    languages = work_out() if isinstance(page, Page) else []
    request._fjld_page_languages = languages
    return languages


@register.inclusion_tag("components/language_links.html", takes_context=True)
def language_links(context):
    """The switcher: only the languages this page exists in, the current one marked."""
    languages = _page_languages(context)
    return {"languages": languages if len(languages) > 1 else []}


@register.inclusion_tag("components/hreflang.html", takes_context=True)
def hreflang_links(context):
    """<link rel="alternate" hreflang> for every language version of the page."""
    languages = _page_languages(context)
    return {"languages": languages if len(languages) > 1 else []}


@register.inclusion_tag("components/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page=None, current_title=None):
    """当前位置: 首页 / column / … / this page."""
    trail = []
    if page is not None and page.depth > 2:
        trail = [
            {"url": a.url, "depth": a.depth, "title": a.title}
            for a in page.get_ancestors().filter(depth__gte=2)
        ]
    return {
        "home": _home_for(context["request"]) if page is None else None,
        "trail": trail,
        "page": page,
        "current_title": current_title or (page.title if page else ""),
    }


@register.inclusion_tag("components/page_qr.html", takes_context=True)
def page_qr(context):
    """扫一扫在手机打开当前页: the page's canonical address (its path, never the query a visitor
    typed) as a QR code in a data URI. An address too long for a QR code gives no code, never an
    error."""
    request = context["request"]
    url = request.build_absolute_uri(request.path)
    return {"url": url, "data_uri": qr_data_uri(url)}


QR_CACHE_SECONDS = 7 * 24 * 3600


def qr_data_uri(url: str) -> str:
    """The QR code of an address, encoded once and kept in the cache (~10 ms each time otherwise)."""
    import hashlib

    from django.core.cache import cache

    key = "fjld:qr:" + hashlib.sha256(url.encode()).hexdigest()
    cached = cache.get(key)
    if cached is not None:
        return cached
    try:
        data_uri = segno.make(url, error="m").svg_data_uri(scale=3, border=2, dark="#1a1a1a")
    except (segno.DataOverflowError, ValueError):
        data_uri = ""
    cache.set(key, data_uri, QR_CACHE_SECONDS)
    return data_uri


@register.filter
def alt_text(image) -> str:
    """An image's default 替代文字: its title, never a file name (home/alt_text.py)."""
    from home.alt_text import alt_for

    return alt_for(image) if image else ""


@register.filter
def get_item(mapping, key):
    return mapping.get(key, "") if mapping else ""


@register.simple_tag(takes_context=True)
def error_report_href(context, identity) -> str:
    """我为政府网站找错 for this page (its address without the query)."""
    request = context.get("request")
    page_url = request.build_absolute_uri(request.path) if request is not None else ""
    return identity.error_report_link(page_url) if identity else ""


SHARE_DESCRIPTION_LENGTH = 120


def _page_description(page) -> str:
    from django.utils.html import strip_tags
    from django.utils.text import Truncator

    text = (
        page.search_description
        or getattr(page, "summary", "")
        or strip_tags(getattr(page, "intro", "") or "")
    )
    return Truncator(" ".join(str(text).split())).chars(SHARE_DESCRIPTION_LENGTH)


@register.inclusion_tag("components/page_meta.html", takes_context=True)
def page_meta(context):
    """What search engines and WeChat read: description, canonical address (a column's, without
    its filters), and Open Graph title, description and image (the page's own picture, else the
    site's share image)."""
    from django.templatetags.static import static

    request, page = context["request"], context.get("page")
    identity = context.get("identity")
    site_name = identity.site_name if identity is not None else settings.WAGTAIL_SITE_NAME
    if page is not None and getattr(page, "pk", None):
        canonical = page.get_full_url(request) or request.build_absolute_uri(request.path)
        title, description = page.seo_title or page.title, _page_description(page)
    else:
        canonical, title, description = (
            request.build_absolute_uri(request.path),
            context.get("meta_title", ""),
            "",
        )
    description = description or site_name
    image = getattr(page, "image", None) if page is not None else None
    if image is not None and hasattr(image, "get_rendition"):
        image_url = request.build_absolute_uri(image.get_rendition("fill-1200x630").url)
    else:
        image_url = request.build_absolute_uri(static("img/share.png"))
    return {
        "canonical": canonical,
        "title": title or site_name,
        "description": description,
        "image_url": image_url,
        "site_name": site_name,
        "kind": "article" if page is not None and page.depth > 3 else "website",
    }
