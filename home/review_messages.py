"""三审 in words. After each step the person who acted reads what happened and who acts next
("初审已通过，等待复审（fushen）"; Wagtail's own message only says the page "已被更新"); before
editing a page under review, a warning that saving restarts the three reviews (it does:
WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT). Wagtail's workflow signals carry no request, so the
middleware lends the current one to the receivers for the length of the request."""

from contextvars import ContextVar

from django.contrib import messages
from django.utils import timezone

_current_request: ContextVar = ContextVar("fjld_review_request", default=None)
NAMES_SHOWN = 3  # reviewers named in a message; more are "等"


class ReviewMessagesMiddleware:
    """After MessageMiddleware: lends the request to the workflow-signal receivers below."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            _current_request.reset(token)


def reviewers(task) -> str:
    """Who can act on a step: the usernames in its groups, as staff know each other in the admin."""
    from django.contrib.auth import get_user_model

    groups = getattr(task.specific, "groups", None)
    if groups is None:
        return ""
    names = list(
        get_user_model()
        .objects.filter(groups__in=groups.all(), is_active=True)
        .distinct()
        .order_by("username")
        .values_list("username", flat=True)[: NAMES_SHOWN + 1]
    )
    if not names:
        return "（该步骤暂无审核人员，请联系管理员）"
    shown = "、".join(names[:NAMES_SHOWN]) + ("等" if len(names) > NAMES_SHOWN else "")
    return f"（{shown}）"


def _steps(workflow_state) -> list:
    return list(workflow_state.workflow.tasks.filter(active=True))


def _tell(text: str, level=messages.SUCCESS) -> None:
    request = _current_request.get()
    if request is not None and hasattr(request, "_messages"):
        messages.add_message(request, level, text)


def on_submitted(sender, instance, user=None, **kwargs):
    steps = _steps(instance)
    if steps:
        _tell(f"已提交“{instance.workflow.name}”，等待{steps[0].name}{reviewers(steps[0])}。")


def on_approved(sender, instance, user=None, **kwargs):
    steps = _steps(instance.workflow_state)
    task = instance.task
    following = next((s for s, prev in zip(steps[1:], steps, strict=False) if prev.pk == task.pk), None)
    if following is not None:
        _tell(f"{task.name}已通过，等待{following.name}{reviewers(following)}。")
        return
    revision = instance.workflow_state.content_object.get_latest_revision()
    go_live = getattr(revision.as_object(), "go_live_at", None) if revision else None
    if go_live and go_live > timezone.now():
        _tell(
            f"{task.name}已通过，审核完成：将于{timezone.localtime(go_live):%Y年%m月%d日 %H:%M}按发布计划上线。"
        )
    else:
        _tell(f"{task.name}已通过，审核完成，已发布。")


def on_rejected(sender, instance, user=None, **kwargs):
    steps = _steps(instance.workflow_state)
    author = instance.workflow_state.requested_by
    who = f"退回{author.get_username()}修改" if author else "退回修改"
    first = steps[0].name if steps else "第一步"
    _tell(
        f"{instance.task.name}要求修改：已{who}；修改后重新提交，将从{first}开始重新审核。",
        messages.WARNING,
    )


def warn_before_editing_under_review(request, page):
    """Wagtail hook before_edit_page: on opening the editor of a page under review."""
    if request.method != "GET":
        return
    state = page.current_workflow_state
    if state is None or state.status != state.STATUS_IN_PROGRESS or state.current_task_state is None:
        return
    steps = _steps(state)
    first = steps[0].name if steps else "第一步"
    messages.warning(
        request,
        f"此页面正在审核中（当前：{state.current_task_state.task.name}）。保存后将重新开始三审，"
        f"从{first}开始；只审核、不修改的，请在页面底部选择“通过”或“要求修改”。",
    )


def connect() -> None:
    """Any sender: Wagtail sends from the specific task-state class."""
    from wagtail.signals import task_approved, task_rejected, workflow_submitted

    workflow_submitted.connect(on_submitted, dispatch_uid="fjld-review-submitted")
    task_approved.connect(on_approved, dispatch_uid="fjld-review-approved")
    task_rejected.connect(on_rejected, dispatch_uid="fjld-review-rejected")
