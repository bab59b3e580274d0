"""Signals of the base: a translation carries its original's 发布时间 (first publication), so /en/
and /bo/ show when the content was published, not when it was translated; an edited synonym list
is read afresh."""

from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished, post_page_move

from .models import SearchSynonym


@receiver(page_published, dispatch_uid="fjld-translation-keeps-original-date")
def translation_keeps_original_date(sender, instance, **kwargs):
    from wagtail.models import Locale, Page

    default = Locale.get_default()
    if instance.locale_id == default.pk:
        # the original: its translations follow it
        Page.objects.filter(translation_key=instance.translation_key).exclude(locale=default).exclude(
            first_published_at=instance.first_published_at
        ).update(first_published_at=instance.first_published_at)
        return
    original = (
        Page.objects.filter(translation_key=instance.translation_key, locale=default)
        .values_list("first_published_at", flat=True)
        .first()
    )
    if original and original != instance.first_published_at:
        Page.objects.filter(pk=instance.pk).update(first_published_at=original)
        instance.first_published_at = original


@receiver([post_save, post_delete], sender=SearchSynonym, dispatch_uid="fjld-synonyms-changed")
def synonyms_changed(sender, **kwargs):
    from django.core.cache import cache

    from .search_terms import SYNONYMS_CACHE_KEY

    cache.delete(SYNONYMS_CACHE_KEY)


# --- The anonymous page cache (home/page_cache.py) renews exactly the sections that show a change.
@receiver(pre_save, dispatch_uid="fjld-page-cache-links-before")
def remember_links_before(sender, instance, raw=False, **kwargs):
    from wagtail.models import Page

    if not raw and isinstance(instance, Page) and instance.pk and instance.live:
        from .page_cache import linked_page_ids

        instance._fjld_links_before = linked_page_ids(instance)


def _renew_page(page, url_paths=()) -> None:
    from .models import default_locale_id
    from .page_cache import TRANSLATIONS, invalidate, sections_showing

    sections = sections_showing(page, url_paths=url_paths, before=getattr(page, "_fjld_links_before", None))
    if sections is not None and page.locale_id != default_locale_id():
        sections.add(TRANSLATIONS)  # a translated column may have gained or lost its first item
    invalidate(sections)


# What Wagtail writes to a page's row when a draft is saved, locked or submitted: nothing a visitor
# sees changes until it is published (page_published).
DRAFT_BOOKKEEPING = {
    "comments",
    "latest_revision",
    "latest_revision_created_at",
    "draft_title",
    "has_unpublished_changes",
    "locked",
    "locked_by",
    "locked_at",
}


@receiver([post_save, post_delete], dispatch_uid="fjld-page-cache-content-changed")
def content_changed(sender, instance, raw=False, update_fields=None, **kwargs):
    from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
    from wagtail.documents.models import AbstractDocument
    from wagtail.images.models import AbstractImage
    from wagtail.models import Page, PageViewRestriction, Site

    from .page_cache import invalidate, referencing_sections

    if raw:  # fixtures being loaded: whoever loads them renews the cache (a restore does)
        invalidate()
        return
    if isinstance(instance, Page):
        if update_fields and set(update_fields) <= DRAFT_BOOKKEEPING:
            return  # a draft saved: nothing public changed
        if instance.live or kwargs.get("signal") is post_delete:
            _renew_page(instance)
    elif isinstance(instance, (PageViewRestriction, Site)):
        invalidate()  # a page (and all below it) became private or public, or a site changed
    elif isinstance(instance, (AbstractImage, AbstractDocument)):
        sections = referencing_sections(instance)
        if sections:
            invalidate(sections)
    elif isinstance(instance, (BaseSiteSetting, BaseGenericSetting)) or getattr(
        instance, "shown_on_public_pages", False
    ):
        invalidate()  # shown on every page: the menu, the footer, the filters


@receiver(page_published, dispatch_uid="fjld-page-cache-published")
@receiver(page_unpublished, dispatch_uid="fjld-page-cache-unpublished")
def page_changed(sender, instance, **kwargs):
    _renew_page(instance)


@receiver(post_page_move, dispatch_uid="fjld-page-cache-moved")
def page_moved(sender, instance, url_path_before="", url_path_after="", **kwargs):
    """A move may carry a page into or out of a restricted subtree, whose paths are kept (home/
    visibility.py): everything renders afresh."""
    from .page_cache import invalidate

    invalidate()
