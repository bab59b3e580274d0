"""Anonymous page cache: a public page rendered for a visitor without a login is kept in the "pages"
cache (Redis when REDIS_URL is set, else files under VAR_DIR that every worker shares) for
PAGE_CACHE_SECONDS, and served to the next anonymous visitor without running the view. The same
responses carry X-Accel-Expires so that nginx's front cache (deploy/nginx) may keep them too;
everything else is marked Cache-Control: private. Two middlewares: ServeKeptPagesMiddleware, early
(only the security headers, CSP and static files before it), answers a kept page before sessions,
locale and authentication run; KeepPagesMiddleware, innermost, keeps what the view rendered.

What is never kept, by construction (each checked on the response, not guessed from the URL):
- anything for a logged-in user, or a request carrying a session or pending messages;
- a response that used the CSRF token (forms), set a cookie, or says private / no-store / no-cache
  (internal pages, previews, the status lookup, error pages);
- anything but a 200 HTML response to GET or HEAD, and the admin, search and utility URLs;
- the pages of a reader without JavaScript who chose larger type or high contrast: the server
  renders theirs (home/preferences.py). With JavaScript the choice is applied in the browser, so
  every anonymous reader gets the same HTML, whatever they chose.

Invalidation is exact to the column. Every key carries a version of the reader's column (the first
segment of the path, whatever the language) and one of the whole site; changing a version makes
every page under it render afresh. A publish, unpublish or delete (scheduled go-live and
expiry, translation sync and copies included) renews the page's column, the home page, the site maps
and the columns of the pages it links to or that link to it (Wagtail's reference index: a case
shows the campaigns that cite it). A home page or column changes the menu of every page, as do a move, site
settings, taxonomies, batches and publishing units (`shown_on_public_pages`): those renew the whole
site. An image or document renews the columns of the pages that use it. (nginx is purged per page
by Wagtail's frontend cache: home/front_cache.py.)"""

import contextvars
import hashlib
import logging
import threading
import uuid
from contextlib import contextmanager

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import DisallowedHost
from django.http import HttpResponse
from django.utils import translation
from django.utils.cache import get_max_age, patch_cache_control

from .preferences import renders_preferences

log = logging.getLogger(__name__)
VERSION_KEY = "fjld:page-cache:version:{}"
EVERYTHING = "*"
TRANSLATIONS = "~translations"  # any publish in a language other than the default (its menus)
EXCLUDED_PREFIXES = ("/admin", "/django-admin", "/_util", "/documents", "/search", "/information-requests")
REQUEST_COOKIES_THAT_PERSONALISE = (settings.SESSION_COOKIE_NAME, "messages")
KEPT_HEADERS = ("Content-Type", "Content-Language", "X-Robots-Tag", "Link")
LANGUAGE_PREFIXES = {code for code, _name in settings.LANGUAGES} - {settings.LANGUAGE_CODE}
SITE_MAPS = ("sitemap.xml", "sitemap")


def _cache():
    return caches["pages"]


def language_free(path: str) -> str:
    parts = path.lstrip("/").split("/", 1)
    return "/" + parts[1] if len(parts) == 2 and parts[0] in LANGUAGE_PREFIXES else path


def section_of(path: str) -> str:
    """The column a public path belongs to: its first segment after the language ('' for home)."""
    return language_free(path).strip("/").split("/", 1)[0]


_request_versions = threading.local()


@contextmanager
def versions_read_once():
    """Within a request each version is read from the shared cache once (a page asks for the same few
    a dozen times); a change made by the request itself forgets them (invalidate)."""
    _request_versions.found = {}
    try:
        yield
    finally:
        _request_versions.found = None


def _versions(names: list[str]) -> str:
    """The current versions of these sections, one round trip. A version never seen (or evicted) gets
    a new random one, so no entry made under an earlier version can become reachable again."""
    cache = _cache()
    keys = [VERSION_KEY.format(name) for name in names]
    memo = getattr(_request_versions, "found", None)
    found = {key: memo[key] for key in keys if key in memo} if memo is not None else {}
    missing = [key for key in keys if key not in found]
    if missing:
        found.update(cache.get_many(missing))
    for key in missing:
        if key not in found:
            fresh = uuid.uuid4().hex[:12]
            found[key] = fresh if cache.add(key, fresh, None) else cache.get(key, fresh)
    if memo is not None:
        memo.update(found)
    return ".".join(found[key] for key in keys)


