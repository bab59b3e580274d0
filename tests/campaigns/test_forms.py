import datetime

import pytest
from django.utils import timezone
from wagtail.contrib.forms.models import FormSubmission

from campaigns.jobs import purge_expired_submissions
from campaigns.roles import PUBLICITY
from disclosures.roles import DISCLOSURE_OFFICERS
from home.roles import REVIEWERS, apply_roles
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
    from config.schedule import REGISTRY

    assert REGISTRY["purge_expired_submissions"].func == "campaigns.jobs.purge_expired_submissions"
