import pytest
from django.contrib.auth.models import Group
from wagtail.models import GroupPagePermission

from campaigns.roles import PUBLICITY
from disclosures.roles import DISCLOSURE_OFFICERS
from home.registries.roles import REVIEWERS, apply_roles, roles
from internal.groups import LIAISONS, OFFICE
from tests.factories import MemberUnitFactory, UserFactory

pytestmark = pytest.mark.django_db


def page_perms(group_name, page):
    return set(
        GroupPagePermission.objects.filter(group__name=group_name, page=page).values_list(
            "permission__codename", flat=True
        )
    )


def test_all_five_groups_exist_with_admin_access(site_tree):
    apply_roles()
    assert set(Group.objects.values_list("name", flat=True)) >= {
        PUBLICITY,
        REVIEWERS,
        DISCLOSURE_OFFICERS,
        OFFICE,
        LIAISONS,
    }
    for name in {role.group for role in roles}:
        assert Group.objects.get(name=name).permissions.filter(codename="access_admin").exists()


def test_page_permissions_follow_the_sections(site_tree):
    apply_roles()
    assert page_perms(PUBLICITY, site_tree["campaigns"]) == {"add_page", "change_page", "lock_page"}
    assert page_perms(PUBLICITY, site_tree["cases"]) == {"add_page", "change_page", "lock_page"}
    assert page_perms(PUBLICITY, site_tree["disclosures"]) == set()
    # reviewers approve in the 三审 (home/registries/workflows.py); the final approval publishes, they do not
    assert page_perms(REVIEWERS, site_tree["campaigns"]) == {"change_page", "lock_page", "unlock_page"}
    assert page_perms(REVIEWERS, site_tree["disclosures"]) == {"change_page", "lock_page", "unlock_page"}
    assert page_perms(DISCLOSURE_OFFICERS, site_tree["disclosures"]) == {
        "add_page",
        "change_page",
        "lock_page",
    }
    assert "publish_page" in page_perms(OFFICE, site_tree["internal"])
    assert page_perms(LIAISONS, site_tree["internal"]) == set()


def test_roles_are_applied_idempotently(site_tree):
    apply_roles()
    before = GroupPagePermission.objects.count()
    apply_roles()
    assert GroupPagePermission.objects.count() == before


def test_publicity_staff_can_write_campaigns_but_not_publish_or_touch_disclosures(site_tree):
    apply_roles()
    user = UserFactory(groups=[PUBLICITY])
    campaigns = site_tree["campaigns"].permissions_for_user(user)
    assert campaigns.can_edit()
    assert not campaigns.can_publish()
    assert not site_tree["disclosures"].permissions_for_user(user).can_edit()
    assert not site_tree["internal"].permissions_for_user(user).can_edit()


def test_office_edits_internal_section_only(site_tree):
    apply_roles()
    user = UserFactory(groups=[OFFICE])
    assert site_tree["internal"].permissions_for_user(user).can_publish()
    assert not site_tree["campaigns"].permissions_for_user(user).can_edit()


def test_publicity_user_sees_the_admin_in_chinese(client, site_tree):
    apply_roles()
    user = UserFactory(groups=[PUBLICITY])
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="zh-hans"' in html
    assert "控制面板" in html


def test_renaming_a_group_opens_and_closes_nothing(client, site_tree):
    """Access follows permissions: the office and a liaison keep what they had after their groups
    are renamed, and a new group that merely bears the old name gets nothing."""
    from django.contrib.auth.models import Group

    from tests.factories import add_meeting

    unit = MemberUnitFactory(name="永昌县司法局")
    meeting = add_meeting(
        site_tree["internal"],
        [{"requirement": "建立数据互通机制", "lead_unit": unit, "deadline": "2026-12-31"}],
    )
    office, liaison = UserFactory(groups=[OFFICE]), UserFactory(groups=[LIAISONS])
    unit.liaisons.add(liaison)
    Group.objects.filter(name=OFFICE).update(name="府检联动办公室")
    Group.objects.filter(name=LIAISONS).update(name="联络员")
    impostor = UserFactory(groups=[OFFICE])  # a fresh, empty group called 联席会议办公室

    client.force_login(office)
    assert client.get("/admin/resolutions/report/").status_code == 200
    assert client.get(meeting.url).status_code == 200
    client.force_login(liaison)
    assert "建立数据互通机制" in client.get("/admin/resolutions/").content.decode()
    assert client.get(meeting.url).status_code == 200
    client.force_login(impostor)
    assert client.get("/admin/resolutions/report/").status_code == 302  # refused, back to the dashboard
    assert client.get(meeting.url).status_code == 302  # to the login page: not admitted


def test_setup_roles_applies_and_lists_what_the_apps_registered(site_tree):
    import io

    from django.core.management import call_command

    out = io.StringIO()
    call_command("setup_roles", stdout=out)
    text = out.getvalue()
    for group in (PUBLICITY, REVIEWERS, DISCLOSURE_OFFICERS, OFFICE, LIAISONS):
        assert f"{group}：" in text
    assert (
        "审核流程“三审（初审、复审、终审）”：初审（初审人员） → 复审（复审人员） → 终审（终审人员）" in text
    )
    assert "审核流程“联席会议办公室审核”" in text
