"""The whole site mounted under a path prefix (a 专栏 of the county portal), through the real
WSGI application, whether the reverse proxy strips the prefix or passes it on."""

import io
import re

import pytest
from django.urls import clear_script_prefix, set_script_prefix

from config.mount import MountedUnderPrefix

pytestmark = pytest.mark.django_db


@pytest.fixture
def mounted(settings):
    settings.URL_PREFIX = "/fjld"
    settings.FORCE_SCRIPT_NAME = "/fjld"
    settings.SESSION_COOKIE_PATH = "/fjld/"
    set_script_prefix("/fjld/")  # as django.setup() does with FORCE_SCRIPT_NAME at start-up
    # Re-setting STATIC_URL resets the static storage, whose base URL was computed unprefixed
    # earlier in this test process (a deployment computes it once, with the prefix).
    settings.STATIC_URL = "static/"
    from django.core.handlers.wsgi import WSGIHandler
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    # As Django's test client does: a request must not close the test's transaction.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    app = MountedUnderPrefix(WSGIHandler())

    def get(path, **extra):
        environ = {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": path.split("?")[0],
            "QUERY_STRING": path.split("?")[1] if "?" in path else "",
            "SERVER_NAME": "testserver",
            "SERVER_PORT": "80",
            "HTTP_HOST": "testserver",
            "wsgi.url_scheme": "http",
            "wsgi.input": io.BytesIO(b""),
            "wsgi.errors": io.StringIO(),
            **extra,
        }
        captured = {}

        def start_response(status, headers, exc_info=None):
            captured["status"] = int(status.split()[0])
            captured["headers"] = dict(headers)

        body = b"".join(app(environ, start_response)).decode()
        return captured["status"], captured["headers"], body

    yield get
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)
    clear_script_prefix()
    set_script_prefix("/")


@pytest.mark.parametrize("proxy_strips_prefix", [False, True])
def test_pages_answer_under_the_prefix_and_every_link_keeps_it(mounted, site_tree, proxy_strips_prefix):
    path = "/" if proxy_strips_prefix else "/fjld/"
    status, _, html = mounted(path)
    assert status == 200
    assert "主办单位" in html
    links = re.findall(r'(?:href|src|action)="(/[^"]*)"', html)
    assert links, "no site-relative links found"
    assert all(link.startswith("/fjld/") for link in links), [
        link for link in links if not link.startswith("/fjld/")
    ]
    assert 'href="/fjld/static/css/site.css"' in html
    assert 'href="/fjld/campaigns/"' in html
    assert 'action="/fjld/search/"' in html


def test_column_pages_sitemap_robots_and_admin_under_the_prefix(mounted, site_tree):
    status, _, html = mounted("/fjld/disclosures/")
    assert status == 200 and "信息公开" in html
    status, _, xml = mounted("/fjld/sitemap.xml")
    assert status == 200
    assert "<loc>http://testserver/fjld/campaigns/</loc>" in xml
    status, _, robots = mounted("/fjld/robots.txt")
    assert "Disallow: /fjld/admin/" in robots
    assert "Sitemap: http://testserver/fjld/sitemap.xml" in robots
    status, headers, _ = mounted("/fjld/admin/")
    assert status == 302 and headers["Location"].startswith("/fjld/admin/login/")
    status, _, login = mounted("/fjld/admin/login/")
    assert status == 200 and 'action="/fjld/admin/login/' in login


def test_static_files_are_served_under_the_prefix(mounted, site_tree):
    status, _, body = mounted("/fjld/static/css/site.css")
    assert status == 200
    assert "府检联动" in body


def test_qr_code_and_preferences_keep_the_prefix(mounted, site_tree):
    status, _, html = mounted("/fjld/campaigns/")
    assert "当前页面地址的二维码：http://testserver/fjld/campaigns/" in html
    assert 'href="/fjld/preferences/?font=large&amp;next=/fjld/campaigns/"' in html
    status, headers, _ = mounted("/fjld/preferences/", QUERY_STRING="font=large&next=/fjld/campaigns/")
    assert status == 302
    assert headers["Location"] == "/fjld/campaigns/"
