"""The admin's log shows who submitted, approved, published, unpublished and changed view
restrictions, and it is kept at least 180 days."""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import PageLogEntry, WorkflowState

from home.jobs import purge_audit_log
from tests.factories import UserFactory

from .test_workflows import review  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


def test_review_publication_and_restrictions_are_logged_with_their_users(client, review):  # noqa: F811
    page, writer, reviewers = review["page"], review["writer"], review["reviewers"]
    page.get_workflow().start(page, writer)
    for reviewer in reviewers:
        task_state = WorkflowState.objects.get(
            object_id=str(page.pk), status="in_progress"
        ).current_task_state
        task_state.task.specific.on_action(task_state, reviewer, "approve", comment="同意")
    admin = UserFactory(is_superuser=True, is_staff=True, username="sysadmin")
    client.force_login(admin)
    client.post(f"/admin/pages/{page.pk}/privacy/", {"restriction_type": "login"})
    client.post(f"/admin/pages/{page.pk}/unpublish/", {})
    actions = list(PageLogEntry.objects.filter(page=page).values_list("action", "user__username"))
    assert ("wagtail.workflow.start", "xuanchuan") in actions
    assert [user for action, user in actions if action == "wagtail.workflow.approve"] == ["r2", "r1", "r0"]
    assert ("wagtail.publish", "r2") in actions
    assert ("wagtail.view_restriction.create", "sysadmin") in actions
    assert ("wagtail.unpublish", "sysadmin") in actions
    html = client.get("/admin/reports/site-history/").content.decode()
    assert "宪法宣传周" in html


def test_log_is_kept_at_least_180_days(settings, site_tree):
    home = site_tree["home"]
    now = timezone.now()
    for age in (100, 200, 400):
        entry = PageLogEntry.objects.log_action(home, "wagtail.edit")
        PageLogEntry.objects.filter(pk=entry.pk).update(timestamp=now - datetime.timedelta(days=age))
    settings.AUDIT_LOG_RETENTION_DAYS = 365
    assert purge_audit_log() == 1  # the 400-day-old entry
    settings.AUDIT_LOG_RETENTION_DAYS = 30  # too short: 180 days are kept anyway
    assert purge_audit_log() == 1  # the 200-day-old entry
    ages = sorted(
        (now - e.timestamp).days for e in PageLogEntry.objects.filter(page=home, action="wagtail.edit")
    )
    assert ages == [100]
