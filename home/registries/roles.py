"""Roles as data: each app's `roles.py` registers what its groups may do; `apply_roles()` makes
the database match (idempotent: it adds what is missing and removes only what the registry says a
role must not have: the publish right on pages that go through review).

Access checks in the code ask for permissions (`user.has_perm("internal.view_all_units")`), never
for a group's name: a group is only the bundle of permissions made here, so renaming one in the
admin opens or closes nothing.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from home.registries import Registry

# The roles every public section shares: those who review what goes public (三审).
REVIEWERS = "审核人员"

# Image and document rights for staff who upload to the public collections.
PUBLIC_MEDIA = (
    "add_image",
    "change_image",
    "choose_image",
    "add_document",
    "change_document",
    "choose_document",
)
CHOOSE_MEDIA = ("choose_image", "choose_document")
TRANSLATE = "wagtail_localize.submit_translation"  # translate a page or a whole section (en, bo)
ROOT_COLLECTION = "Root"
# Public-side staff hold media rights only here, never on Root: a right on Root would reach every
# child collection, the internal section's 内部资料 included.
PUBLIC_COLLECTION = "公开资料"
WAGTAIL_DEFAULT_GROUPS = ("Editors", "Moderators")
# Who holds a permission (User.objects.with_perm): asked of Django's own backend, since django-axes
# stands first in AUTHENTICATION_BACKENDS.
PERMISSION_BACKEND = "django.contrib.auth.backends.ModelBackend"


@dataclass(frozen=True)
class Role:
    """What one group may do, as contributed by one app. Several apps may contribute to the same
    group (reviewers review campaigns and disclosures alike); the grants are added up."""

    group: str
    description: str = ""
    # page model label -> page permission types, granted on every page of that type (all locales).
    # A type listed without "publish" is reviewed: any publish right found there is removed.
    pages: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # collection name ("Root" is the root collection) -> image/document permission codenames
    collections: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # "app_label.codename" model permissions (snippets, settings, forms, custom ones)
    models: tuple[str, ...] = ()
    # run before the grants (e.g. make a private collection) and after them (e.g. restrict it to
    # the groups that now hold a permission)
    prepare: Callable[[], object] | None = None
    finish: Callable[[], object] | None = None


roles: Registry[Role] = Registry("roles")


def role_descriptions() -> dict[str, str]:
    described: dict[str, list[str]] = {}
    for role in roles:
        described.setdefault(role.group, [])
        if role.description:
            described[role.group].append(role.description)
    return {group: "；".join(parts) for group, parts in described.items()}


def apply_roles() -> dict[str, object]:
    """Make the groups match the registry, in a few queries per group (it runs on every deploy and
    in every test that builds a site): what is missing is created in bulk, nothing is fetched twice."""
    from django.apps import apps
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission

    access_admin = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    page_perms = {
        p.codename.removesuffix("_page"): p
        for p in Permission.objects.filter(content_type__app_label="wagtailcore", content_type__model="page")
    }
    every_perm = {
        (p.content_type.app_label, p.codename): p for p in Permission.objects.select_related("content_type")
    }
    media_perms = {
        codename: perm
        for (app_label, codename), perm in every_perm.items()
        if app_label in ("wagtailimages", "wagtaildocs")
    }
    registered = list(roles)
    for role in registered:
        if role.prepare:
            role.prepare()  # e.g. restricted before anyone is given a permission on it
    collections = {}
    for collection in Collection.objects.order_by("path"):
        collections.setdefault(collection.name, collection)
    page_ids: dict[str, list[int]] = {}
    groups = {}
    for role in registered:
        group, _ = Group.objects.get_or_create(name=role.group)
        granted = (every_perm.get(tuple(d.split("."))) or _permission(*d.split(".")) for d in role.models)
        group.permissions.add(access_admin, *granted)
        wanted_pages = set()
        for label, kinds in role.pages.items():
            if label not in page_ids:
                page_ids[label] = list(apps.get_model(label).objects.values_list("pk", flat=True))
            wanted_pages |= {(pk, page_perms[kind].pk) for pk in page_ids[label] for kind in kinds}
            if "publish" not in kinds:  # reviewed content: only a completed review publishes
                GroupPagePermission.objects.filter(
                    group=group, page__in=page_ids[label], permission=page_perms["publish"]
                ).delete()
        held_pages = set(
            GroupPagePermission.objects.filter(group=group).values_list("page_id", "permission_id")
        )
        GroupPagePermission.objects.bulk_create(
            GroupPagePermission(group=group, page_id=page, permission_id=permission)
            for page, permission in sorted(wanted_pages - held_pages)
        )
        wanted_media = {
            (collections[name].pk, media_perms[codename].pk)
            for name, codenames in role.collections.items()
            if name in collections
            for codename in codenames
        }
        held_media = set(
            GroupCollectionPermission.objects.filter(group=group).values_list(
                "collection_id", "permission_id"
            )
        )
        GroupCollectionPermission.objects.bulk_create(
            GroupCollectionPermission(group=group, collection_id=collection, permission_id=permission)
            for collection, permission in sorted(wanted_media - held_media)
        )
        groups[role.group] = group
    for role in registered:
        if role.finish:
            role.finish()
    return groups


# Permissions that a migration makes rather than a model's Meta, so that a flushed database (as in
# transactional tests) does not get them back from post_migrate: made again here when missing.
MIGRATION_MADE_PERMISSIONS = {
    ("wagtail_localize", "submit_translation"): ("translation", "Can submit translations"),
}


def _permission(app_label: str, codename: str):
    from django.contrib.auth.models import Permission
    from django.contrib.contenttypes.models import ContentType

    if (app_label, codename) in MIGRATION_MADE_PERMISSIONS:
        model, name = MIGRATION_MADE_PERMISSIONS[app_label, codename]
        content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
        return Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": name}
        )[0]
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)
