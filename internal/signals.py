"""The internal section's view restriction is created with it and cannot be removed or loosened:
whatever an editor does in the privacy dialog, it comes back as exactly the internal groups."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from wagtail.models import PageViewRestriction

from home.roles import INTERNAL_GROUPS

from .models.index import InternalIndexPage


def _internal_index(page_id):
    return InternalIndexPage.objects.filter(pk=page_id).first()


@receiver(post_save, sender=InternalIndexPage, dispatch_uid="internal-index-restriction")
def restrict_internal_index(sender, instance, created, raw=False, **kwargs):
    """The restriction is created with the page, so it is never public, not even for a moment."""
    if not raw:
        instance.ensure_view_restriction()


@receiver(post_delete, sender=PageViewRestriction, dispatch_uid="internal-restriction-kept")
def restore_deleted_restriction(sender, instance, **kwargs):
    page = _internal_index(instance.page_id)
    if page is not None:  # the page itself still exists: put the restriction back
        page.ensure_view_restriction()


@receiver(post_save, sender=PageViewRestriction, dispatch_uid="internal-restriction-type-kept")
def keep_restriction_type(sender, instance, raw=False, **kwargs):
    if raw or instance.restriction_type == PageViewRestriction.GROUPS:
        return
    if _internal_index(instance.page_id) is not None:
        PageViewRestriction.objects.filter(pk=instance.pk).update(
            restriction_type=PageViewRestriction.GROUPS, password=""
        )


@receiver(
    m2m_changed, sender=PageViewRestriction.groups.through, dispatch_uid="internal-restriction-groups-kept"
)
def keep_restriction_groups(sender, instance, action, **kwargs):
    if action not in {"post_add", "post_remove", "post_clear"} or not isinstance(
        instance, PageViewRestriction
    ):
        return
    if _internal_index(instance.page_id) is None:
        return
    if set(instance.groups.values_list("name", flat=True)) != set(INTERNAL_GROUPS):
        from django.contrib.auth.models import Group

        instance.groups.set([Group.objects.get_or_create(name=name)[0] for name in INTERNAL_GROUPS])
