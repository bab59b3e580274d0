"""The internal section's roles: the joint-meeting office records and supervises; liaisons report
for their own units. Both may enter the section, whose restrictions admit exactly the groups that
hold the access permission; the office's one-step review publishes internal pages."""

from home.registries.roles import CHOOSE_MEDIA, PUBLIC_COLLECTION, Role, roles
from home.registries.workflows import WorkflowSpec, workflows

from .groups import (
    ACCESS_PERMISSION,
    FOLLOW_UP_RECOMMENDATIONS,
    GOVERNMENT_FOLLOW_UP,
    LIAISONS,
    MANAGE_RECOMMENDATIONS,
    OFFICE,
    OFFICE_REVIEW,
    PRIVATE_COLLECTION,
    PROCURATORATE_OFFICE,
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
            MANAGE_RECOMMENDATIONS,
            "home.view_site_health",
            *(f"internal.{action}_memberunit" for action in ("add", "change", "view")),
        ),
        prepare=ensure_private_collection,
        finish=restrict_everything,
    )
)
roles.register(
    Role(
        LIAISONS,
        "查看并报送本单位承担的议定事项进展；对本单位收到的检察建议提出异议、书面回复、报送整改进展",
        models=(ACCESS, REPORT_OWN_UNIT),
    )
)
roles.register(
    Role(
        PROCURATORATE_OFFICE,
        "检察院：录入检察建议，复核异议，核查整改，记录报告上级院、起诉、移送等措施和考核扣分情形",
        models=(MANAGE_RECOMMENDATIONS,),
    )
)
roles.register(
    Role(
        GOVERNMENT_FOLLOW_UP,
        "县政府法治督办（司法局、政府办）：查看全部检察建议办理情况，记录督促、通报、约谈",
        models=(FOLLOW_UP_RECOMMENDATIONS,),
    )
)

workflows.register(WorkflowSpec(OFFICE_REVIEW, ((OFFICE_REVIEW, OFFICE),), ("internal.InternalIndexPage",)))
