"""An outage degrades (issue 25): with Redis gone, public pages are served uncached, logins stay
limited by the database's counter, one log line a minute names Redis; a server error is mailed to
ADMINS, and the 500 page claims that only when someone was told."""

import logging

import pytest
from django.core import mail
from django.core.cache import caches
from django.test import override_settings

from config.caches import redis_caches
from home.caching import resilient

pytestmark = pytest.mark.django_db
DEAD_REDIS = "redis://127.0.0.1:9/0"  # the discard port: nothing answers there
CACHES_WITHOUT_REDIS = redis_caches(DEAD_REDIS)


@pytest.fixture
def redis_gone():
    resilient.Outage.reset()
    with override_settings(CACHES=CACHES_WITHOUT_REDIS):
        caches["ratelimit_db"].clear()
        yield
    resilient.Outage.reset()


def test_public_pages_are_served_uncached_and_one_line_names_redis(client, site_tree, redis_gone, caplog):
    with caplog.at_level(logging.ERROR, logger="fjld.cache"):
        for url in ("/", "/cases/", "/campaigns/", "/", "/search/?q=诈骗"):
            response = client.get(url)
            assert response.status_code == 200, url
            assert response.get("X-Page-Cache") != "hit"
    lines = [r.getMessage() for r in caplog.records if r.name == "fjld.cache"]
    assert len(lines) == 1 and "Redis 不可用" in lines[0] and "127.0.0.1:9" in lines[0]


def test_the_log_line_comes_again_after_a_minute_not_before(redis_gone, caplog, monkeypatch):
    clock = [1000.0]
    monkeypatch.setattr(resilient.time, "monotonic", lambda: clock[0])
    monkeypatch.setattr(resilient, "RETRY_SECONDS", 0)
    cache = caches["default"]
    with caplog.at_level(logging.ERROR, logger="fjld.cache"):
        for step in (0, 10, 30, 59, 61, 70):
            clock[0] = 1000.0 + step
            assert cache.get("anything") is None and cache.set("anything", 1) is None
    assert len([r for r in caplog.records if r.name == "fjld.cache"]) == 2  # at 0 s and at 61 s


def test_logins_stay_limited_by_the_database_counter(client, site_tree, redis_gone, settings):
    settings.LOGIN_RATE_LIMIT = (4, 600)
    for n in range(4):
        posted = client.post("/admin/login/", {"username": f"guess{n}", "password": "wrong-password"})
        assert posted.status_code == 200
    refused = client.post("/admin/login/", {"username": "guess9", "password": "wrong-password"})
    assert refused.status_code == 429 and "登录尝试过于频繁" in refused.content.decode()


def test_redis_back_is_used_again(redis_gone, monkeypatch):
    """Once RETRY_SECONDS have passed the cache asks Redis again (here: the machine's own)."""
    resilient.Outage.record(DEAD_REDIS, ConnectionError("down"))
    assert resilient.Outage.down()
    monkeypatch.setattr(resilient, "RETRY_SECONDS", 0)
    assert not resilient.Outage.down()


@pytest.fixture
def failing_urls(settings, site_tree):
    settings.ROOT_URLCONF = "tests.home.urls_failing"
    settings.DEBUG = False


def test_a_server_error_is_mailed_to_the_admins_and_the_page_says_so(client, failing_urls, settings):
    settings.ADMINS = [("值班管理员", "zhiban@example.gov.cn")]
    client.raise_request_exception = False
    response = client.get("/failing/")
    assert response.status_code == 500 and "技术人员已收到通知" in response.content.decode()
    (message,) = mail.outbox
    assert message.to == ["zhiban@example.gov.cn"] and "测试用的故障" in message.body


def test_without_admins_the_page_does_not_claim_anyone_was_told(client, failing_urls, settings):
    settings.ADMINS = []
    client.raise_request_exception = False
    response = client.get("/failing/")
    assert response.status_code == 500 and "技术人员已收到通知" not in response.content.decode()
    assert "请稍后再试" in response.content.decode() and not mail.outbox


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("", []),
        (
            "张三 <zhang@example.gov.cn>, ops@example.gov.cn",
            [("张三", "zhang@example.gov.cn"), ("ops@example.gov.cn", "ops@example.gov.cn")],
        ),
        ("  值班室 <zhiban@example.gov.cn>  ", [("值班室", "zhiban@example.gov.cn")]),
    ],
)
def test_admins_come_from_the_environment(monkeypatch, raw, expected):
    from config.env import env_addresses

    monkeypatch.setenv("ADMINS", raw)
    assert env_addresses("ADMINS") == expected


def test_a_wrong_admin_address_stops_the_start_with_a_message(monkeypatch):
    from django.core.exceptions import ImproperlyConfigured

    from config.env import env_addresses

    monkeypatch.setenv("ADMINS", "张三")
    with pytest.raises(ImproperlyConfigured, match="邮箱地址无效"):
        env_addresses("ADMINS")
