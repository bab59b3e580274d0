"""到期下线: an expired campaign leaves the lists, feeds, sitemap and search; its URL tells the
visitor it went offline (410, "已下线") unless staff turned the notice off (then a plain 404)."""

import datetime

import pytest
from django.utils import timezone

from home.jobs import publish_scheduled
from tests.factories import CampaignPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def expiring(site_tree):
    page = CampaignPageFactory(
        parent=site_tree["campaigns"], title="2026年宪法宣传周活动", slug="xianfa-2026"
    )
    page.expire_at = timezone.now() - datetime.timedelta(minutes=5)
    page.save_revision().publish()
    return page


def test_an_expired_campaign_leaves_the_lists_and_its_url_says_offline(client, expiring):
    assert "2026年宪法宣传周活动" in client.get("/campaigns/").content.decode()  # until the job runs
    publish_scheduled()
    expiring.refresh_from_db()
    assert not expiring.live and expiring.expired
    for url in ("/campaigns/", "/campaigns/feed/", "/sitemap.xml", "/search/?q=宪法宣传周"):
        assert "xianfa-2026" not in client.get(url).content.decode(), url
    response = client.get("/campaigns/xianfa-2026/")
    assert response.status_code == 410
    html = response.content.decode()
    assert "该内容已下线" in html and "2026年宪法宣传周活动" in html and "到期下线" in html
    assert 'href="/campaigns/"' in html


def test_staff_can_choose_a_plain_not_found_instead(client, expiring):
    expiring.offline_notice = False
    expiring.save_revision().publish()
    publish_scheduled()
    response = client.get("/campaigns/xianfa-2026/")
    assert response.status_code == 404 and "该内容已下线" not in response.content.decode()


def test_a_draft_never_published_is_not_announced(client, site_tree):
    CampaignPageFactory(parent=site_tree["campaigns"], title="未发布草稿", slug="draft", live=False)
    assert client.get("/campaigns/draft/").status_code == 404
