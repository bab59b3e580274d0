from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import views
from .models import MemberUnit


class MemberUnitViewSet(SnippetViewSet):
    model = MemberUnit
    icon = "group"
    menu_label = "成员单位"
    menu_order = 270
    add_to_admin_menu = True
    list_display = ["name", "kind", "representative", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "short_name"]


register_snippet(MemberUnitViewSet)


@hooks.register("register_admin_urls")
def resolution_urls():
    return [
        path("resolutions/", views.resolution_list, name="internal_resolutions"),
        path("resolutions/<int:resolution_id>/", views.report_progress, name="internal_report_progress"),
    ]


class ResolutionsMenuItem(MenuItem):
    def is_shown(self, request):
        user = request.user
        return views.sees_everything(user) or user.member_units.exists()


@hooks.register("register_admin_menu_item")
def resolutions_menu_item():
    return ResolutionsMenuItem("议定事项", reverse("internal_resolutions"), icon_name="tasks", order=150)
