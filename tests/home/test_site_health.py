"""网站自查: `site_health --json` on the demo site reports each kind of problem a test plants, and
none on a site whose staff keep it up to date; the admin report and the weekly e-mail."""

import datetime
import io
import json

import pytest
from django.core import mail
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone
from wagtail.contrib.forms.models import FormSubmission
from wagtail.documents.models import Document
from wagtail.models import Page

from campaigns.models import CampaignIndexPage, CampaignPage, CaseIndexPage, ConsultationReply, FormPage
from disclosures.models import DisclosureIndexPage, PolicyDocumentPage
from home.operations.self_check import weekly_site_health
from tests.factories import CampaignPageFactory, UserFactory

pytestmark = pytest.mark.django_db


def site_health() -> dict:
    out = io.StringIO()
    call_command("site_health", "--json", stdout=out)
    return json.loads(out.getvalue())


@pytest.fixture
def maintained(demo_site):
    """The demo site as a maintained site is: everything published within the last few days."""
    recent = timezone.now() - datetime.timedelta(days=2)
    Page.objects.filter(live=True).update(first_published_at=recent, last_published_at=recent)
    # A maintained site publishes a column's translation once it has items in that language.
    for column in (CaseIndexPage, DisclosureIndexPage):
        for translation in column.objects.exclude(locale__language_code="zh-hans"):
            translation.unpublish()
    # … and has entered next year's holidays once the 国务院办公厅 published them
    from home.models import HolidayArrangement

    next_year = timezone.localdate().year + 1
    HolidayArrangement.objects.update_or_create(
        year=next_year, defaults={"confirmed": True, "source": "通知"}
    )
    return demo_site


def kinds(report):
    return {problem["check"] for problem in report["problems"]}


def test_a_maintained_demo_site_has_no_problems(maintained):
    report = site_health()
    assert report["ok"], report["problems"]
    assert set(report["counts"]) == {
        "stale_home",
        "stale_column",
        "empty_column",
        "empty_translated_column",
        "broken_link",
        "on_request_text",
        "information_request_due",
        "late_publication",
        "missing_annual_report",
        "unanswered_consultation",
        "personal_data",
        "holiday_arrangement",
        "acknowledgement_failed",
    }


def test_a_translated_column_with_nothing_in_its_language_is_counted_per_language(demo_site):
    """The demo publishes English and Tibetan 典型案例 and 信息公开 columns with no item in those
    languages yet: /en/ and /bo/ hide them, and 网站自查 says so, language by language."""
    problems = [p for p in site_health()["problems"] if p["check"] == "empty_translated_column"]
    messages = sorted(p["message"] for p in problems)
    assert len(problems) == 4
    assert sum("英文版栏目" in m for m in messages) == 2
    assert sum("藏文版栏目" in m for m in messages) == 2
    assert any("Typical cases" in m and "中文版有24条" in m for m in messages)


def test_each_planted_problem_is_reported(maintained):
    now = timezone.now()
    # a stale column: no new case for 200 days (policy-like, 180); the campaigns column is news-like
    cases = CaseIndexPage.objects.get(locale__language_code="zh-hans")
    cases.get_children().update(first_published_at=now - datetime.timedelta(days=200))
    # an empty column
    campaigns = CampaignIndexPage.objects.get(locale__language_code="zh-hans")
    empty = campaigns.get_parent().add_child(instance=CaseIndexPage(title="以案释法", slug="yianshifa"))
    # a broken link: a campaign links to a document whose file is gone, and to a deleted page
    document = Document.objects.create(title="宣传册", file=ContentFile(b"%PDF-1.4", name="xuanchuance.pdf"))
    document.file.storage.delete(document.file.name)
    doomed = CampaignPageFactory(parent=campaigns, title="将被删除的活动", slug="doomed")
    linking = CampaignPageFactory(
        parent=campaigns,
        title="宪法宣传周",
        slug="xianfa-week",
        body=[
            (
                "paragraph",
                f'<p>详见<a linktype="document" id="{document.pk}">宣传册</a>和'
                f'<a linktype="page" id="{doomed.pk}">往期活动</a>。</p>',
            )
        ],
    )
    linking.save_revision().publish()
    doomed.delete()
    # 依申请公开 text held in a public page
    on_request = PolicyDocumentPage.objects.filter(disclosure_mode="on_request").first()
    on_request.body = [("paragraph", "<p>正文内容。</p>")]
    on_request.save_revision().publish()
    # a consultation unanswered for 100 days, and one answered
    consultation = FormPage.objects.get(kind="consultation", locale__language_code="zh-hans")
    old = FormSubmission.objects.create(page=consultation, form_data={"问题": "土地承包纠纷怎么办？"})
    answered = FormSubmission.objects.create(page=consultation, form_data={"问题": "如何申请法律援助？"})
    FormSubmission.objects.filter(pk__in=[old.pk, answered.pk]).update(
        submit_time=now - datetime.timedelta(days=100)
    )
    ConsultationReply.objects.create(submission=answered, text="已电话答复。", replied_by=UserFactory())
    # an ID number in text published before the guard existed (saved without validation)
    leaky = CampaignPage.objects.filter(locale__language_code="zh-hans").live().first()
    leaky.summary = "联系人身份证号 11010519491231002X。"
    leaky.save(clean=False)

    report = site_health()
    assert not report["ok"]
    assert kinds(report) == {
        "stale_column",
        "empty_column",
        "broken_link",
        "on_request_text",
        "unanswered_consultation",
        "personal_data",
    }
    messages = {p["check"]: [] for p in report["problems"]}
    for p in report["problems"]:
        messages[p["check"]].append(p["message"])
    assert any("典型案例" in m and "200天" in m for m in messages["stale_column"])
    assert any("以案释法" in m for m in messages["empty_column"])
    assert any("宣传册" in m and "找不到文件" in m for m in messages["broken_link"])
    assert any("已被删除" in m for m in messages["broken_link"])
    assert messages["unanswered_consultation"] == [
        m for m in messages["unanswered_consultation"] if "1条" in m
    ]
    assert any("身份证" in m and "1101" in m for m in messages["personal_data"])
    assert empty.pk in {p["page_id"] for p in report["problems"]}


def test_a_stale_home_page_is_reported(maintained):
    Page.objects.filter(live=True).update(last_published_at=timezone.now() - datetime.timedelta(days=20))
    assert "stale_home" in kinds(site_health())


def test_text_output_and_the_weekly_email(maintained):
    out = io.StringIO()
    call_command("site_health", stdout=out)
    assert "未发现问题" in out.getvalue()
    UserFactory(groups=["联席会议办公室"], email="office@example.gov.cn")
    assert weekly_site_health() >= 1
    (message,) = mail.outbox
    assert "【网站自查】" in message.subject and "office@example.gov.cn" in message.to


def test_admin_report_shows_the_latest_run_and_checks_on_request(client, maintained):
    from home.registries.roles import apply_roles

    apply_roles()
    client.force_login(UserFactory(groups=["审核人员"]))
    assert "还没有检查记录" in client.get("/admin/reports/site-health/").content.decode()
    response = client.post("/admin/reports/site-health/", follow=True)  # immediate task backend in tests
    assert "未发现问题" in response.content.decode()
    client.force_login(UserFactory(groups=["成员单位联络员"]))
    assert client.get("/admin/reports/site-health/").status_code == 302  # not theirs
