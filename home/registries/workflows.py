"""三审: nothing public goes live without three approvals (初审 → 复审 → 终审), each step a group.
Apps register further workflows in their `roles.py` (the internal section's one-step review).
`apply_workflows()` makes the database match (idempotent) and runs from `setup_roles` and
`load_demo`.

The last approval publishes with the workflow's authority (`publish_approved`), so no staff group
needs the publish permission on public sections: nobody can skip the review except superusers
(roles that write or review list their page types without "publish"; see home/roles.py)."""

from dataclasses import dataclass

from home.registries import Registry

FIRST_REVIEW = "初审"
SECOND_REVIEW = "复审"
FINAL_REVIEW = "终审"
REVIEW_STEPS = (FIRST_REVIEW, SECOND_REVIEW, FINAL_REVIEW)
STEP_GROUPS = tuple(f"{step}人员" for step in REVIEW_STEPS)  # 初审人员, 复审人员, 终审人员


@dataclass(frozen=True)
class WorkflowSpec:
    name: str
    steps: tuple[tuple[str, str], ...]  # (task name, group name)
    page_types: tuple[str, ...]  # assigned to every page of these types, in every locale


workflows: Registry[WorkflowSpec] = Registry("roles")


def publish_approved(workflow_state, user=None):
    """WAGTAIL_FINISH_WORKFLOW_ACTION: the completed review publishes (or schedules) the revision."""
    workflow_state.content_object.get_latest_revision().publish(user=user, skip_permission_checks=True)


def apply_workflows() -> dict:
    from django.apps import apps
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage, WorkflowTask

    access_admin = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    applied = {}
    for spec in workflows:
        workflow, _ = Workflow.objects.get_or_create(name=spec.name, defaults={"active": True})
        if not workflow.active:
            workflow.active = True
            workflow.save(update_fields=["active"])
        for order, (task_name, group_name) in enumerate(spec.steps):
            group, _ = Group.objects.get_or_create(name=group_name)
            group.permissions.add(access_admin)
            task, _ = GroupApprovalTask.objects.get_or_create(name=task_name)
            task.groups.add(group)
            WorkflowTask.objects.update_or_create(
                workflow=workflow, task=task, defaults={"sort_order": order}
            )
        for label in spec.page_types:
            for page in apps.get_model(label).objects.all():
                WorkflowPage.objects.update_or_create(page=page, defaults={"workflow": workflow})
        applied[spec.name] = workflow
    return applied
