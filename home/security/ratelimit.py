"""Rate limits per client address, counted in the "ratelimit" cache that every worker shares (Redis,
or a database table): a limit of 5 means 5 across all gunicorn workers, not 5 each.

    if limited(request, "search", *settings.SEARCH_RATE_LIMIT): …   # counts this request
    if reached(request, key, limit): …  then, once the submission was valid: count(request, key, window)
"""

from django.core.cache import caches

from home.security.client_ip import client_ip


def _cache():
    return caches["ratelimit"]


def _key(request, scope: str, subject: str | None) -> str:
    """Counted per client address, or per `subject` (an account) whatever the address."""
    if subject is None:
        return f"rl:{scope}:{client_ip(request)}"
    import hashlib

    return f"rl:{scope}:{hashlib.sha256(subject.encode()).hexdigest()[:32]}"


def reached(request, scope: str, limit: int, subject: str | None = None) -> bool:
    """True when this client (or subject) has used up `limit` in the current window (nothing is counted)."""
    return (_cache().get(_key(request, scope, subject)) or 0) >= limit


def count(request, scope: str, window: int, subject: str | None = None) -> int:
    """Count one use; the window starts with the first use."""
    cache, key = _cache(), _key(request, scope, subject)
    if cache.add(key, 1, timeout=window):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        return 1


def limited(request, scope: str, limit: int, window: int, subject: str | None = None) -> bool:
    """Count this use and say whether it goes over the limit."""
    return count(request, scope, window, subject) > limit


def login_account(username: str) -> str:
    """The account a login names, as the limits count it (case and surrounding spaces ignored)."""
    return username.strip().lower()[:150]
