"""Routing kept: Wagtail finds the page for a URL with four to six queries (the language's Locale, the
home page in that language and its own row, then each level's child and its own row). The page a
path led to — fetched with what its template shows (BasePage.routed_queryset) — and how many path
segments it took are kept in the "pages" cache under the versions of its column and of the whole site
(home/page_cache.py): every save of a live page, publish, unpublish, delete or slug change in the
column, and every move, renews them, so a kept route never leads where Wagtail would not, nor to an
older copy of the page. The page then routes the rest of the path itself (a column's feed, an
expired page's notice) and Wagtail's serve view runs as usual: view restrictions, hooks, templates."""

import hashlib
import logging

from django.conf import settings
from django.core.cache import caches
from django.http import Http404
from django.utils import translation
from wagtail import views as wagtail_views
from wagtail.models import Page, Site

from .page_cache import column_version

log = logging.getLogger(__name__)
ROUTE_SECONDS = 24 * 3600  # the versions renew a route; this only bounds the space it takes


def route_key(site, path: str, components: list[str]) -> str:
    language = translation.get_language() or settings.LANGUAGE_CODE
    section = components[0] if components else ""
    digest = hashlib.sha256(path.encode()).hexdigest()
    return f"fjld:route:{site.pk}:{language}:{column_version(section)}:{digest}"


def segments_taken(page, components: list[str]) -> int | None:
    """How many of the path's segments led to `page` (its url_path below the site's home page);
    None when they do not spell its url_path, as with a page reached some other way."""
    own = [part for part in page.url_path.split("/") if part][1:]
    return len(own) if own == components[: len(own)] else None


def kept_route(request, path: str):
    """Wagtail's route for this request: from the kept page when there is one, else Wagtail's own
    routing, whose page is then kept (a path that leads nowhere is not: it would fill the cache)."""
    site = Site.find_for_request(request)
    if site is None:
        return
    components = [part for part in path.split("/") if part]
    key = route_key(site, path, components)
    found = caches["pages"].get(key)
    if found is not None:
        page, taken = found
        try:
            request._wagtail_route_for_request = page.route(request, components[taken:])
        except Http404:
            request._wagtail_route_for_request = None
        return
    result = Page.route_for_request(request, path)  # Wagtail's own; it stays on the request
    if result is not None:
        taken = segments_taken(result[0], components)
        if taken is not None:
            caches["pages"].set(key, (fetched_to_keep(result[0]), taken), ROUTE_SECONDS)


def fetched_to_keep(page):
    """The page as it is kept: fetched afresh with what its template shows, nothing of this request's
    routing attached (its parent, per-request caches)."""
    model = type(page)
    fetch = getattr(model, "routed_queryset", model.objects.all)
    return fetch().get(pk=page.pk)


class KeptRouteMiddleware:
    """Before Wagtail's serve view runs (GET and HEAD, the render cache on), its route is put on the
    request from the kept one; Wagtail reads `request._wagtail_route_for_request` first."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if (
            view_func is not wagtail_views.serve
            or request.method not in ("GET", "HEAD")
            or not settings.RENDER_CACHE
            or hasattr(request, "_wagtail_route_for_request")
            or request.user.is_authenticated  # what a logged-in user is routed to is never kept
        ):
            return None
        try:
            kept_route(request, view_kwargs.get("path", view_args[0] if view_args else ""))
        except Exception:
            log.exception("路由缓存不可用")
        return None
