import pytest
from wagtail.models import PageViewRestriction

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_internal_column_is_restricted_from_the_moment_it_exists(site_tree):
    restriction = PageViewRestriction.objects.get(page=site_tree["internal"])
    assert set(restriction.groups.values_list("name", flat=True)) == {"联席会议办公室", "成员单位联络员"}


def test_anonymous_visitors_are_sent_to_log_in(client, site_tree):
    response = client.get("/internal/")
    assert response.status_code == 302
    assert "内部工作" not in client.get("/").content.decode()


def test_members_of_internal_groups_can_read_it_others_cannot(client, site_tree):
    client.force_login(UserFactory(groups=["成员单位联络员"]))
    assert client.get("/internal/").status_code == 200
    client.force_login(UserFactory(groups=["宣传人员"]))
    assert client.get("/internal/").status_code != 200
