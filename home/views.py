from django.conf import settings
from django.db.models import Q
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET
from wagtail.contrib.sitemaps.sitemap_generator import Sitemap as WagtailSitemap
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap_view
from wagtail.models import Locale, Page

from home.preferences import PREFERENCE_COOKIES, PREFERENCE_MAX_AGE, SERVER_RENDERED, clean_preference


@require_GET
def robots_txt(request):
    prefix = settings.URL_PREFIX
    other_languages = [code for code, _ in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
    lines = [
        "User-agent: *",
        f"Disallow: {prefix}/admin/",
        f"Disallow: {prefix}/internal/",
        f"Disallow: {prefix}/search/",
        *(f"Disallow: {prefix}/{code}/search/" for code in other_languages),
        f"Disallow: {prefix}/documents/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


class PublicSitemap(WagtailSitemap):
    """Every live, public, indexable page of the site in every language (Wagtail's own lists one
    tree), each with its translations as xhtml:link alternates. Pages that tell search engines
    not to index them (forms: search_engine_indexable = False) are left out."""

    def items(self):
        root = self.get_wagtail_site().root_page
        trees = Q()
        for tree_root in root.get_translations(inclusive=True):
            trees |= Q(path__startswith=tree_root.path)
        pages = Page.objects.filter(trees).live().public().order_by("path").defer_streamfields().specific()
        return [page for page in pages if getattr(page, "search_engine_indexable", True)]

    def _urls(self, page, protocol, domain):
        """One query for every alternate: translations are the pages sharing a translation key."""
        from collections import defaultdict

        items = list(self.paginator.page(page).object_list)
        languages = dict(Locale.objects.values_list("pk", "language_code"))
        by_key = defaultdict(list)
        for item in self.items():
            by_key[item.translation_key].append(item)
        urls = []
        for item in items:
            siblings = by_key[item.translation_key]
            info = {"item": item, "location": item.get_full_url(self.request), "lastmod": self.lastmod(item)}
            if len(siblings) > 1:
                info["alternates"] = [
                    {"lang_code": languages[s.locale_id], "location": s.get_full_url(self.request)}
                    for s in siblings
                ]
            urls.append(info)
        lastmods = [u["lastmod"] for u in urls if u["lastmod"]]
        if lastmods:
            self.latest_lastmod = max(lastmods)
        return urls


def sitemap(request):
    return wagtail_sitemap_view(request, sitemaps={"pages": PublicSitemap})


SITEMAP_ITEMS_PER_COLUMN = 30


def html_sitemap(request):
    """网站地图 for people: every public column of the reader's language with its newest items (the
    rest a click away in the column). A fixed number of queries: one for the columns, one each."""
    from wagtail.models import Site

    site = Site.find_for_request(request)
    home = site.root_page.localized.specific if site else None
    columns = home.latest_by_column(SITEMAP_ITEMS_PER_COLUMN, with_counts=True) if home is not None else []
    return render(
        request,
        "home/html_sitemap.html",
        {"home": home, "columns": columns, "per_column": SITEMAP_ITEMS_PER_COLUMN},
    )


@require_GET
def set_display_preferences(request):
    """适老化 without JavaScript: font size and contrast kept in cookies, and a mark that this reader's
    pages must be rendered with them by the server (home/preferences.py)."""
    target = request.GET.get("next") or reverse("wagtail_serve", args=[""])
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = reverse("wagtail_serve", args=[""])
    response = HttpResponseRedirect(target)
    for key, cookie in PREFERENCE_COOKIES.items():
        if key in request.GET:
            response.set_cookie(
                cookie,
                clean_preference(key, request.GET[key]),
                max_age=PREFERENCE_MAX_AGE,
                path=f"{settings.URL_PREFIX}/",
                samesite="Lax",
            )
    response.set_cookie(
        SERVER_RENDERED, "1", max_age=PREFERENCE_MAX_AGE, path=f"{settings.URL_PREFIX}/", samesite="Lax"
    )
    return response


DATABASE_RETRY_SECONDS = 120


def server_error(request, *args, **kwargs):
    """500 page without touching the database (it may be what failed); honours the mount prefix.
    When the database itself is down, 503 with Retry-After: the site is unavailable, not broken."""
    import sys

    from django.conf import settings
    from django.db import InterfaceError, OperationalError
    from django.template import loader
    from django.urls import get_script_prefix

    from home.security.middleware import database_down

    context = {"home_url": get_script_prefix(), "admins_notified": bool(settings.ADMINS)}
    failure = sys.exc_info()[1]  # Django calls the handler inside its except block
    if isinstance(failure, (OperationalError, InterfaceError)) and database_down():
        context["retry_minutes"] = DATABASE_RETRY_SECONDS // 60
        response = HttpResponse(loader.get_template("503.html").render(context), status=503)
        response["Retry-After"] = str(DATABASE_RETRY_SECONDS)
        response["Cache-Control"] = "no-store"
        return response
    return HttpResponse(loader.get_template("500.html").render(context), status=500)