def site_version() -> str:
    """Changes whenever anything shown on every page changes (menu, footer, settings, taxonomies)."""
    return _versions([EVERYTHING])


def menu_version(default_language: bool) -> str:
    """The site's version, and for a translation also that of every translated page: its menu leaves
    out the columns with nothing yet in its language."""
    return _versions([EVERYTHING] if default_language else [EVERYTHING, TRANSLATIONS])


def content_version() -> str:
    """Changes with every publish, unpublish or delete anywhere (each renews the home page's section)
    and with everything that renews the site: what a search finds can be kept under it."""
    return _versions([EVERYTHING, ""])


def section_version(url_path: str) -> str:
    """Changes whenever anything in this page's column, or on every page, changes: what a column's
    listing shows can be kept under it (home/paging.py)."""
    return column_version(section_of_page(url_path))


def column_version(section: str) -> str:
    """section_version by the column's name (the first segment of its public paths)."""
    return _versions([EVERYTHING, section])


# True only while a view renders for an anonymous reader (KeepPagesMiddleware sets it): a preview
# (Wagtail renders it inside the editor's own request) or anything for a logged-in user neither
# reads nor writes what is kept, so a draft can never be kept where the public is served from.
_public_render = contextvars.ContextVar("fjld_public_render", default=False)


def renders_for_public(request) -> bool:
    """Rendering for an anonymous reader: not a preview, not a logged-in user."""
    if request is None or getattr(request, "is_preview", False) or not _public_render.get():
        return False
    user = getattr(request, "user", None)
    return not (user is not None and user.is_authenticated)


def kept_value(make_key, compute, seconds: int = 24 * 3600):
    """compute(), kept in the shared cache under make_key() (a key carrying the versions that renew
    it; `seconds` only bounds the space it takes) — only while rendering for an anonymous reader.
    A cache that cannot be reached is logged and the value computed each time; an error in compute()
    itself is not hidden."""
    if not _public_render.get():
        return compute()
    cache = _cache()
    try:
        key = make_key()
        value = cache.get(key)
    except Exception:
        log.exception("渲染缓存不可用")
        return compute()
    if value is None:
        value = compute()
        try:
            cache.set(key, value, seconds)
        except Exception:
            log.exception("渲染缓存写入失败")
    return value


def invalidate(sections=None) -> None:
    """The pages of these sections (all of them when None) render afresh on their next request. A
    cache that cannot be reached must not stop a publish: it is logged (and serves nothing meanwhile)."""
    names = [EVERYTHING] if sections is None else sorted(set(sections))
    if getattr(_request_versions, "found", None) is not None:
        _request_versions.found = {}
    try:
        _cache().set_many({VERSION_KEY.format(name): uuid.uuid4().hex[:12] for name in names}, None)
    except Exception:
        log.exception("页面缓存无法清空")


def section_of_page(url_path: str) -> str:
    """A page's column from its url_path ("/home/cases/x/" → "cases"; the first segment is the
    language's home page, whose own section is '')."""
    parts = [part for part in url_path.split("/") if part]
    return parts[1] if len(parts) > 1 else ""


def linked_pages(page, *, before=None):
    """The pages `page` links to (read from its content now; `before`, the ids it linked to
    before this change) and of the pages that link to it (Wagtail's reference index)."""
    from wagtail.models import Page, ReferenceIndex

    page_type = ReferenceIndex._get_base_content_type(Page)
    ids = set(before or ())
    ids |= {
        int(object_id)
        for content_type_id, object_id, *_rest in ReferenceIndex._extract_references_from_object(page)
        if content_type_id == page_type.pk
    }
    ids |= {
        int(object_id)
        for object_id in ReferenceIndex.get_references_to(page)
        .filter(base_content_type=page_type)
        .values_list("object_id", flat=True)
    }
    return Page.objects.filter(pk__in=ids)


def linked_page_ids(page) -> set[int]:
    """The pages `page` linked to when last indexed: kept before a publish, since a link just removed
    still shows on the other page until it renders afresh."""
    from wagtail.models import Page, ReferenceIndex

    page_type = ReferenceIndex._get_base_content_type(Page)
    return {
        int(object_id)
        for object_id in ReferenceIndex.get_references_for_object(page)
        .filter(to_content_type=page_type)
        .values_list("to_object_id", flat=True)
    }


