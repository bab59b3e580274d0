"""The Wagtail groups of DESIGN.md and what each may do, as data; `apply_roles()` makes the
database match (idempotent: it adds what is missing and never removes what admins granted).

Later parts of the product extend ROLES with their snippets, forms and collections.
"""

from dataclasses import dataclass, field

PRIVATE_COLLECTION = "内部资料"  # restricted to INTERNAL_GROUPS by internal.privacy

PUBLICITY = "宣传人员"
REVIEWERS = "审核人员"
DISCLOSURE_OFFICERS = "信息公开专员"
OFFICE = "联席会议办公室"
LIAISONS = "成员单位联络员"

INTERNAL_GROUPS = (OFFICE, LIAISONS)
# 普法 taxonomies (snippets) are kept by the people who write and review campaigns and cases.
TAXONOMY_PERMS = tuple(
    f"campaigns.{action}_{model}"
    for model in ("legalarea", "venue", "casebatch")
    for action in ("add", "change", "view")
)
TRANSLATE = "wagtail_localize.submit_translation"  # translate a page or a whole section (en, bo)
PUBLIC_MEDIA = [
    "add_image",
    "change_image",
    "choose_image",
    "add_document",
    "change_document",
    "choose_document",
]


@dataclass(frozen=True)
class Role:
    description: str
    # page model label -> page permission types, granted on every page of that type (all locales)
    pages: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # collection name ("Root" is the root collection) -> image/document permission codenames
    collections: dict[str, list[str]] = field(default_factory=dict)
    # "app_label.codename" model permissions (snippets, settings, forms)
    models: tuple[str, ...] = ()


ROLES: dict[str, Role] = {
    PUBLICITY: Role(
        "撰写普法活动和典型案例，制作竞答、报名和咨询表单，提交审核，预约发布",
        pages={
            "campaigns.CampaignIndexPage": ("add", "change", "lock"),
            "campaigns.CaseIndexPage": ("add", "change", "lock"),
        },
        collections={"Root": PUBLIC_MEDIA},
        models=(*TAXONOMY_PERMS, "campaigns.view_form_submissions", TRANSLATE),
    ),
    REVIEWERS: Role(
        "审阅公开内容；分别加入“初审人员”“复审人员”“终审人员”组，在三审中批准或退回（见 home/workflows.py）",
        pages={
            "campaigns.CampaignIndexPage": ("change", "lock", "unlock"),
            "campaigns.CaseIndexPage": ("change", "lock", "unlock"),
            "disclosures.DisclosureIndexPage": ("change", "lock", "unlock"),
        },
        collections={"Root": ["choose_image", "choose_document"]},
        models=(*TAXONOMY_PERMS, "campaigns.view_form_submissions"),
    ),
    DISCLOSURE_OFFICERS: Role(
        "发布政策文件（含公开目录信息）和统计数据",
        pages={"disclosures.DisclosureIndexPage": ("add", "change", "lock")},
        collections={"Root": PUBLIC_MEDIA},
        models=(*(f"disclosures.{action}_publishingunit" for action in ("add", "change", "view")), TRANSLATE),
    ),
    OFFICE: Role(
        "记录联席会议、纪要和议定事项，记录同堂培训，督查督办",
        pages={"internal.InternalIndexPage": ("add", "change", "publish", "lock", "unlock")},
        collections={
            "Root": ["choose_image", "choose_document"],
            PRIVATE_COLLECTION: ["add_document", "change_document", "choose_document"],
        },
        models=tuple(f"internal.{action}_memberunit" for action in ("add", "change", "view")),
    ),
    LIAISONS: Role("查看并报送本单位承担的议定事项进展"),
}


def apply_roles() -> dict[str, "object"]:
    from django.apps import apps
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission

    access_admin = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    page_perms = {
        p.codename.removesuffix("_page"): p
        for p in Permission.objects.filter(content_type__app_label="wagtailcore", content_type__model="page")
    }
    from internal.privacy import ensure_private_collection

    ensure_private_collection()  # restricted before anyone is given a permission on it
    groups = {}
    for name, role in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(access_admin)
        for label, kinds in role.pages.items():
            for page in apps.get_model(label).objects.all():
                for kind in kinds:
                    GroupPagePermission.objects.get_or_create(
                        group=group, page=page, permission=page_perms[kind]
                    )
        for collection_name, codenames in role.collections.items():
            collection = Collection.objects.filter(name=collection_name).first()
            if collection is None:
                continue
            for codename in codenames:
                app_label = "wagtailimages" if codename.endswith("_image") else "wagtaildocs"
                permission = Permission.objects.get(content_type__app_label=app_label, codename=codename)
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=collection, permission=permission
                )
        for dotted in role.models:
            group.permissions.add(_permission(*dotted.split(".")))
        groups[name] = group
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
