"""No input gives a 500: a table of what attackers and clumsy fingers send (quotes, search-engine
operators, NUL, invalid UTF-8, over-long values, huge page numbers, markup, control characters),
sent to every public URL that takes parameters, on the demo site — on SQLite and PostgreSQL."""

from urllib.parse import quote

import pytest

pytestmark = pytest.mark.django_db

# Text values, percent-encoded when sent.
TEXT = [
    '"', "'", '"\';--', "'; DROP TABLE wagtailcore_page; --", '" OR 1=1 --', "' OR '1'='1",
    "诈骗\"", '"诈骗', "电信 AND 诈骗", "OR", "NOT 诈骗", "诈骗 NEAR(骗 子)", "a*", "*", "^诈骗", "诈骗:骗",
    "title:诈骗", "(诈骗", "诈骗)", "{诈骗}", "诈骗 & 骗 | !子", "<->", "a<->b", "!!!", "&&", "||",
    "\\", "\\\\'", "%", "%%", "_", "__", "--", "/*", "*/", "..", "../../etc/passwd", "%2e%2e%2f",
    "<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "javascript:alert(1)", "{{7*7}}",
    "{% debug %}", "${7*7}", "\u202e诈骗", "诈\u200b骗", "\ufeff", "🙂" * 10, "ཁྲིམས་ལུགས།", "１２３",
    "ａｂｃ", " ", "\t", "\r\n", "\n\n诈骗", "0", "-1", "1e309", "NaN", "Infinity", "None", "null",
    "true", "[]", "{}", "x" * 3000, "诈" * 3000, "1" * 400, str(10**30), "-" + str(10**30), "0x10",
    "1.5", "2026-13-45", "https://evil.example/", "//evil.example", "/\\evil.example",
]  # fmt: skip
# Already percent-encoded: what cannot be a Python str in a URL (NUL, bytes that are not UTF-8).
RAW = [
    "%00",
    "a%00b",
    "%00%00%00",
    "%ff",
    "%fe%ff",
    "%c3%28",
    "%e4%b8",
    "%80",
    "%ed%a0%80",
    "%f8%88%80%80%80",
]

PARAMETER_URLS = [
    "/search/?q={v}",
    "/search/?q=%E8%AF%88%E9%AA%97&section={v}&page={v}",
    "/en/search/?q={v}",
    "/campaigns/?venue={v}&area={v}&year={v}&status={v}&page={v}",
    "/cases/?category={v}&area={v}&batch={v}&year={v}&page={v}",
    "/disclosures/?kind={v}&year={v}&unit={v}&topic={v}&page={v}",
    "/campaigns/feed/?page={v}",
    "/preferences/?size={v}&contrast={v}&next={v}",
    "/sitemap.xml?p={v}",
    "/?q={v}",
]


def test_the_table_is_large_enough():
    assert len(TEXT) + len(RAW) >= 60


STATISTICS_RELEASE = "a statistics release?indicator={v}"


@pytest.mark.parametrize("template", [*PARAMETER_URLS, STATISTICS_RELEASE])
def test_no_public_url_answers_500_to_hostile_input(client, demo_site, settings, template):
    """One URL per test, so that the workers share the thousand requests."""
    settings.SEARCH_RATE_LIMIT = (100_000, 60)  # this test is one busy client; the limit is tested elsewhere
    if template == STATISTICS_RELEASE:
        from disclosures.models import StatisticsReleasePage

        template = StatisticsReleasePage.objects.live().first().url + "?indicator={v}"
    values = [quote(text, safe="") for text in TEXT] + RAW
    failures = []
    for value in values:
        url = template.replace("{v}", value)
        status = client.get(url).status_code
        if status >= 500:
            failures.append((status, url[:200]))
    assert failures == []


@pytest.mark.parametrize(
    "path",
    [
        "/cases/" + "a" * 3000 + "/",
        "/" + "诈骗/" * 400,
        "/disclosures/" + "x" * 5000,
        "/campaigns/%00/",
        "/campaigns/%ff%fe/",
        "/search/?q=" + "a" * 10_000,
        "/documents/999999/x.pdf",
        "/documents/1/" + "b" * 2000 + ".pdf",
        "/static/" + "../" * 20 + "etc/passwd",
        "/media/original_images/../../manage.py",
    ],
)
def test_over_long_and_odd_paths_get_an_answer_not_an_error(client, site_tree, path):
    assert client.get(path).status_code < 500


def test_a_nul_in_a_form_post_is_refused_cleanly(client, demo_site):
    from campaigns.models import FormPage

    form = FormPage.objects.live().first()
    response = client.post(form.url + "?x=%00", {"personal_info_consent": "on"})
    assert response.status_code == 400


def test_the_qr_code_encodes_the_page_not_the_query(client, site_tree):
    html = client.get("/cases/?year=2026&area=" + "x" * 2500).content.decode()
    assert '当前页面地址的二维码：http://testserver/cases/"' in html


def test_health_tells_anonymous_callers_only_up_or_down(client, site_tree, admin_client):
    body = client.get("/health/").json()
    assert set(body) == {"status"}
    detailed = admin_client.get("/health/").json()
    assert {"database", "queue", "status"} <= set(detailed)


def test_the_database_down_gives_503_with_retry_after(site_tree, monkeypatch):
    """Every connection refused (the server gone): the visitor gets a 503 to wait out, with
    Retry-After and nothing about hosts or errors; not a 500."""
    from django.db import OperationalError, connection
    from django.db.backends.base.base import BaseDatabaseWrapper
    from django.test import Client

    def refuse(self):
        raise OperationalError('connection to server at "10.1.2.3", port 5432 failed: Connection refused')

    client = Client(raise_request_exception=False)
    connection.close()
    monkeypatch.setattr(BaseDatabaseWrapper, "ensure_connection", refuse)
    try:
        response = client.get("/cases/")
    finally:
        monkeypatch.undo()
    assert response.status_code == 503 and response["Retry-After"] == "120"
    body = response.content.decode()
    assert "暂时无法访问" in body and "10.1.2.3" not in body and "5432" not in body


@pytest.mark.parametrize(
    "value",
    [
        "\x00",
        "a\x00b",
        "x" * 200_000,
        "诈" * 50_000,
        "\"';--",
        "<script>alert(1)</script>",
        "=cmd|' /C calc'!A0",
    ],
)
def test_over_long_and_hostile_fields_in_every_form_get_an_answer(client, demo_site, value, settings):
    """Every public form (quiz, sign-up, consultation) and both login forms, every field filled with
    the value: a page with the form again or a thank-you, never a 500."""
    from campaigns.models import FormPage

    settings.FORM_RATE_LIMIT = (1000, 600)
    for form in FormPage.objects.live():
        data = {field.clean_name: value for field in form.get_form_fields()}
        data["personal_info_consent"] = "on"
        assert client.post(form.url, data).status_code < 500, form.title
    for url in ("/admin/login/", "/_util/login/"):
        assert client.post(url, {"username": value, "password": value}).status_code < 500
