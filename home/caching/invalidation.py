"""The one place where a change lets go of what is kept (the design: home/caching/__init__.py).

Wagtail's page signals — published, unpublished, moved; deleted — cover scheduled go-live and
expiry (`publish_scheduled` publishes and unpublishes through them) and wagtail-localize's sync (it
publishes). A live page saved outside a draft (a page created live, a slug fixed in code) counts too;
Wagtail's draft bookkeeping does not. Other rows count when public pages show them: view
restrictions, sites, site settings, images and documents, and the models apps declared in their
`cache_rules.py`. Each change renews the generation at once, and again when its transaction commits,
so that a reader who rendered the old content in between cannot keep it."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished, post_page_move

from home.caching import front, generation
from home.caching.rules import public_models

# What Wagtail writes to a page's row when a draft is saved, locked or submitted: nothing a visitor
# sees changes until it is published.
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


def renew() -> None:
    generation.renew()
    transaction.on_commit(generation.renew)


def shown_on_public_pages(instance) -> bool:
    from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
    from wagtail.documents.models import AbstractDocument
    from wagtail.images.models import AbstractImage
    from wagtail.models import PageViewRestriction, Site

    if isinstance(
        instance,
        (PageViewRestriction, Site, BaseSiteSetting, BaseGenericSetting, AbstractImage, AbstractDocument),
    ):
        return True
    return instance._meta.label_lower in public_models()


def row_changed(sender, instance, raw=False, update_fields=None, **kwargs):
    from wagtail.models import Page

    if raw:  # fixtures or a restore being loaded: whoever loads them shows something new
        renew()
    elif isinstance(instance, Page):
        deleted = kwargs.get("signal") is post_delete
        drafted = update_fields and set(update_fields) <= DRAFT_BOOKKEEPING
        if instance.live and (deleted or not drafted):
            renew()
    elif shown_on_public_pages(instance):
        renew()


def page_changed(sender, instance=None, **kwargs):
    renew()


def connect(purge_front_cache: bool) -> None:
    post_save.connect(row_changed, dispatch_uid="fjld-cache-row-saved")
    post_delete.connect(row_changed, dispatch_uid="fjld-cache-row-deleted")
    page_published.connect(page_changed, dispatch_uid="fjld-cache-page-published")
    page_unpublished.connect(page_changed, dispatch_uid="fjld-cache-page-unpublished")
    post_page_move.connect(page_changed, dispatch_uid="fjld-cache-page-moved")
    if purge_front_cache:  # nginx: the lists, home, feeds and site maps showing the page
        page_published.connect(front.purge_related, dispatch_uid="fjld-front-cache-published")
        page_unpublished.connect(front.purge_related, dispatch_uid="fjld-front-cache-unpublished")
