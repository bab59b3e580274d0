"""The section's restrictions (its index page and its private collection) admit exactly the groups
that hold the access permission: renaming a group changes nothing, and a group given the permission
is admitted the next time roles are applied."""


def access_groups():
    from django.contrib.auth.models import Group

    from .groups import ACCESS_PERMISSION

    app_label, codename = ACCESS_PERMISSION
    return Group.objects.filter(
        permissions__content_type__app_label=app_label, permissions__codename=codename
    ).distinct()


def ensure_private_collection():
    """The 内部资料 collection, restricted to the access groups (made if missing)."""
    from wagtail.models import Collection, CollectionViewRestriction

    from .groups import PRIVATE_COLLECTION

    collection = Collection.objects.filter(name=PRIVATE_COLLECTION).first()
    if collection is None:
        # The root is made by Wagtail's migrations; a flushed test database may have lost it.
        root = Collection.get_first_root_node() or Collection.add_root(name="Root")
        collection = root.add_child(name=PRIVATE_COLLECTION)
    restriction, _ = CollectionViewRestriction.objects.get_or_create(
        collection=collection, restriction_type=CollectionViewRestriction.GROUPS
    )
    restriction.groups.set(access_groups())
    return collection


def restrict_index(page):
    """The index page's view restriction: groups only, exactly the access groups."""
    from wagtail.models import PageViewRestriction

    restriction = PageViewRestriction.objects.filter(page=page).first()
    if restriction is None:
        restriction = PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.GROUPS
        )
    elif restriction.restriction_type != PageViewRestriction.GROUPS or restriction.password:
        PageViewRestriction.objects.filter(pk=restriction.pk).update(
            restriction_type=PageViewRestriction.GROUPS, password=""
        )
    wanted = set(access_groups().values_list("pk", flat=True))
    if set(restriction.groups.values_list("pk", flat=True)) != wanted:
        restriction.groups.set(wanted)
    return restriction


def restrict_everything():
    """After roles are applied: every internal index and the private collection."""
    from django.apps import apps  # not `from .models`: the models' forms use this module

    ensure_private_collection()
    for page in apps.get_model("internal", "InternalIndexPage").objects.all():
        restrict_index(page)


def documents_of(page) -> list:
    """The Wagtail documents a page holds in its own fields and its children's (materials, the
    signed minutes), as edited — before anything is saved or indexed."""
    from modelcluster.models import get_all_child_relations
    from wagtail.documents import get_document_model

    document_model = get_document_model()

    def held(instance) -> list:
        return [
            getattr(instance, field.name)
            for field in instance._meta.get_fields()
            if field.many_to_one
            and field.related_model is document_model
            and getattr(instance, field.name, None)
        ]

    found = held(page)
    for relation in get_all_child_relations(page):
        for child in getattr(page, relation.get_accessor_name()).all():
            found += held(child)
    return found


def keep_documents_private(page) -> int:
    """Every document an internal page uses goes into the 内部资料 collection, at once: a file
    attached to a meeting or training is restricted by construction, not when the task queue has
    updated the reference index."""
    collection = ensure_private_collection()
    moved = 0
    for document in documents_of(page):
        if not document.collection.is_descendant_of(collection) and document.collection_id != collection.pk:
            document.collection = collection
            document.save(update_fields=["collection"])
            moved += 1
    return moved
