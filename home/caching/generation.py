"""The site's generation: one value in the shared "pages" cache that every kept page, fragment and
search result is keyed by. renew() gives it a new value, so nothing kept before can be read again."""

import hashlib
import logging
import uuid

from django.conf import settings
from django.core.cache import caches
from django.utils.functional import SimpleLazyObject

log = logging.getLogger(__name__)
KEY = "fjld:generation"
PRIVATE = "private"  # the generation a logged-in reader's fragments are keyed by: never a real one


def current() -> str:
    """The generation now (a new one when none is kept, e.g. after the cache was emptied)."""
    cache = caches["pages"]
    value = cache.get(KEY)
    if value is None:
        fresh = uuid.uuid4().hex[:12]
        value = fresh if cache.add(KEY, fresh, None) else (cache.get(KEY) or fresh)
    return value


def renew() -> None:
    """Everything kept before renders afresh. An unreachable cache must not stop a publish."""
    try:
        caches["pages"].set(KEY, uuid.uuid4().hex[:12], None)
    except Exception:
        log.exception("页面缓存不可用，无法清空")


def for_everyone(request) -> bool:
    """Rendering what every anonymous reader sees alike: not a preview, not for a logged-in user."""
    if request is None or getattr(request, "is_preview", False):
        return False
    user = getattr(request, "user", None)
    return user is None or not user.is_authenticated


def of_request(request) -> str:
    """The generation, read once per request; "" when the cache cannot be reached."""
    if not hasattr(request, "_fjld_generation"):
        try:
            request._fjld_generation = current()
        except Exception:
            log.exception("页面缓存不可用")
            request._fjld_generation = ""
    return request._fjld_generation


def kept(request, name: str, compute):
    """compute(), kept like a fragment (under the generation, FRAGMENT_CACHE_SECONDS) while rendering
    for an anonymous reader; worked out afresh for anyone else or when the cache cannot be reached.
    None is never kept."""
    current = of_request(request) if for_everyone(request) and settings.FRAGMENT_CACHE_SECONDS > 0 else ""
    if not current:
        return compute()
    if len(name) > 100:  # a path or query as long as a visitor likes: keys stay short
        name = hashlib.sha256(name.encode()).hexdigest()
    key = f"fjld:kept:{current}:{name}"
    cache = caches["default"]
    try:
        value = cache.get(key)
    except Exception:
        log.exception("缓存不可用")
        return compute()
    if value is None:
        value = compute()
        if value is not None:
            try:
                cache.set(key, value, settings.FRAGMENT_CACHE_SECONDS)
            except Exception:
                log.exception("缓存写入失败")
    return value


def fragments(request) -> dict:
    """Context for {% wagtailcache fragment_seconds "name" cache_generation … %}: an anonymous reader's
    fragments are kept under the generation; anyone else's are keyed PRIVATE and kept 0 seconds."""
    if not for_everyone(request) or settings.FRAGMENT_CACHE_SECONDS <= 0:
        return {"fragment_seconds": 0, "cache_generation": PRIVATE}

    return {
        "fragment_seconds": settings.FRAGMENT_CACHE_SECONDS,
        "cache_generation": SimpleLazyObject(lambda: of_request(request) or PRIVATE),
    }
