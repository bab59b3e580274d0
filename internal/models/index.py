from wagtail.admin.panels import FieldPanel

from home.models import ListingPage

from .mixins import INTERNAL_TITLE_PANEL, PrivatePageMixin


class InternalIndexPage(PrivatePageMixin, ListingPage):
    """内部工作 at /internal/: visible only to logged-in members of the groups that hold the
    section's access permission (its view restriction is kept so by internal/signals.py)."""

    default_update_cycle_days = 0  # private: not part of the public site check

    parent_page_types = ["home.HomePage"]
    subpage_types = ["internal.MeetingPage", "internal.TrainingSessionPage"]
    template = "internal/internal_index_page.html"
    content_panels = [INTERNAL_TITLE_PANEL, FieldPanel("intro")]

    class Meta:
        verbose_name = "内部工作栏目"
        permissions = [("access_internal_section", "进入内部工作栏目（会议、培训及其照片、附件）")]
