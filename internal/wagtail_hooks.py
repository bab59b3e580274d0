from django.http import Http404
from django.urls import path
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from home.admin_viewsets import PermissionViewSet

from . import views, views_recommendations
from .access import follows_resolutions, is_internal_member, sees_everything
from .dashboard import CadencePanel, RecommendationsOverduePanel, ResolutionsDuePanel
from .groups import REPORT_OWN_UNIT, VIEW_ALL, VIEW_REPORT
from .models import MemberUnit
from .privacy import used_by_internal_pages
from .recommendations import follows_recommendations


class MemberUnitViewSet(SnippetViewSet):
    model = MemberUnit
    icon = "group"
    menu_label = "成员单位"
    menu_order = 270
    add_to_admin_menu = True
    list_display = ["name", "short_name", "kind", "representative", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "short_name"]


register_snippet(MemberUnitViewSet)


class ResolutionViewSet(PermissionViewSet):
    """议定事项 and each one's progress (/admin/resolutions/)."""

    name = "internal_resolutions"
    url_prefix = "resolutions"
    menu_label = "议定事项"
    menu_icon = "tasks"
    menu_order = 150
    add_to_admin_menu = True
    permissions = (VIEW_ALL, REPORT_OWN_UNIT)

    def get_urlpatterns(self):
        return [
            path("", views.ResolutionIndexView.as_view(), name="index"),
            path("results/", views.ResolutionIndexView.as_view(results_only=True), name="index_results"),
            path("<int:resolution_id>/", views.report_progress, name="progress"),
            path("report/", views.SupervisionReportView.as_view(), name="report"),
            path(
                "report/results/",
                views.SupervisionReportView.as_view(results_only=True),
                name="report_results",
            ),
        ]


class SupervisionReportMenu(PermissionViewSet):
    """The report's own menu entry (its views live with the resolutions)."""

    name = "internal_report_menu"
    menu_label = "督查督办报表"
    menu_icon = "table"
    menu_order = 151
    add_to_admin_menu = True
    permissions = (VIEW_REPORT,)

    def get_urlpatterns(self):
        return []

    @property
    def menu_url(self):
        from django.urls import reverse

        return reverse("internal_resolutions:report")


class InternalFilesViewSet(ViewSet):
    """Private files (training photos, report attachments): each view checks the viewer."""

    name = "internal_files"
    url_prefix = "internal-files"

    def get_urlpatterns(self):
        return [
            path("photo/<int:photo_id>/", views.training_photo, name="photo"),
            path("photo/<int:photo_id>/<str:variant>/", views.training_photo, name="photo"),
            path("report/<int:report_id>/", views.report_attachment, name="report_attachment"),
        ]


@hooks.register("register_admin_viewset")
def register_internal_viewsets():
    return [
        ResolutionViewSet(),
        SupervisionReportMenu(),
        views_recommendations.RecommendationViewSet(),
        InternalFilesViewSet(),
    ]


@hooks.register("construct_homepage_panels")
def internal_dashboard_panels(request, panels):
    user = request.user
    if follows_resolutions(user):
        panels.append(ResolutionsDuePanel(user))
    if sees_everything(user):
        panels.append(CadencePanel())
    if follows_recommendations(user):
        panels.append(RecommendationsOverduePanel(user))


@hooks.register("before_serve_document")
def keep_internal_documents_internal(document, request):
    """Defence in depth behind the 内部资料 collection's restriction: a document an internal page
    uses is not served to outsiders even if an editor filed it in a public collection."""
    if not is_internal_member(request.user) and used_by_internal_pages(document):
        raise Http404("文件不存在。")


@hooks.register("register_log_actions")
def recommendation_log_actions(actions):
    """The ledger's records in each recommendation's history: “记录：书面回复” and so on."""
    from wagtail.log_actions import LogFormatter

    @actions.register_action(views_recommendations.RECORD_ACTION)
    class RecordFormatter(LogFormatter):
        label = "记录办理事项"

        def format_message(self, log_entry):
            return f"记录：{log_entry.data.get('what', '办理事项')}"
