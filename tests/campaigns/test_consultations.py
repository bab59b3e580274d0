"""法律咨询答复 as a Wagtail report: unanswered first, the answered on request, a reply recorded in
the row, for staff who may see submissions only, and the same number of queries at any length."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.contrib.forms.models import FormSubmission

from campaigns.models import ConsultationReply
from home.registries.roles import apply_roles
from tests.factories import FormPageFactory, UserFactory

pytestmark = pytest.mark.django_db
URL = "/admin/consultations/"


@pytest.fixture
def consultation(site_tree):
    apply_roles()
    return FormPageFactory(parent=site_tree["campaigns"], title="在线法律咨询", slug="ask")


@pytest.fixture
def staff(client):
    client.force_login(UserFactory(username="xuanchuan", groups=["宣传人员"]))
    return client


def ask(page, question):
    return FormSubmission.objects.create(page=page, form_data={"问题": question})


def test_unanswered_first_then_a_reply_in_the_row(staff, consultation):
    first = ask(consultation, "土地承包纠纷怎么办？")
    ask(consultation, "如何申请法律援助？")
    listing = staff.get(URL).content.decode()
    assert listing.index("土地承包纠纷") < listing.index("如何申请法律援助") and "记录答复" in listing
    assert staff.post(f"{URL}{first.pk}/reply/", {"text": "已电话答复，建议申请调解。"}).status_code == 302
    assert ConsultationReply.objects.get().submission == first
    unanswered = staff.get(URL).content.decode()
    assert "土地承包纠纷" not in unanswered and "如何申请法律援助" in unanswered
    answered = staff.get(f"{URL}?status=answered").content.decode()
    assert "已电话答复" in answered and "如何申请法律援助" not in answered
    assert (
        "这条咨询已经答复过了"
        in staff.post(f"{URL}{first.pk}/reply/", {"text": "再答一次"}, follow=True).content.decode()
    )
    assert ConsultationReply.objects.count() == 1


@pytest.mark.parametrize("bad", ["?status=nonsense", "?status=%00", "?status=' OR 1=1 --", "?p=999"])
def test_a_bad_filter_or_page_gets_a_message_not_an_error(staff, consultation, bad):
    ask(consultation, "工伤认定需要多久？")
    response = staff.get(URL + bad, follow=True)
    assert response.status_code in {200, 400, 404} and "Traceback" not in response.content.decode()


def test_an_empty_reply_is_refused_and_nothing_saved(staff, consultation):
    question = ask(consultation, "拖欠工资去哪里投诉？")
    page = staff.post(f"{URL}{question.pk}/reply/", {"text": "   "}, follow=True).content.decode()
    assert "请填写答复内容" in page and not ConsultationReply.objects.exists()


def test_staff_who_may_not_see_submissions_are_refused(client, consultation):
    ask(consultation, "个人信息")
    client.force_login(UserFactory(username="gongkai", groups=["信息公开专员"]))
    response = client.get(URL)
    assert response.status_code in {302, 403} and "个人信息" not in response.content.decode()


def test_the_list_makes_the_same_number_of_queries_at_any_length(staff, consultation):
    def count():
        with CaptureQueriesContext(connection) as queries:
            assert staff.get(f"{URL}?status=all").status_code == 200
        return len(queries)

    replier = UserFactory(username="dafu")
    for n in range(3):
        ConsultationReply.objects.create(
            submission=ask(consultation, f"问题{n}"), text="已答复。", replied_by=replier
        )
    count()
    few = count()
    for n in range(12):
        ConsultationReply.objects.create(
            submission=ask(consultation, f"更多{n}"), text="已答复。", replied_by=replier
        )
    assert count() == few
