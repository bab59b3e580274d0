"""The internal section's view restriction is created with it and cannot be removed or loosened:
whatever an editor does in the privacy dialog, it comes back as exactly the groups that hold the
section's access permission (internal/restriction.py)."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from wagtail.models import PageViewRestriction

from .models import InternalIndexPage
from .restriction import ensure_private_collection, restrict_index


def _internal_index(page_id):
    return InternalIndexPage.objects.filter(pk=page_id).first()


@receiver(post_save, sender=InternalIndexPage, dispatch_uid="internal-index-restriction")
def restrict_internal_index(sender, instance, created, raw=False, **kwargs):
    """The restriction is created with the page, so it is never public, not even for a moment."""
    if not raw:
        restrict_index(instance)
        ensure_private_collection()  # the section's documents get the same restriction


@receiver(post_delete, sender=PageViewRestriction, dispatch_uid="internal-restriction-kept")
def restore_deleted_restriction(sender, instance, **kwargs):
    page = _internal_index(instance.page_id)
    if page is not None:  # the page itself still exists: put the restriction back
        restrict_index(page)


@receiver(post_save, sender=PageViewRestriction, dispatch_uid="internal-restriction-type-kept")
def keep_restriction_type(sender, instance, raw=False, **kwargs):
    if raw or instance.restriction_type == PageViewRestriction.GROUPS:
        return
    page = _internal_index(instance.page_id)
    if page is not None:
        restrict_index(page)


@receiver(
    m2m_changed, sender=PageViewRestriction.groups.through, dispatch_uid="internal-restriction-groups-kept"
)
def keep_restriction_groups(sender, instance, action, **kwargs):
    if action not in {"post_add", "post_remove", "post_clear"} or not isinstance(
        instance, PageViewRestriction
    ):
        return
    page = _internal_index(instance.page_id)
    if page is not None:
        restrict_index(page)  # sets the groups only when they differ, so this does not recurse


@receiver([post_save, post_delete, m2m_changed], dispatch_uid="internal-panels-renewed")
def records_changed(sender, **kwargs):
    """The dashboard panels are cached per user (internal/dashboard.py): a saved or deleted record of
    this app — a resolution, a progress report, a meeting, a unit's liaisons, a recommendation and
    its replies — renews them."""
    if getattr(sender, "_meta", None) is not None and sender._meta.app_label == "internal":
        from .dashboard import renew_panels

        renew_panels()
