from django.utils.cache import patch_cache_control
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, TitleFieldPanel

from ..restriction import keep_documents_private

# Internal pages are never shown to the public: none of the public site's help ("the title as you
# would like the public to see it", SEO title, meta description, show in menus) applies to them.
INTERNAL_TITLE_PANEL = TitleFieldPanel(
    "title", help_text="内部记录的名称，只有联席会议成员单位登录后能看到。", placeholder="标题*"
)
INTERNAL_PROMOTE_PANELS = [FieldPanel("slug", help_text="内部网址中的一段，一般无需修改。")]


class PrivatePageMixin:
    """Internal pages must not be kept by a shared front cache or the browser's cache, and their
    editor speaks of the internal section, not the public site."""

    promote_panels = INTERNAL_PROMOTE_PANELS

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        patch_cache_control(response, private=True, no_store=True, max_age=0)
        return response


class InternalPageForm(WagtailAdminPageForm):
    """The editor of an internal page: the documents it uses are moved into 内部资料 when it is
    saved (draft or published), so none of them is ever a public file."""

    def save(self, commit=True):
        page = super().save(commit=False)
        keep_documents_private(page)
        if commit:
            page.save()
        return page
