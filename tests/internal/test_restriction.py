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


def test_restriction_cannot_be_removed_or_loosened(site_tree, client):
    from django.contrib.auth.models import Group

    internal = site_tree["internal"]
    PageViewRestriction.objects.filter(page=internal).delete()
    restriction = PageViewRestriction.objects.get(page=internal)
    restriction.restriction_type = PageViewRestriction.LOGIN
    restriction.save()
    restriction.groups.add(Group.objects.get_or_create(name="宣传人员")[0])
    restriction.groups.remove(Group.objects.get(name="成员单位联络员"))
    restriction = PageViewRestriction.objects.get(page=internal)
    assert restriction.restriction_type == PageViewRestriction.GROUPS
    assert set(restriction.groups.values_list("name", flat=True)) == {"联席会议办公室", "成员单位联络员"}
    assert client.get("/internal/").status_code == 302


def test_internal_pages_are_never_cached(client, site_tree):
    client.force_login(UserFactory(groups=["联席会议办公室"]))
    response = client.get("/internal/")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_privacy_dialog_in_the_admin_cannot_make_it_public(client, site_tree):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    internal = site_tree["internal"]
    response = client.post(f"/admin/pages/{internal.pk}/privacy/", {"restriction_type": "none"})
    assert response.status_code == 200
    client.logout()
    assert client.get("/internal/").status_code == 302
    assert PageViewRestriction.objects.get(page=internal).restriction_type == PageViewRestriction.GROUPS
