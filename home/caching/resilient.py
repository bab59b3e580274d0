"""A Redis cache that an outage cannot take the site down with.

When Redis does not answer, every call gives what an empty cache gives (a miss; nothing stored)
and the site renders as if nothing was kept; a cache named in OPTIONS["FALLBACK"] (the rate
limits' database table) takes the calls instead, so logins and forms stay limited. After a
failure Redis is left alone for RETRY_SECONDS, so a dead server costs one short connect timeout
every few seconds, not one per call; and one log line a minute names the cause.
"""

import logging
import threading
import time

from django.core.cache import caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache

log = logging.getLogger("fjld.cache")

RETRY_SECONDS = 5  # how long Redis is left alone after it failed
LOG_EVERY_SECONDS = 60
CONNECT_TIMEOUT = 0.5  # seconds: a dead host must not hold a request for long


class Outage:
    """Shared by every cache of a process: when Redis last failed and when that was last logged."""

    lock = threading.Lock()
    failed_at = 0.0
    logged_at = 0.0

    @classmethod
    def down(cls) -> bool:
        return time.monotonic() - cls.failed_at < RETRY_SECONDS

    @classmethod
    def record(cls, location: str, error: Exception) -> None:
        now = time.monotonic()
        with cls.lock:
            cls.failed_at = now
            if now - cls.logged_at < LOG_EVERY_SECONDS:
                return
            cls.logged_at = now
        log.error(
            "Redis 不可用（%s）：%s。页面照常生成但不缓存，登录和表单的频率限制改用数据库计数；"
            "恢复后自动重新使用 Redis。",
            location,
            str(error).splitlines()[0][:200] if str(error) else type(error).__name__,
        )

    @classmethod
    def reset(cls) -> None:
        cls.failed_at = cls.logged_at = 0.0


def _failures():
    from redis.exceptions import ConnectionError as RedisConnectionError
    from redis.exceptions import TimeoutError as RedisTimeoutError

    return (RedisConnectionError, RedisTimeoutError, ConnectionError, TimeoutError, OSError)


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        params = dict(params)
        options = dict(params.get("OPTIONS") or {})
        self.fallback_alias = options.pop("FALLBACK", None)
        options.setdefault("socket_connect_timeout", CONNECT_TIMEOUT)
        options.setdefault("socket_timeout", 1)
        params["OPTIONS"] = options
        super().__init__(server, params)
        self.location = server if isinstance(server, str) else ",".join(server)

    def _guarded(self, name, miss):
        """Run RedisCache.<name>; when Redis is down, the fallback cache's <name>, or `miss`."""
        redis_call = getattr(super(), name)

        def call(*args, **kwargs):
            if not Outage.down():
                try:
                    return redis_call(*args, **kwargs)
                except _failures() as error:
                    Outage.record(self.location, error)
            if self.fallback_alias:
                return getattr(caches[self.fallback_alias], name)(*args, **kwargs)
            return miss(*args, **kwargs) if callable(miss) else miss

        return call

    def get(self, key, default=None, version=None):
        return self._guarded("get", lambda *a, **k: default)(key, default, version)

    def get_many(self, keys, version=None):
        return self._guarded("get_many", {})(keys, version)

    def has_key(self, key, version=None):
        return self._guarded("has_key", False)(key, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded("set", None)(key, value, timeout, version=version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded("set_many", [])(data, timeout, version=version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded("add", False)(key, value, timeout, version=version)

    def incr(self, key, delta=1, version=None):
        def missing(*args, **kwargs):
            raise ValueError(f"Key '{key}' not found")  # as Django's incr on a missing key

        return self._guarded("incr", missing)(key, delta, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded("touch", False)(key, timeout, version=version)

    def delete(self, key, version=None):
        return self._guarded("delete", False)(key, version)

    def delete_many(self, keys, version=None):
        return self._guarded("delete_many", None)(keys, version)

    def clear(self):
        return self._guarded("clear", None)()
