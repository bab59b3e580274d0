"""The anonymous page cache (the design: home/caching/__init__.py). ServeKeptPagesMiddleware, right
after the security headers, answers a kept page before sessions, locale and authentication run;
KeepPagesMiddleware, innermost, keeps what the view rendered when nothing in it is personal, and
marks everything else private so that nginx keeps nothing personal either.

Never kept, each checked on the request or the response rather than guessed:
- anything for a logged-in user, or a request that carries a session or pending messages;
- a response that used the CSRF token (a form), set a cookie, or says private / no-store / no-cache
  (internal pages, previews, the status lookup, error pages);
- anything but a 200 HTML answer to GET or HEAD, and the paths of rules.never_cached_prefixes();
- the pages of a reader without JavaScript who chose larger type or high contrast: the server
  renders theirs (home/preferences.py); with JavaScript the choice is applied in the browser, so
  every anonymous reader gets the same HTML."""

import hashlib
import logging

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import DisallowedHost
from django.http import HttpResponse
from django.utils import translation
from django.utils.cache import get_max_age, patch_cache_control

from home.caching import generation
from home.caching.rules import never_cached_prefixes
from home.preferences import renders_preferences

log = logging.getLogger(__name__)
REQUEST_COOKIES_THAT_PERSONALISE = (settings.SESSION_COOKIE_NAME, "messages")
KEPT_HEADERS = ("Content-Type", "Content-Language", "X-Robots-Tag", "Link")
LANGUAGE_PREFIXES = {code for code, _name in settings.LANGUAGES} - {settings.LANGUAGE_CODE}
KEY_ATTRIBUTE = "_fjld_page_cache_key"


def language_free(path: str) -> str:
    parts = path.lstrip("/").split("/", 1)
    return "/" + parts[1] if len(parts) == 2 and parts[0] in LANGUAGE_PREFIXES else path


def eligible_request(request) -> bool:
    """Worked out from the request alone, before sessions and authentication run: a request without
    a session cookie cannot be a logged-in user's."""
    if settings.PAGE_CACHE_SECONDS <= 0 or request.method not in ("GET", "HEAD"):
        return False
    if language_free(request.path_info).startswith(never_cached_prefixes()):
        return False
    if any(name in request.COOKIES for name in REQUEST_COOKIES_THAT_PERSONALISE):
        return False
    if renders_preferences(request):  # a reader without JavaScript who chose 字号/对比度
        return False
    try:
        request.get_host()  # a Host outside ALLOWED_HOSTS is answered 400 further in
    except DisallowedHost:
        return False
    return True


def cache_key(request, current: str) -> str:
    address = hashlib.sha256(f"{request.get_host()}{request.get_full_path()}".encode()).hexdigest()
    return f"fjld:page:{current}:{address}"


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


class ServeKeptPagesMiddleware:
    """An anonymous reader's page found in the cache is answered here; on a miss the key is left on
    the request for KeepPagesMiddleware to keep the page under."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not eligible_request(request):
            return self.get_response(request)
        current = generation.of_request(request)
        key = cache_key(request, current) if current else ""
        try:
            stored = caches["pages"].get(key) if key else None
        except Exception:
            log.exception("页面缓存不可用")
            stored, key = None, ""
        if stored is None:
            setattr(request, KEY_ATTRIBUTE, key)
            return self.get_response(request)
        status, headers, content = stored
        response = HttpResponse(content, status=status)
        for name, value in headers.items():
            response[name] = value
        response["X-Page-Cache"] = "hit"
        response["X-Accel-Expires"] = str(settings.PAGE_CACHE_SECONDS)
        return response


class KeepPagesMiddleware:
    """Innermost: keeps what the view rendered for an anonymous reader when nothing in it is
    personal (cacheable_response); everything else is marked private for nginx."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        key = getattr(request, KEY_ATTRIBUTE, None)
        if key is None or not generation.for_everyone(request) or not cacheable_response(request, response):
            mark_private(response)
            return response
        if key:  # "": the cache could not be reached; nginx may still keep the page
            headers = {name: response[name] for name in KEPT_HEADERS if name in response}
            # LocaleMiddleware adds it on the way out, after this; a kept page is answered before it
            headers.setdefault("Content-Language", translation.get_language() or settings.LANGUAGE_CODE)
            try:
                caches["pages"].set(
                    key, (response.status_code, headers, response.content), settings.PAGE_CACHE_SECONDS
                )
            except Exception:
                log.exception("页面缓存写入失败")
            else:
                response["X-Page-Cache"] = "miss"
        response["X-Accel-Expires"] = str(settings.PAGE_CACHE_SECONDS)  # nginx's front cache may keep it
        return response
