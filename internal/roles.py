"""The internal section's roles: the joint-meeting office records and supervises; liaisons report
for their own units. Both may enter the section, whose restrictions admit exactly the groups that
hold the access permission; the office's one-step review publishes internal pages."""

from home.roles import CHOOSE_MEDIA, PUBLIC_COLLECTION, Role, roles
from home.workflows import WorkflowSpec, workflows

from .groups import (
    ACCESS_PERMISSION,
    LIAISONS,
    OFFICE,
    OFFICE_REVIEW,
    PRIVATE_COLLECTION,
    REPORT_OWN_UNIT,
    VIEW_ALL,
    VIEW_REPORT,
)
from .restriction import ensure_private_collection, restrict_everything

ACCESS = ".".join(ACCESS_PERMISSION)

roles.register(
    Role(
        OFFICE,
        "记录联席会议、纪要和议定事项，记录同堂培训，督查督办",
        pages={"internal.InternalIndexPage": ("add", "change", "publish", "lock", "unlock")},
        collections={
            PUBLIC_COLLECTION: CHOOSE_MEDIA,
            PRIVATE_COLLECTION: ("add_document", "change_document", "choose_document"),
        },
        models=(
            ACCESS,
            VIEW_ALL,
            VIEW_REPORT,
            "home.view_site_health",
            *(f"internal.{action}_memberunit" for action in ("add", "change", "view")),
        ),
        prepare=ensure_private_collection,
        finish=restrict_everything,
    )
)
roles.register(Role(LIAISONS, "查看并报送本单位承担的议定事项进展", models=(ACCESS, REPORT_OWN_UNIT)))

workflows.register(WorkflowSpec(OFFICE_REVIEW, ((OFFICE_REVIEW, OFFICE),), ("internal.InternalIndexPage",)))
