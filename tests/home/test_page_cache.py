"""The anonymous page cache: public pages come from the cache for anonymous visitors; it never
keeps what is personal (logged-in users, forms with a CSRF token, internal pages, previews, one
reader's display preferences), and a publish, unpublish, move, delete or a change to what pages
show makes every page render afresh."""

import pytest
from django.test import override_settings

from campaigns.models import LegalArea
from home.models import SiteSettings
from tests.factories import (
    CampaignPageFactory,
    CaseExamplePageFactory,
    FormFieldFactory,
    FormPageFactory,
    UserFactory,
    add_meeting,
)

pytestmark = pytest.mark.django_db


def state(response) -> str:
    return response.get("X-Page-Cache", "none")


def test_an_anonymous_page_is_rendered_once_then_served_from_the_cache(client, site_tree):
    first = client.get("/campaigns/")
    second = client.get("/campaigns/")
    assert (state(first), state(second)) == ("miss", "hit")
    assert second.content == first.content
    assert "Content-Security-Policy" in second and second["Content-Language"] == "zh-hans"
    assert second["X-Frame-Options"] == "DENY"


def test_a_new_publication_shows_at_once(client, site_tree):
    client.get("/campaigns/")
    client.get("/")
    campaign = CampaignPageFactory(parent=site_tree["campaigns"], title="宪法宣传周进社区")
    campaign.save_revision().publish()
    assert "宪法宣传周进社区" in client.get("/campaigns/").content.decode()
    assert state(client.get("/campaigns/")) == "hit"
    campaign.unpublish()
    assert "宪法宣传周进社区" not in client.get("/campaigns/").content.decode()


def test_an_edit_shows_at_once_on_the_page_its_list_home_and_feed(client, site_tree):
    case = CaseExamplePageFactory(parent=site_tree["cases"], title="王某帮信案")
    campaign = CampaignPageFactory(parent=site_tree["campaigns"], title="宪法宣传周")
    urls = (case.url, "/cases/", "/cases/?category=criminal", "/", campaign.url)
    for url in urls:
        client.get(url)
    assert all(state(client.get(url)) == "hit" for url in urls)
    case.title = "王某出租银行卡帮信案"
    case.save_revision().publish()
    for url in (case.url, "/cases/", "/cases/?category=criminal", "/"):
        response = client.get(url)
        assert state(response) == "miss" and "王某出租银行卡帮信案" in response.content.decode(), url
    assert "王某出租银行卡帮信案" in client.get("/cases/feed/").content.decode()


def test_a_campaign_citing_a_case_renews_the_case_page_when_it_cites_or_stops_citing(client, site_tree):
    case = CaseExamplePageFactory(parent=site_tree["cases"], title="王某冒充客服诈骗案")
    campaign = CampaignPageFactory(parent=site_tree["campaigns"], title="反诈宣传周")
    client.get(case.url)
    campaign.body = [("related_cases", {"title": "以案释法", "cases": [case]})]
    campaign.save_revision().publish()
    assert "反诈宣传周" in client.get(case.url).content.decode()
    campaign = campaign.specific_class.objects.get(pk=campaign.pk)
    campaign.body = [("paragraph", "<p>不再引用案例。</p>")]
    campaign.save_revision().publish()
    assert "反诈宣传周" not in client.get(case.url).content.decode()


def test_a_column_title_changes_every_page_menu(client, site_tree):
    campaign = CampaignPageFactory(parent=site_tree["campaigns"], title="宪法宣传周")
    client.get(campaign.url)
    cases = site_tree["cases"]
    cases.title = "以案释法"
    cases.save_revision().publish()
    assert "以案释法" in client.get(campaign.url).content.decode()


def test_a_taxonomy_or_settings_change_shows_at_once(client, site_tree):
    area = LegalArea.objects.create(name="电信网络诈骗", slug="telecom-fraud")
    client.get("/campaigns/")
    area.name = "电信网络诈骗防范"
    area.save()
    assert "电信网络诈骗防范" in client.get("/campaigns/").content.decode()
    settings = SiteSettings.for_site(site_tree["home"].get_site())
    settings.sponsor = "永昌县人民政府（新）"
    settings.save()
    assert "永昌县人民政府（新）" in client.get("/campaigns/").content.decode()


def test_readers_with_different_display_preferences_get_the_same_cached_html(client, site_tree):
    plain = client.get("/campaigns/")
    client.cookies["fjld_font"] = "xlarge"  # set by the toolbar's script: applied in the browser
    client.cookies["fjld_contrast"] = "high"
    large = client.get("/campaigns/")
    assert state(large) == "hit" and large.content == plain.content
    assert 'class=""' in large.content.decode() and "js/prefs.js" in large.content.decode()
    assert large["X-Accel-Expires"] == "300" and "Cache-Control" not in large


