"""Rate limits per client address, counted in the "ratelimit" cache that every worker shares (Redis,
or a database table): a limit of 5 means 5 across all gunicorn workers, not 5 each.

    if limited(request, "search", *settings.SEARCH_RATE_LIMIT): …   # counts this request
    if reached(request, key, limit): …  then, once the submission was valid: count(request, key, window)
"""

from django.core.cache import caches

from home.security.client_ip import client_ip


def _cache():
    return caches["ratelimit"]


def _key(request, scope: str) -> str:
    return f"rl:{scope}:{client_ip(request)}"


def reached(request, scope: str, limit: int) -> bool:
    """True when this client has used up `limit` in the current window (nothing is counted)."""
    return (_cache().get(_key(request, scope)) or 0) >= limit


def count(request, scope: str, window: int) -> int:
    """Count one use; the window starts with the first use."""
    cache, key = _cache(), _key(request, scope)
    if cache.add(key, 1, timeout=window):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        return 1


def limited(request, scope: str, limit: int, window: int) -> bool:
    """Count this use and say whether it goes over the limit."""
    return count(request, scope, window) > limit