def sections_showing(page, *, url_paths=(), before=None):
    """The sections whose pages show `page`: None (all of them) for the home page and the columns,
    whose titles are in every page's menu; else its column (and `url_paths`' for a move), home, the
    site maps, and the columns of the pages it links to or that link to it."""
    if page.depth <= 3:
        return None
    linked = linked_pages(page, before=before).values_list("url_path", flat=True)
    paths = {page.url_path, *url_paths, *linked}
    return {"", *SITE_MAPS, *(section_of_page(path) for path in paths)}


def referencing_sections(instance) -> set[str]:
    """The columns of the pages that use this image or document."""
    from wagtail.models import Page, ReferenceIndex

    page_type = ReferenceIndex._get_base_content_type(Page)
    ids = ReferenceIndex.get_references_to(instance).filter(base_content_type=page_type).values("object_id")
    paths = Page.objects.filter(pk__in=[int(row["object_id"]) for row in ids]).values_list(
        "url_path", flat=True
    )
    return {section_of_page(path) for path in paths}


def eligible_request(request) -> bool:
    """Worked out from the request alone, before sessions and authentication run: a request without
    a session cookie cannot be a logged-in user's."""
    if settings.PAGE_CACHE_SECONDS <= 0 or request.method not in ("GET", "HEAD"):
        return False
    if language_free(request.path_info).startswith(EXCLUDED_PREFIXES):
        return False
    if any(name in request.COOKIES for name in REQUEST_COOKIES_THAT_PERSONALISE):
        return False
    return not renders_preferences(request)  # a reader without JavaScript who chose 字号/对比度


def cache_key(request) -> str:
    address = hashlib.sha256(f"{request.get_host()}{request.get_full_path()}".encode()).hexdigest()
    return f"fjld:page:{column_version(section_of(request.path_info))}:{address}"


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


KEY_ATTRIBUTE = "_fjld_page_cache_key"


def allowed_host(request) -> bool:
    """A Host outside ALLOWED_HOSTS is answered 400 further in; nothing is kept or looked up for it."""
    try:
        request.get_host()
    except DisallowedHost:
        return False
    return True


class ServeKeptPagesMiddleware:
    """Early (right after the security headers and static files): an anonymous reader's page found
    in the cache is answered before sessions, locale, authentication and the view run. On a miss
    the key is left on the request for KeepPagesMiddleware, innermost, to store the page under."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with versions_read_once():
            return self.answer(request)

    def answer(self, request):
        if not eligible_request(request) or not allowed_host(request):
            return self.get_response(request)
        try:
            key = cache_key(request)
            stored = _cache().get(key)
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


class KeptSiteMiddleware:
    """Which Wagtail Site a host name is, kept under the site's version (a Site saved or deleted
    renews it: home/signals.py) instead of asked of the database on every request: Wagtail reads
    `request._wagtail_site` first."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.RENDER_CACHE and not hasattr(request, "_wagtail_site") and allowed_host(request):
            try:
                key = f"fjld:site:{request.get_host()}:{site_version()}"
                site = _cache().get(key)
                if site is None:
                    from wagtail.models import Site

                    site = Site._find_for_request(request)
                    if site is not None:
                        _cache().set(key, site, 24 * 3600)
                if site is not None:
                    request._wagtail_site = site
            except Exception:
                log.exception("站点缓存不可用")
        return self.get_response(request)


class KeepPagesMiddleware:
    """Innermost: keeps what the view rendered for an anonymous reader, when nothing in it is
    personal (cacheable_response); everything else is marked private for nginx."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        token = _public_render.set(not (user is not None and user.is_authenticated))
        try:
            response = self.get_response(request)
        finally:
            _public_render.reset(token)
        key = getattr(request, KEY_ATTRIBUTE, None)
        if (
            key is None
            or (user is not None and user.is_authenticated)
            or not cacheable_response(request, response)
        ):
            mark_private(response)
            return response
        if key:  # "": the cache could not be reached; nginx may still keep the page
            headers = {name: response[name] for name in KEPT_HEADERS if name in response}
            # LocaleMiddleware adds it on the way out, after this; a kept page is answered before it
            headers.setdefault("Content-Language", translation.get_language() or settings.LANGUAGE_CODE)
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
