"""Anonymous page cache: a public page rendered for a visitor without a login is kept in the "pages"
cache (Redis when REDIS_URL is set, else files under VAR_DIR that every worker shares) for
PAGE_CACHE_SECONDS, and served to the next anonymous visitor without running the view. The same
responses carry X-Accel-Expires so that nginx's front cache (deploy/nginx) may keep them too;
everything else is marked Cache-Control: private.

What is never kept, by construction (each checked on the response, not guessed from the URL):
- anything for a logged-in user, or a request carrying a session or pending messages;
- a response that used the CSRF token (forms), set a cookie, or says private / no-store / no-cache
  (internal pages, previews, the status lookup, error pages);
- anything but a 200 HTML response to GET or HEAD, and the admin, search and utility URLs;
- the pages of a reader without JavaScript who chose larger type or high contrast: the server
  renders theirs (home/preferences.py). With JavaScript the choice is applied in the browser, so
  every anonymous reader gets the same HTML, whatever they chose.

Invalidation is by generation: any publish, unpublish, move, delete (scheduled go-live and expiry
and translation sync publish and unpublish too), and any change to the snippets, taxonomies,
images, documents and site settings that pages show, bumps one number kept in the same cache; every
key carries it, so nothing cached before the change is served after it. (nginx is purged per page
by Wagtail's frontend cache: home/front_cache.py.)"""

import hashlib
import logging

from django.conf import settings
from django.core.cache import caches
from django.utils.cache import get_max_age, patch_cache_control

from .preferences import renders_preferences

log = logging.getLogger(__name__)
GENERATION_KEY = "fjld:page-cache:generation"
EXCLUDED_PREFIXES = ("/admin", "/django-admin", "/_util", "/documents", "/search", "/information-requests")
REQUEST_COOKIES_THAT_PERSONALISE = (settings.SESSION_COOKIE_NAME, "messages")
KEPT_HEADERS = ("Content-Type", "Content-Language", "X-Robots-Tag", "Link")


def _cache():
    return caches["pages"]


def generation() -> int:
    return _cache().get_or_set(GENERATION_KEY, 1, None)


def invalidate(**kwargs) -> None:
    """Everything cached so far is stale: the next request of each page renders afresh. A cache
    that cannot be reached must not stop a publish: it is logged (and serves nothing meanwhile)."""
    cache = _cache()
    try:
        try:
            cache.incr(GENERATION_KEY)
        except ValueError:
            cache.set(GENERATION_KEY, 2, None)
    except Exception:
        log.exception("页面缓存无法清空")


def eligible_request(request) -> bool:
    if settings.PAGE_CACHE_SECONDS <= 0 or request.method not in ("GET", "HEAD"):
        return False
    path = request.path_info
    language_free = "/" + path.lstrip("/").split("/", 1)[1] if path.startswith(("/en/", "/bo/")) else path
    if language_free.startswith(EXCLUDED_PREFIXES):
        return False
    if any(name in request.COOKIES for name in REQUEST_COOKIES_THAT_PERSONALISE):
        return False
    if renders_preferences(request):  # a reader without JavaScript who chose 字号/对比度
        return False
    user = getattr(request, "user", None)
    return not (user is not None and user.is_authenticated)


def cache_key(request) -> str:
    address = hashlib.sha256(f"{request.get_host()}{request.get_full_path()}".encode()).hexdigest()
    return f"fjld:page:{generation()}:{address}"


def cacheable_response(request, response) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if not response.get("Content-Type", "").startswith("text/html"):
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):  # the page holds this visitor's CSRF token
        return False
    control = response.get("Cache-Control", "")
    if any(word in control for word in ("private", "no-store", "no-cache")) or get_max_age(response) == 0:
        return False
    return True


def mark_private(response) -> None:
    """Tell nginx (and any shared cache) not to keep it, unless the app already said how."""
    if "Cache-Control" not in response:
        patch_cache_control(response, private=True)


class AnonymousPageCacheMiddleware:
    """Innermost middleware: the outer ones (security headers, CSP, locale, auth) run on every
    response, cached or not; only the view and its templates are skipped."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not eligible_request(request):
            response = self.get_response(request)
            mark_private(response)
            return response
        from django.http import HttpResponse

        try:
            key = cache_key(request)
            stored = _cache().get(key)
        except Exception:
            log.exception("页面缓存不可用")
            stored, key = None, None
        if stored is not None:
            status, headers, content = stored
            response = HttpResponse(content, status=status)
            for name, value in headers.items():
                response[name] = value
            response["X-Page-Cache"] = "hit"
            response["X-Accel-Expires"] = str(settings.PAGE_CACHE_SECONDS)
            return response
        response = self.get_response(request)
        if not cacheable_response(request, response):
            mark_private(response)
            return response
        if key is not None:
            headers = {name: response[name] for name in KEPT_HEADERS if name in response}
            try:
                _cache().set(
                    key, (response.status_code, headers, response.content), settings.PAGE_CACHE_SECONDS
                )
            except Exception:
                log.exception("页面缓存写入失败")
            else:
                response["X-Page-Cache"] = "miss"
        response["X-Accel-Expires"] = str(settings.PAGE_CACHE_SECONDS)  # nginx's front cache may keep it
        return response
