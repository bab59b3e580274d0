"""Internal documents stay internal: besides the 内部资料 collection's restriction, a second check
at download time — a document used by any internal page is refused to outsiders whatever
collection an editor filed it in."""

from django.db.models import Q


def internal_page_paths() -> list[str]:
    from .models import InternalIndexPage

    return list(InternalIndexPage.objects.values_list("path", flat=True))


def held_by_internal_models(document) -> bool:
    """The document is a meeting's signed minutes or a training's material: asked of the tables
    themselves, so the answer never waits for the task queue to update the reference index."""
    from .models import MeetingPage, TrainingMaterial

    return (
        MeetingPage.objects.filter(signed_document=document).exists()
        or TrainingMaterial.objects.filter(document=document).exists()
    )


def used_by_internal_pages(document) -> bool:
    """True when an internal page (or its meeting/training children) refers to the document:
    its own fields at once, anything else (e.g. a link in the minutes) through the reference index."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Page, ReferenceIndex

    if held_by_internal_models(document):
        return True

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
