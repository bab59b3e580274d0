from wagtail.models import PageViewRestriction

from home.models import ListingPage
from home.roles import INTERNAL_GROUPS

from .mixins import PrivatePageMixin


class InternalIndexPage(PrivatePageMixin, ListingPage):
    """内部工作 at /internal/: visible only to logged-in members of the internal groups."""

    default_update_cycle_days = 0  # private: not part of the public site check

    parent_page_types = ["home.HomePage"]
    subpage_types = ["internal.MeetingPage", "internal.TrainingSessionPage"]
    template = "internal/internal_index_page.html"

    class Meta:
        verbose_name = "内部工作栏目"

    def ensure_view_restriction(self) -> PageViewRestriction:
        from django.contrib.auth.models import Group

        restriction, _ = PageViewRestriction.objects.get_or_create(
            page=self, restriction_type=PageViewRestriction.GROUPS
        )
        groups = [Group.objects.get_or_create(name=name)[0] for name in INTERNAL_GROUPS]
        restriction.groups.add(*groups)
        from ..privacy import ensure_private_collection

        ensure_private_collection()  # the section's documents get the same restriction
        return restriction
