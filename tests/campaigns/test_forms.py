import datetime

import pytest
from django.utils import timezone
from wagtail.contrib.forms.models import FormSubmission

from campaigns.jobs import purge_expired_submissions
from campaigns.roles import PUBLICITY
from disclosures.roles import DISCLOSURE_OFFICERS
from home.registries.roles import REVIEWERS, apply_roles
from tests.factories import FRAUD_QUIZ_RIGHT, UserFactory, add_fraud_quiz

pytestmark = pytest.mark.django_db


@pytest.fixture
def quiz(site_tree):
    return add_fraud_quiz(site_tree["campaigns"], name_label="姓名")


def field_names(page):
    return [f.clean_name for f in page.get_form_fields()]


def test_quiz_is_scored_after_submitting(client, quiz):
    names = field_names(quiz)
    data = {names[0]: "王某", names[1]: FRAUD_QUIZ_RIGHT, names[2]: "会", "personal_info_consent": "on"}
    response = client.post(quiz.url, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "您的得分：50 / 100 分" in html
    assert "正确答案：不会" in html
    assert FormSubmission.objects.filter(page=quiz).count() == 1


def test_consent_is_required_and_nothing_is_saved_without_it(client, quiz):
    names = field_names(quiz)
    response = client.post(quiz.url, {names[0]: "王某", names[1]: FRAUD_QUIZ_RIGHT, names[2]: "不会"})
    assert response.status_code == 200
    assert "请阅读并勾选同意个人信息处理说明后再提交" in response.content.decode()
    assert not FormSubmission.objects.exists()


def test_submissions_are_rate_limited_per_client(client, quiz, settings):
    settings.FORM_RATE_LIMIT = (2, 600)
    names = field_names(quiz)
    data = {names[0]: "王某", names[1]: FRAUD_QUIZ_RIGHT, names[2]: "不会", "personal_info_consent": "on"}
    assert client.post(quiz.url, data).status_code == 200
    assert client.post(quiz.url, data).status_code == 200
    blocked = client.post(quiz.url, data)
    assert blocked.status_code == 429
    assert "提交过于频繁" in blocked.content.decode()
    assert FormSubmission.objects.count() == 2


def test_invalid_posts_use_up_nothing_and_the_limit_is_per_address(client, quiz, settings):
    """Only valid submissions count; the count lives in the shared cache (a table here, Redis in
    production), keyed on the client's address as the trusted proxies report it."""
    from django.core.cache import caches

    settings.FORM_RATE_LIMIT = (2, 600)
    settings.TRUSTED_PROXY_COUNT = 1
    names = field_names(quiz)
    data = {names[0]: "王某", names[1]: FRAUD_QUIZ_RIGHT, names[2]: "不会", "personal_info_consent": "on"}
    for _ in range(5):  # no consent: refused with the form again, and not counted
        assert (
            client.post(
                quiz.url, {**data, "personal_info_consent": ""}, HTTP_X_FORWARDED_FOR="203.0.113.5"
            ).status_code
            == 200
        )
    for _ in range(2):
        assert client.post(quiz.url, data, HTTP_X_FORWARDED_FOR="203.0.113.5").status_code == 200
    assert client.post(quiz.url, data, HTTP_X_FORWARDED_FOR="203.0.113.5").status_code == 429
    assert (
        client.post(quiz.url, data, HTTP_X_FORWARDED_FOR="198.51.100.6").status_code == 200
    )  # another citizen
    assert FormSubmission.objects.count() == 3
    assert type(caches["ratelimit"]).__name__ in {"DatabaseCache", "RedisCache"}  # shared by all workers


def test_the_submissions_export_neutralises_formulas_and_shows_local_time(client, quiz):
    from django.contrib.auth import get_user_model

    names = field_names(quiz)
    for name in (
        '=HYPERLINK("http://evil.example","点我")',
        "=cmd|' /C calc'!A0",
        "@SUM(1+1)",
        "+86 1",
        "-2+3",
    ):
        client.post(
            quiz.url,
            {names[0]: name, names[1]: FRAUD_QUIZ_RIGHT, names[2]: "不会", "personal_info_consent": "on"},
        )
    admin = get_user_model().objects.create_superuser("exporter", "e@example.gov.cn", "Fjld-导出-2026")
    client.force_login(admin)
    csv_text = b"".join(
        client.get(f"/admin/forms/submissions/{quiz.pk}/?export=csv").streaming_content
    ).decode()
    for line in csv_text.splitlines()[1:]:
        first = line.split(",")[1] if line.count(",") else line
        assert not first.lstrip('"').startswith(("=", "+", "-", "@")), line
    assert "'=HYPERLINK" in csv_text and "'=cmd" in csv_text


def test_injected_html_in_a_form_is_stored_as_text_and_escaped(client, quiz):
    names = field_names(quiz)
    data = {
        names[0]: "<script>alert(1)</script>",
        names[1]: FRAUD_QUIZ_RIGHT,
        names[2]: "不会",
        "personal_info_consent": "on",
    }
    response = client.post(quiz.url, data)
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_only_permitted_groups_see_and_export_submissions(client, quiz):
    apply_roles()
    FormSubmission.objects.create(page=quiz, form_data={field_names(quiz)[0]: "王某"})
    url = f"/admin/forms/submissions/{quiz.pk}/"
    for group, allowed in ((PUBLICITY, True), (REVIEWERS, True), (DISCLOSURE_OFFICERS, False)):
        client.force_login(UserFactory(groups=[group]))
        response = client.get(url)
        assert (response.status_code == 200) is allowed, group
        export = client.get(url, {"export": "csv"})
        exported = b"".join(export.streaming_content).decode() if export.status_code == 200 else ""
        assert ("王某" in exported) is allowed, group
    client.force_login(UserFactory(groups=[PUBLICITY]))
    assert "反诈有奖竞答" in client.get("/admin/forms/").content.decode()
    client.force_login(UserFactory(groups=[DISCLOSURE_OFFICERS]))
    assert "反诈有奖竞答" not in client.get("/admin/forms/").content.decode()


def test_expired_submissions_are_purged(quiz):
    quiz.retention_days = 30
    quiz.save()
    old = FormSubmission.objects.create(page=quiz, form_data={})
    FormSubmission.objects.filter(pk=old.pk).update(submit_time=timezone.now() - datetime.timedelta(days=31))
    recent = FormSubmission.objects.create(page=quiz, form_data={})
    assert purge_expired_submissions() == 1
    assert list(FormSubmission.objects.values_list("pk", flat=True)) == [recent.pk]


def test_purge_is_a_registered_daily_job():
    from home.registries.jobs import REGISTRY

    assert REGISTRY["purge_expired_submissions"].func == "campaigns.jobs.purge_expired_submissions"
