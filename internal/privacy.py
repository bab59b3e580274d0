"""Internal documents stay internal: a 内部资料 collection restricted to the internal groups, and a
second check at download time — a document used by any internal page is refused to outsiders
whatever collection an editor filed it in."""

from django.db.models import Q

from home.roles import INTERNAL_GROUPS, PRIVATE_COLLECTION


def ensure_private_collection():
    from django.contrib.auth.models import Group
    from wagtail.models import Collection, CollectionViewRestriction

    collection = Collection.objects.filter(name=PRIVATE_COLLECTION).first()
    if collection is None:
        # The root is made by Wagtail's migrations; a flushed test database may have lost it.
        root = Collection.get_first_root_node() or Collection.add_root(name="Root")
        collection = root.add_child(name=PRIVATE_COLLECTION)
    restriction, _ = CollectionViewRestriction.objects.get_or_create(
        collection=collection, restriction_type=CollectionViewRestriction.GROUPS
    )
    restriction.groups.add(*[Group.objects.get_or_create(name=name)[0] for name in INTERNAL_GROUPS])
    return collection


def internal_page_paths() -> list[str]:
    from .models import InternalIndexPage

    return list(InternalIndexPage.objects.values_list("path", flat=True))


def used_by_internal_pages(document) -> bool:
    """True when an internal page (or its meeting/training children) refers to the document."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Page, ReferenceIndex

    page_type = ContentType.objects.get_for_model(Page)
    page_ids = (
        ReferenceIndex.get_references_to(document)
        .filter(base_content_type=page_type)
        .values_list("object_id", flat=True)
    )
    paths = internal_page_paths()
    if not paths:
        return False
    under_internal = Q()
    for path in paths:
        under_internal |= Q(path__startswith=path)
    return Page.objects.filter(under_internal, pk__in=[int(pk) for pk in page_ids]).exists()
