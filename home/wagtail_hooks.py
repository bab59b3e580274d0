from django.urls import path
from wagtail import hooks

from .admin_views import SiteHealthReportView
from .admin_viewsets import PermissionViewSet
from .site_health import REPORT_PERMISSION


class SiteHealthViewSet(PermissionViewSet):
    """网站自查 under 报告 (/admin/reports/site-health/)."""

    name = "site_health"
    url_prefix = "reports/site-health"
    menu_label = "网站自查（普查）"
    menu_icon = "warning"
    menu_order = 50
    permissions = (REPORT_PERMISSION,)
    menu_hook = "register_reports_menu_item"

    def get_urlpatterns(self):
        return [
            path("", SiteHealthReportView.as_view(), name="index"),
            path("results/", SiteHealthReportView.as_view(results_only=True), name="results"),
        ]


@hooks.register("register_admin_viewset")
def register_site_health_viewset():
    return SiteHealthViewSet()
