"""Nothing internal reaches an anonymous visitor: a crawl of every public URL of the demo site
(pages in three languages, feeds, sitemap, search, documents, error pages) finds no internal words
and no link into the section; search for each internal title finds nothing."""

import re
from collections import deque
from html import unescape
from urllib.parse import urldefrag, urlsplit

import pytest

from internal.models import MeetingPage, Resolution, TrainingSessionPage

pytestmark = pytest.mark.django_db
LINK = re.compile(r"""(?:href|src)=["']([^"']+)["']|<loc>([^<]+)</loc>""")
SKIP = ("/admin/", "/static/", "/preferences/")
CRAWL_LIMIT = 1500


def internal_words():
    words = set(MeetingPage.objects.values_list("title", flat=True))
    words |= set(TrainingSessionPage.objects.values_list("title", flat=True))
    words |= {text for text in Resolution.objects.values_list("requirement", flat=True)}
    return sorted(words)


def local_path(url):
    url = unescape(urldefrag(url)[0])
    parts = urlsplit(url)
    if parts.scheme and parts.netloc not in ("testserver", "localhost"):
        return None
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    if not path.startswith("/") or path.startswith(SKIP):
        return None
    return path


def crawl(client, start):
    seen, queue, bodies = set(start), deque(start), {}
    while queue and len(seen) < CRAWL_LIMIT:
        path = queue.popleft()
        response = client.get(path)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        text = body.decode("utf-8", "replace")
        bodies[path] = (response.status_code, text)
        if "html" not in response.get("Content-Type", "") and "xml" not in response.get("Content-Type", ""):
            continue
        for match in LINK.finditer(text):
            target = local_path(match.group(1) or match.group(2))
            if target and target not in seen and not target.startswith("/internal"):
                seen.add(target)
                queue.append(target)
    return bodies


def test_a_crawl_of_the_public_site_finds_nothing_internal(client, demo_site):
    words = internal_words()
    assert len(words) > 25  # the demo's meetings, trainings and resolutions
    start = [
        "/",
        "/en/",
        "/bo/",
        "/sitemap.xml",
        "/robots.txt",
        "/search/?q=会议",
        "/search/?q=培训",
        "/no-such-page/",
    ]
    bodies = crawl(client, start)
    assert len(bodies) > 100, "the crawl should reach the whole public site"
    assert any("/feed/" in path for path in bodies)
    for path, (status, text) in bodies.items():
        assert status < 500, path
        leaked = [word for word in words if word in text]
        assert not leaked, f"{path} shows internal text: {leaked[:3]}"
        assert 'href="/internal' not in text, f"{path} links into the internal section"


def test_search_for_internal_titles_finds_nothing_internal(client, demo_site):
    for word in internal_words():
        html = client.get("/search/", {"q": word[:60]}).content.decode()
        results = html.split('id="results"', 1)[-1] if 'id="results"' in html else html
        assert "/internal/" not in results, word


def test_every_internal_url_asks_anonymous_visitors_to_log_in(client, demo_site):
    internal = [page.url for page in MeetingPage.objects.all()] + [
        page.url for page in TrainingSessionPage.objects.all()
    ]
    for url in ["/internal/", *internal, "/admin/resolutions/", "/admin/resolutions/report/?export=xlsx"]:
        response = client.get(url)
        assert response.status_code == 302 and "login" in response["Location"], url
