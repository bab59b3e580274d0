from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import views
from .models import PublishingUnit, StatisticsReleasePage


class PublishingUnitViewSet(SnippetViewSet):
    model = PublishingUnit
    icon = "group"
    menu_label = "发布机构"
    menu_order = 260
    add_to_admin_menu = True
    list_display = ["name", "short_name", "code"]


register_snippet(PublishingUnitViewSet)


class DatasetImportViewSet(ViewSet):
    """导入数据 for a statistics release (/admin/statistics/<page>/import/); reached from the page's
    buttons, no menu item; the view checks the page's edit permission."""

    name = "statistics"

    def get_urlpatterns(self):
        return [
            path("<int:page_id>/import/", views.import_dataset, name="import"),
            path("generate/<int:index_id>/", views.generate_release_view, name="generate"),
        ]


@hooks.register("register_admin_viewset")
def register_dataset_import_viewset():
    return DatasetImportViewSet()


def _import_button(page, user):
    if (
        isinstance(page.specific_deferred, StatisticsReleasePage)
        and page.permissions_for_user(user).can_edit()
    ):
        url = reverse("statistics:import", args=[page.pk])
        yield Button("导入数据", url, icon_name="table", priority=25)


def _generate_button(page, user):
    from .models import DisclosureIndexPage

    if (
        isinstance(page.specific_deferred, DisclosureIndexPage)
        and page.permissions_for_user(user).can_add_subpage()
    ):
        yield Button(
            "从台账生成数据发布",
            reverse("statistics:generate", args=[page.pk]),
            icon_name="table",
            priority=26,
        )


@hooks.register("register_page_listing_more_buttons")
def dataset_import_listing_button(page, user, next_url=None, **kwargs):
    yield from _import_button(page, user)
    yield from _generate_button(page, user)


@hooks.register("register_page_header_buttons")
def dataset_import_header_button(page, user, view_name=None, next_url=None, **kwargs):
    yield from _import_button(page, user)
    yield from _generate_button(page, user)
