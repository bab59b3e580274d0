from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views


@hooks.register("register_admin_urls")
def site_health_urls():
    return [path("reports/site-health/", admin_views.site_health_report, name="site_health_report")]


class SiteHealthMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.can_see_site_health(request.user)


@hooks.register("register_reports_menu_item")
def site_health_menu_item():
    return SiteHealthMenuItem(
        "网站自查（普查）", reverse("site_health_report"), icon_name="warning", order=50
    )
