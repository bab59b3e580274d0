"""The page a path leads to, and the Site of a host, kept under the generation (generation.kept) for
anonymous readers: Wagtail finds them with six to eight queries (the site, the language, each level's
page and its specific row) that would otherwise run on every page view the page cache misses. Wagtail
reads `request._wagtail_site` and `request._wagtail_route_for_request` before looking them up; view
restrictions, hooks and the page's own serve() run as usual on the kept route."""

import logging

from django.utils import translation
from wagtail import views as wagtail_views
from wagtail.models import Page, Site

from home.caching import generation

log = logging.getLogger(__name__)


def kept_route(request, path: str):
    host = request.get_host()
    site = generation.kept(request, f"site:{host}", lambda: Site._find_for_request(request))
    if site is None:
        return
    request._wagtail_site = site
    language = translation.get_language()

    def route():
        found = Page.route_for_request(request, path)
        return tuple(found) if found is not None else None  # a path that leads nowhere is not kept

    request._wagtail_route_for_request = generation.kept(request, f"route:{site.pk}:{language}:{path}", route)


class KeptRoutesMiddleware:
    """Before Wagtail's serve view runs for an anonymous GET or HEAD, its route is put on the request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if view_func is wagtail_views.serve and request.method in ("GET", "HEAD"):
            if generation.for_everyone(request) and not hasattr(request, "_wagtail_route_for_request"):
                try:
                    kept_route(request, view_kwargs.get("path", view_args[0] if view_args else ""))
                except Exception:
                    log.exception("路由缓存不可用")
        return None