def test_a_reader_without_javascript_gets_pages_rendered_with_their_choice(client, site_tree):
    client.get("/campaigns/")
    client.get("/preferences/", {"font": "xlarge", "contrast": "high", "next": "/campaigns/"})
    large = client.get("/campaigns/")
    assert state(large) == "none" and 'class="font-xlarge contrast-high"' in large.content.decode()
    assert "private" in large["Cache-Control"]  # nor may nginx keep it
    del client.cookies["fjld_server_prefs"]  # what prefs.js does once it runs
    assert state(client.get("/campaigns/")) == "hit"


def test_logged_in_users_and_internal_pages_are_never_cached(client, site_tree):
    meeting = add_meeting(site_tree["internal"], [], title="2026年第一次联席会议")
    assert client.get(meeting.url).status_code == 302  # to the login page
    user = UserFactory(groups=["联席会议办公室"])
    client.force_login(user)
    assert state(client.get(meeting.url)) == "none"
    assert state(client.get("/campaigns/")) == "none"  # logged in: rendered for them, not kept
    client.logout()
    for url in ("/search/?q=诈骗", "/admin/", "/information-requests/status/"):
        assert state(client.get(url)) == "none", url


def test_a_form_page_served_from_the_cache_posts_successfully(site_tree):
    from django.test import Client
    from wagtail.contrib.forms.models import FormSubmission

    form = FormPageFactory(parent=site_tree["campaigns"], title="法治宣传活动报名")
    name = FormFieldFactory(page=form, label="姓名", field_type="singleline")
    form.save_revision().publish()
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    assert state(first.get(form.url)) == "miss"
    cached = second.get(form.url)
    assert state(cached) == "hit" and "csrfmiddlewaretoken" not in cached.content.decode()
    data = {name.clean_name: "张三", "personal_info_consent": "on"}
    posted = second.post(form.url, data, HTTP_ORIGIN="http://testserver")
    assert posted.status_code == 200 and "张三" in FormSubmission.objects.get().form_data.values()
    assert state(posted) == "none" and "private" in posted["Cache-Control"]
    # another site's page, or a post that names no origin, is refused: nothing is saved
    for origin in ({"HTTP_ORIGIN": "https://evil.example"}, {"HTTP_ORIGIN": "null"}, {}):
        assert second.post(form.url, data, **origin).status_code == 403
    assert FormSubmission.objects.count() == 1


def test_the_login_and_the_information_request_form_keep_the_token_check(site_tree):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    for url in ("/admin/login/", "/information-requests/apply/"):
        assert browser.post(url, {}, HTTP_ORIGIN="http://testserver").status_code == 403, url


def test_the_cache_can_be_turned_off(client, site_tree):
    with override_settings(PAGE_CACHE_SECONDS=0):
        assert state(client.get("/campaigns/")) == "none"
        assert state(client.get("/campaigns/")) == "none"


def test_a_deleted_or_moved_page_leaves_the_cache(client, site_tree):
    campaign = CampaignPageFactory(parent=site_tree["campaigns"], title="即将删除的活动")
    campaign.save_revision().publish()
    assert "即将删除的活动" in client.get("/campaigns/").content.decode()
    campaign.delete()
    assert "即将删除的活动" not in client.get("/campaigns/").content.decode()


def test_an_unreachable_cache_stops_neither_publishing_nor_pages(client, site_tree, monkeypatch):
    from django.core.cache import caches

    def down(*args, **kwargs):
        raise ConnectionError("redis down")

    pages = caches["pages"]
    for name in ("get", "set", "incr", "get_or_set"):
        monkeypatch.setattr(pages, name, down)
    campaign = CampaignPageFactory(parent=site_tree["campaigns"], title="缓存故障时发布的活动")
    campaign.save_revision().publish()
    response = client.get("/campaigns/")
    assert response.status_code == 200 and "缓存故障时发布的活动" in response.content.decode()
    assert state(response) == "none"


def test_nginx_is_purged_of_the_lists_feeds_and_site_maps_that_show_a_page(site_tree, monkeypatch):
    from home.caching import front

    campaign = CampaignPageFactory(parent=site_tree["campaigns"], title="宪法宣传周")
    purged = []
    monkeypatch.setattr("wagtail.contrib.frontend_cache.utils.purge_urls_from_cache", purged.extend)
    front.purge_related(campaign)
    root = site_tree["home"].get_full_url()
    assert sorted(purged) == sorted(
        [
            root,
            root + "campaigns/",
            root + "campaigns/feed/",
            root + "campaigns/feed/atom/",
            root + "sitemap.xml",
            root + "sitemap/",
        ]
    )
