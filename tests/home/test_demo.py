import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Page, PageViewRestriction

from disclosures.models import DisclosureMode, PolicyDocumentPage

pytestmark = pytest.mark.django_db


def test_load_demo_builds_the_tree_and_is_idempotent(demo_site, client):
    pages_before = Page.objects.count()
    revisions_before = sum(p.revisions.count() for p in Page.objects.all())
    call_command("load_demo", verbosity=0)
    assert Page.objects.count() == pages_before
    assert sum(p.revisions.count() for p in Page.objects.all()) == revisions_before

    for path in ("/", "/campaigns/", "/cases/", "/disclosures/", "/en/", "/bo/", "/en/campaigns/"):
        assert client.get(path).status_code == 200, path
    assert client.get("/internal/").status_code == 302  # login first


def test_seed_documents_are_published_with_their_real_numbers(demo_site, client):
    documents = {
        d.document_number: d for d in PolicyDocumentPage.objects.filter(locale__language_code="zh-hans")
    }
    assert {"永政发〔2026〕29号", "山政发〔2025〕8号"} <= set(documents)
    assert PolicyDocumentPage.objects.filter(title__contains="九寨沟").exists()

    shandan = documents["山政发〔2025〕8号"]
    html = client.get(shandan.url).content.decode()
    assert "深化“八五”普法工作" in html
    assert "山丹县人民政府 山丹县人民检察院" in html

    yongchang = documents["永政发〔2026〕29号"]
    assert yongchang.disclosure_mode == DisclosureMode.ON_REQUEST  # as the seed document says
    html = client.get(yongchang.url).content.decode()
    assert "依申请公开" in html
    assert "民生诉求研判解决协作机制" not in html  # its text is not published


def test_demo_identity_and_internal_restriction(demo_site, client):
    html = client.get("/").content.decode()
    assert "永昌县人民政府 永昌县人民检察院" in html
    internal = Page.objects.get(slug="internal", locale__language_code="zh-hans")
    restriction = PageViewRestriction.objects.get(page=internal)
    assert restriction.restriction_type == PageViewRestriction.GROUPS
    assert set(restriction.groups.values_list("name", flat=True)) == {"联席会议办公室", "成员单位联络员"}


def test_demo_logins_are_created_once_and_reported(demo_site, tmp_path, settings, capsys):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.password_validation import validate_password

    settings.VAR_DIR = tmp_path
    call_command("ensure_demo_logins")
    first = capsys.readouterr().out
    password = (tmp_path / "demo-logins.txt").read_text().strip()
    assert password in first
    admin = get_user_model().objects.get(username="admin")
    assert admin.is_superuser and admin.check_password(password)
    validate_password(password)  # the generated password passes the policy it will be held to
    call_command("ensure_demo_logins")
    assert password in capsys.readouterr().out
    assert get_user_model().objects.get(username="xuanchuan").groups.filter(name="宣传人员").exists()


def test_demo_names_read_whole_and_the_liaison_has_a_unit(demo_site, tmp_path, settings):
    """Chinese names are not split into Django's first/last (“传人员（演示） 宣”), neither in the
    admin nor in the greeting of a reminder; the demo liaison reports for 永昌县司法局."""
    from django.contrib.auth import get_user_model

    from home.people import display_name

    settings.VAR_DIR = tmp_path
    User = get_user_model()
    User.objects.create_user("xuanchuan", first_name="传人员（演示）", last_name="宣")  # an older split
    call_command("ensure_demo_logins")
    for username, name in [("admin", "系统管理员"), ("xuanchuan", "宣传人员（演示）")]:
        user = User.objects.get(username=username)
        assert user.get_full_name() == name and display_name(user) == name
    liaison = User.objects.get(username="lianluoyuan")
    assert [unit.name for unit in liaison.member_units.all()] == ["永昌县司法局"]
    assert display_name(User(first_name="明", last_name="王")) == "王明"
    assert display_name(User(first_name="Ming", last_name="Wang")) == "Ming Wang"


def test_demo_password_can_be_reset_through_the_environment(demo_site, tmp_path, settings, monkeypatch):
    from django.contrib.auth import get_user_model

    settings.VAR_DIR = tmp_path
    call_command("ensure_demo_logins")
    monkeypatch.setenv("DEMO_PASSWORD", "新的演示密码-2026Ab")
    call_command("ensure_demo_logins")
    assert get_user_model().objects.get(username="zhongshen").check_password("新的演示密码-2026Ab")
    assert (tmp_path / "demo-logins.txt").read_text().strip() == "新的演示密码-2026Ab"
    monkeypatch.setenv("DEMO_PASSWORD", "123456")
    with pytest.raises(CommandError, match="不符合密码规则"):
        call_command("ensure_demo_logins")


def test_the_demo_is_current_on_whatever_day_it_is_loaded(today, client):
    """Its recent items stand around the day it is loaded; its seed documents keep their real dates."""
    import datetime

    from campaigns.models import CampaignPage
    from disclosures.models import ReleaseKind, StatisticsReleasePage
    from internal.models import MeetingPage, Recommendation, Resolution
    from internal.recommendations import with_states

    call_command("load_demo", verbosity=0)
    days = datetime.timedelta

    under_way = CampaignPage.objects.filter(start_date__lte=today, end_date__gte=today)
    assert under_way.exists() and "进行中" in client.get("/campaigns/").content.decode()

    latest_meeting = MeetingPage.objects.order_by("-date").first()
    assert today - days(120) <= latest_meeting.date <= today
    assert latest_meeting.title.startswith(f"{latest_meeting.date.year}年第")
    assert Resolution.objects.filter(deadline__gt=today, deadline__lte=today + days(62)).exists()

    recommendations = with_states(Recommendation.objects.with_records(), today)
    due = [r.reply_due for r in recommendations if r.reply_due and r.state in ("delivered", "awaiting_reply")]
    assert any(today < day <= today + days(14) for day in due), due  # a reply falls due soon
    assert all(r.delivered_on > today - days(400) for r in recommendations)  # no ledger years stale

    latest_release = StatisticsReleasePage.objects.filter(kind=ReleaseKind.PROCURATORATE).order_by(
        "-first_published_at"
    )[0]
    assert today - days(100) <= latest_release.first_published_at.date() <= today

    seed = PolicyDocumentPage.objects.get(
        document_number="永政发〔2026〕29号", locale__language_code="zh-hans"
    )
    assert seed.written_date == datetime.date(2026, 3, 26)  # history keeps its date
