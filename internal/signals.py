from django.db.models.signals import post_save
from django.dispatch import receiver

from .models.index import InternalIndexPage


@receiver(post_save, sender=InternalIndexPage, dispatch_uid="internal-index-restriction")
def restrict_internal_index(sender, instance, created, raw=False, **kwargs):
    """The restriction is created with the page, so it is never public, not even for a moment."""
    if not raw:
        instance.ensure_view_restriction()
