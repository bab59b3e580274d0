"""Signals of the base: a translation carries its original's 发布时间 (first publication), so /en/
and /bo/ show when the content was published, not when it was translated; an edited synonym list
is read afresh."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.signals import page_published

from home.models import SearchSynonym


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

    from home.search.terms import SYNONYMS_CACHE_KEY

    cache.delete(SYNONYMS_CACHE_KEY)
