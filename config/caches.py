"""The caches on Redis, as production runs them and as the outage tests rebuild them on a Redis of
their own: one place that says which cache goes where (settings, tests/home/test_outages.py)."""

RESILIENT_REDIS = "home.caching.resilient.ResilientRedisCache"


def redis_caches(url: str) -> dict:
    """Every cache on `url`; an outage degrades instead of failing (home/caching/resilient.py): pages
    are rendered uncached, the rate limits count in the database table, one log line a minute."""
    return {
        "default": {"BACKEND": RESILIENT_REDIS, "LOCATION": url, "KEY_PREFIX": "fjld"},
        "ratelimit": {
            "BACKEND": RESILIENT_REDIS,
            "LOCATION": url,
            "KEY_PREFIX": "fjld-rl",
            "OPTIONS": {"FALLBACK": "ratelimit_db"},
        },
        "ratelimit_db": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "fjld_ratelimit",
        },
        "pages": {"BACKEND": RESILIENT_REDIS, "LOCATION": url, "KEY_PREFIX": "fjld-pg"},
    }
