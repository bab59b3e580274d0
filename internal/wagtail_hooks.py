from django.http import Http404
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import views
from .access import is_internal_member, sees_everything
from .dashboard import CadencePanel, ResolutionsDuePanel
from .models import MemberUnit
from .privacy import used_by_internal_pages


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
def internal_admin_urls():
    return [
        path("resolutions/", views.resolution_list, name="internal_resolutions"),
        path("resolutions/<int:resolution_id>/", views.report_progress, name="internal_report_progress"),
        path("resolutions/report/", views.resolution_report, name="internal_report"),
        path("resolutions/report.xlsx", views.resolution_report_xlsx, name="internal_report_xlsx"),
        path("internal-files/photo/<int:photo_id>/", views.training_photo, name="internal_training_photo"),
        path(
            "internal-files/photo/<int:photo_id>/<str:variant>/",
            views.training_photo,
            name="internal_training_photo",
        ),
        path(
            "internal-files/report/<int:report_id>/",
            views.report_attachment,
            name="internal_report_attachment",
        ),
    ]


class ResolutionsMenuItem(MenuItem):
    def is_shown(self, request):
        user = request.user
        return sees_everything(user) or user.member_units.exists()


class ReportMenuItem(MenuItem):
    def is_shown(self, request):
        return sees_everything(request.user)


@hooks.register("register_admin_menu_item")
def resolutions_menu_item():
    return ResolutionsMenuItem("议定事项", reverse("internal_resolutions"), icon_name="tasks", order=150)


@hooks.register("register_admin_menu_item")
def report_menu_item():
    return ReportMenuItem("督查督办报表", reverse("internal_report"), icon_name="table", order=151)


@hooks.register("construct_homepage_panels")
def internal_dashboard_panels(request, panels):
    user = request.user
    if sees_everything(user) or user.member_units.exists():
        panels.append(ResolutionsDuePanel(user))
    if sees_everything(user):
        panels.append(CadencePanel())


@hooks.register("before_serve_document")
def keep_internal_documents_internal(document, request):
    """Defence in depth behind the 内部资料 collection's restriction: a document an internal page
    uses is not served to outsiders even if an editor filed it in a public collection."""
    if not is_internal_member(request.user) and used_by_internal_pages(document):
        raise Http404("文件不存在。")
