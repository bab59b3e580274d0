"""三审: a page submitted by publicity staff goes live only after 初审, 复审 and 终审 approve; a
rejection sends it back with the comment; nobody outside the review can publish a public page."""

import pytest
from wagtail.models import Workflow, WorkflowPage, WorkflowState

from campaigns.roles import PUBLICITY
from home.registries.roles import REVIEWERS, apply_roles
from home.registries.workflows import STEP_GROUPS, apply_workflows
from internal.groups import OFFICE_REVIEW
from tests.factories import CampaignPageFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def review(site_tree):
    apply_roles()
    apply_workflows()
    writer = UserFactory(groups=[PUBLICITY], username="xuanchuan")
    reviewers = [
        UserFactory(groups=[REVIEWERS, group], username=f"r{i}") for i, group in enumerate(STEP_GROUPS)
    ]
    page = CampaignPageFactory(parent=site_tree["campaigns"], title="宪法宣传周", slug="xianfa", live=False)
    page.save_revision(user=writer)
    return {"writer": writer, "reviewers": reviewers, "page": page, "tree": site_tree}


def current_task(page):
    state = WorkflowState.objects.get(
        base_content_type__isnull=False, object_id=str(page.pk), status="in_progress"
    )
    return state.current_task_state


def test_rules_are_idempotent_and_cover_every_section(review):
    apply_workflows()
    apply_workflows()
    three_step = Workflow.objects.get(name="三审（初审、复审、终审）")
    assert [t.name for t in three_step.tasks] == ["初审", "复审", "终审"]
    assert WorkflowPage.objects.get(page=review["tree"]["home"]).workflow == three_step
    assert review["page"].get_workflow() == three_step
    assert review["tree"]["internal"].get_workflow().name == OFFICE_REVIEW
    assert Workflow.objects.filter(name__in=["三审（初审、复审、终审）", OFFICE_REVIEW]).count() == 2


def test_submitters_cannot_publish_public_pages(review):
    for user in [review["writer"], *review["reviewers"]]:
        assert not review["page"].permissions_for_user(user).can_publish(), user


def test_live_only_after_the_third_approval(review):
    page, reviewers = review["page"], review["reviewers"]
    page.get_workflow().start(page, review["writer"])
    for step, reviewer in enumerate(reviewers):
        page.refresh_from_db()
        assert not page.live, f"live after {step} approvals"
        task_state = current_task(page)
        assert task_state.task.name == ["初审", "复审", "终审"][step]
        # the wrong step's reviewer has no action on this task
        other = reviewers[(step + 1) % 3]
        assert task_state.task.specific.get_actions(page, other) == []
        task_state.task.specific.on_action(task_state, reviewer, "approve", comment="同意")
    page.refresh_from_db()
    assert page.live
    assert page.live_revision.user == review["writer"]


def test_a_rejection_returns_the_page_with_the_comment(client, review):
    page, reviewers = review["page"], review["reviewers"]
    page.get_workflow().start(page, review["writer"])
    task_state = current_task(page)
    task_state.task.specific.on_action(task_state, reviewers[0], "approve")
    task_state = current_task(page)
    task_state.task.specific.on_action(
        task_state, reviewers[1], "reject", comment="活动时间与通知不一致，请核对。"
    )
    page.refresh_from_db()
    assert not page.live
    state = WorkflowState.objects.get(object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert state.current_task_state.comment == "活动时间与通知不一致，请核对。"
    client.force_login(review["writer"])
    html = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert "活动时间与通知不一致，请核对。" in html


def test_the_editor_offers_publicity_staff_submit_not_publish(client, review):
    client.force_login(review["writer"])
    html = client.get(f"/admin/pages/{review['page'].pk}/edit/").content.decode()
    assert 'name="action-publish"' not in html and 'name="action-submit"' in html


def _act(client, page, reviewer, action, comment=""):
    """A reviewer's button in the admin (the workflow-action view), then the page they land on."""
    client.force_login(reviewer)
    task_state = current_task(page)
    response = client.post(
        f"/admin/pages/workflow/action/{page.pk}/{action}/{task_state.pk}/", {"comment": comment}, follow=True
    )
    assert response.status_code == 200
    return [str(m) for m in response.context["messages"]]


def test_each_step_says_what_happened_and_who_is_next(client, review):
    """Wagtail says only "已被更新"; a reviewer reads what their click did and who acts next."""
    page, reviewers = review["page"], review["reviewers"]
    page.get_workflow().start(page, review["writer"])
    assert "初审已通过，等待复审（r1）。" in _act(client, page, reviewers[0], "approve")
    assert "复审已通过，等待终审（r2）。" in _act(client, page, reviewers[1], "approve")
    assert "终审已通过，审核完成，已发布。" in _act(client, page, reviewers[2], "approve")
    page.refresh_from_db()
    assert page.live


def test_a_rejection_says_to_whom_it_went_back(client, review):
    page, reviewers = review["page"], review["reviewers"]
    page.get_workflow().start(page, review["writer"])
    _act(client, page, reviewers[0], "approve")
    told = _act(client, page, reviewers[1], "reject", comment="请核对活动时间。")
    assert "复审要求修改：已退回xuanchuan修改；修改后重新提交，将从初审开始重新审核。" in told


def test_submitting_names_the_first_reviewers(rf, review):
    from django.contrib.messages import get_messages
    from django.contrib.messages.storage.fallback import FallbackStorage

    from home.review_messages import _current_request

    request = rf.get("/admin/")
    request.session, request._messages = {}, None
    request._messages = FallbackStorage(request)
    token = _current_request.set(request)
    try:
        review["page"].get_workflow().start(review["page"], review["writer"])
    finally:
        _current_request.reset(token)
    assert [str(m) for m in get_messages(request)] == ["已提交“三审（初审、复审、终审）”，等待初审（r0）。"]


def test_opening_a_page_under_review_warns_that_saving_restarts_it(client, review):
    page, reviewers = review["page"], review["reviewers"]
    client.force_login(review["writer"])
    assert "保存后将重新开始三审" not in client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    page.get_workflow().start(page, review["writer"])
    _act(client, page, reviewers[0], "approve")
    client.force_login(reviewers[1])
    html = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert "此页面正在审核中（当前：复审）。保存后将重新开始三审，从初审开始" in html
    # the buttons are called what the warning tells the reviewer to press
    assert "请在页面底部选择“通过”或“要求修改”" in html
    actions = page.current_workflow_task.get_actions(page, reviewers[1])
    assert {label for _, label, _ in actions} == {"通过", "要求修改", "附意见通过"}
