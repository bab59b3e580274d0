"""The base's own roles and workflow, registered like every app's: the reviewers (三审) who also
read the 网站自查 and keep the search synonyms; the 公开资料 collection prepared before any grant;
三审 on the whole public tree."""

from home.registries.roles import (
    PUBLIC_COLLECTION,
    REVIEWERS,
    ROOT_COLLECTION,
    WAGTAIL_DEFAULT_GROUPS,
    Role,
    roles,
)
from home.registries.workflows import REVIEW_STEPS, STEP_GROUPS, WorkflowSpec, workflows


def prepare_collections() -> None:
    """The 公开资料 collection under Root, holding what was filed in Root itself; and Wagtail's
    default Editors and Moderators groups retired (they hold media rights on Root): deleted when
    nobody is in them, otherwise emptied of every right."""
    from django.contrib.auth.models import Group
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission

    root = Collection.get_first_root_node() or Collection.add_root(name=ROOT_COLLECTION)
    public = Collection.objects.filter(name=PUBLIC_COLLECTION).first() or root.add_child(
        name=PUBLIC_COLLECTION
    )
    for model in (get_image_model(), get_document_model()):
        model.objects.filter(collection=root).update(collection=public)
    for group in Group.objects.filter(name__in=WAGTAIL_DEFAULT_GROUPS):
        if group.user_set.exists():
            group.permissions.clear()
            GroupPagePermission.objects.filter(group=group).delete()
            GroupCollectionPermission.objects.filter(group=group).delete()
        else:
            group.delete()


roles.register(
    Role(
        REVIEWERS,
        "查看网站自查（政府网站普查）结果；维护搜索同义词",
        models=(
            "home.view_site_health",
            *(f"home.{action}_searchsynonym" for action in ("add", "change", "delete", "view")),
        ),
        prepare=prepare_collections,
    )
)


THREE_REVIEWS = workflows.register(
    WorkflowSpec(
        "三审（初审、复审、终审）",
        tuple(zip(REVIEW_STEPS, STEP_GROUPS, strict=True)),
        ("home.HomePage",),  # the whole public tree inherits it; sections may register their own
    )
)
