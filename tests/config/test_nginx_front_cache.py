"""nginx's front cache, live, as deploy/nginx/fjld.conf sets it up (bench/nginx.py writes it for a
scratch directory) in front of the app (pytest's live server): it keeps an anonymous reader's page,
lets a reader with a session past it, never keeps an internal page, and a publish purges the column
that lists the page through Wagtail's frontend cache (the signal FRONT_CACHE_PURGE_URL connects)."""

import http.client
from pathlib import Path
from urllib.parse import urlparse

import pytest
from django.test import override_settings
from wagtail.signals import page_published, page_unpublished

from bench import nginx
from home.caching import invalidation
from tests.factories import CaseExamplePageFactory

PURGE_MODULE = Path("/etc/nginx/modules-enabled/50-mod-http-cache-purge.conf")
pytestmark = [
    pytest.mark.skipif(
        nginx.NGINX is None or not PURGE_MODULE.exists(),
        reason="nginx and libnginx-mod-http-cache-purge are not installed here (.ci/run installs them)",
    ),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def front(live_server, tmp_path):
    """nginx on a free port in front of the live server; the app purges it on publish."""
    config, port, purge_port = nginx.start_on_free_ports(
        tmp_path, app_port=urlparse(live_server.url).port, static_root=tmp_path
    )
    purge_settings = {
        "nginx": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{purge_port}",
        }
    }
    invalidation.connect(purge_front_cache=True)
    try:
        with override_settings(PAGE_CACHE_SECONDS=300, WAGTAILFRONTENDCACHE=purge_settings):
            yield port
    finally:
        page_published.disconnect(dispatch_uid="fjld-front-cache-published")
        page_unpublished.disconnect(dispatch_uid="fjld-front-cache-unpublished")
        nginx.stop(config)


def get(port: int, path: str, cookie: str = "") -> tuple[int, str, str]:
    """(status, X-Front-Cache, body) of a request to nginx for the site's host (the purge key is the
    host and path Wagtail knows the page by)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=15)
    headers = {"Host": "testserver", **({"Cookie": cookie} if cookie else {})}
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    body = response.read().decode()
    connection.close()
    return response.status, response.getheader("X-Front-Cache", ""), body


def test_nginx_keeps_an_anonymous_page_and_a_publish_purges_its_column(front, site_tree):
    case = CaseExamplePageFactory(parent=site_tree["cases"], title="李某帮助信息网络犯罪活动案")
    assert get(front, "/cases/")[:2] == (200, "MISS")
    status, cached, body = get(front, "/cases/")
    assert (status, cached) == (200, "HIT") and "李某帮助信息网络犯罪活动案" in body
    case.title = "李某出租银行卡帮信案"
    case.save_revision().publish()  # purges /cases/, its feeds, home and the site maps
    status, cached, body = get(front, "/cases/")
    assert (status, cached) == (200, "MISS") and "李某出租银行卡帮信案" in body
    assert get(front, "/cases/")[1] == "HIT"


def test_nginx_lets_a_session_past_and_never_keeps_an_internal_page(front, site_tree):
    get(front, "/cases/")
    assert get(front, "/cases/", cookie="sessionid=abc")[1] == "BYPASS"
    for _ in range(2):
        status, cached, _body = get(front, site_tree["internal"].url)
        assert status == 302 and cached != "HIT"  # to the login page, every time from the app


def head_of(port: int, method: str, path: str, body: bytes = b"") -> tuple[int, dict, str]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=15)
    connection.request(method, path, body=body or None, headers={"Host": "testserver"})
    response = connection.getresponse()
    text = response.read().decode("utf-8", "replace")
    connection.close()
    return response.status, {k.lower(): v for k, v in response.getheaders()}, text


SECURITY_HEADERS = ("x-content-type-options", "x-frame-options", "content-security-policy", "referrer-policy")


def test_nginx_s_own_answers_carry_the_security_headers(front, site_tree):
    """A missing static file, a refused media path, an upload over the limit: answered by nginx
    itself, with the headers, and the last with a Chinese page."""
    for method, path, body, expected in (
        ("GET", "/static/no-such-file.css", b"", 404),
        ("GET", "/media/documents/x.pdf", b"", 404),
        ("POST", "/zh-hans/", b"x" * (26 * 1024 * 1024), 413),
    ):
        status, headers, text = head_of(front, method, path, body)
        assert status == expected, path
        assert all(name in headers for name in SECURITY_HEADERS), (path, headers)
    assert "上传的文件过大" in text
    status, headers, _ = head_of(front, "GET", "/")
    assert headers["content-security-policy"].count("default-src") == 1  # the app's alone on its pages
