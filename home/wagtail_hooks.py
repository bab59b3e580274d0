from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from home import review_messages
from home.admin_views import LockoutView, SecurityLogView, SiteHealthReportView
from home.admin_viewsets import ReportViewSet
from home.models import CalendarDay, HolidayArrangement, SearchSynonym
from home.operations.self_check import REPORT_PERMISSION
from home.registries.roles import TRANSLATE
from home.security import two_factor


class SiteHealthViewSet(ReportViewSet):
    """网站自查 under 报告 (/admin/reports/site-health/)."""

    name = "site_health"
    url_prefix = "reports/site-health"
    menu_label = "网站自查（普查）"
    menu_icon = "warning"
    menu_order = 50
    permissions = (REPORT_PERMISSION,)
    menu_hook = "register_reports_menu_item"

    view_class = SiteHealthReportView


class SecurityLogViewSet(ReportViewSet):
    """安全审计日志 under 报告 (/admin/reports/security-log/): administrators."""

    name = "security_log"
    url_prefix = "reports/security-log"
    menu_label = "安全审计日志"
    menu_icon = "lock"
    menu_order = 60
    permissions = ("home.view_securityevent",)
    menu_hook = "register_reports_menu_item"

    view_class = SecurityLogView


class LockoutViewSet(ReportViewSet):
    """登录锁定 under 设置 (/admin/lockouts/): administrators see and lift lockouts."""

    name = "lockouts"
    menu_label = "登录锁定"
    menu_icon = "lock"
    menu_order = 900
    permissions = ("axes.delete_accessattempt",)
    add_to_settings_menu = True

    view_class = LockoutView


class TwoFactorViewSet(ViewSet):
    """/admin/two-factor/setup/ and verify/ (used only when STAFF_TWO_FACTOR is on); reset/<id>/ for
    administrators (a lost phone)."""

    name = "two_factor"
    url_prefix = "two-factor"

    def get_urlpatterns(self):
        return [
            path("setup/", two_factor.setup, name="setup"),
            path("verify/", two_factor.verify, name="verify"),
            path("reset/<int:user_id>/", two_factor.reset, name="reset"),
        ]


@hooks.register("register_user_listing_buttons")
def two_factor_reset_button(user, request_user):
    """In 设置 → 用户, each user's menu: 重置两步验证 (administrators, when two-factor login is on)."""
    from django.conf import settings
    from django.urls import reverse
    from wagtail.admin.widgets import Button

    if settings.STAFF_TWO_FACTOR and two_factor.may_reset(request_user):
        yield Button("重置两步验证", reverse("two_factor:reset", args=[user.pk]), priority=60)


@hooks.register("register_account_menu_item")
def replace_authenticator(request):
    """账户设置 → 更换身份验证器: only after this session gave a code from the present one."""
    from django.conf import settings
    from django.urls import reverse

    if settings.STAFF_TWO_FACTOR:
        return {
            "url": reverse("two_factor:setup"),
            "label": "更换身份验证器",
            "help_text": "换手机时绑定新的身份验证器；需先输入当前验证器的动态验证码，原验证器随即失效。",
        }


class SearchSynonymViewSet(SnippetViewSet):
    model = SearchSynonym
    icon = "search"
    menu_label = "搜索同义词"
    add_to_settings_menu = True
    list_display = ["terms", "note"]
    search_fields = ["terms", "note"]


register_snippet(SearchSynonymViewSet)


@hooks.register("register_admin_viewset")
def register_base_viewsets():
    return [SiteHealthViewSet(), SecurityLogViewSet(), LockoutViewSet(), TwoFactorViewSet()]


@hooks.register("construct_reports_menu")
def translations_report_for_translators_only(request, menu_items):
    """wagtail-localize shows its 翻译 report to everyone; it concerns only those who translate."""
    if not request.user.has_perm(TRANSLATE):
        report = reverse("wagtail_localize:translations_report")
        menu_items[:] = [item for item in menu_items if item.url != report]


@hooks.register("insert_global_admin_css")
def admin_contrast_css():
    """Wagtail's green success banner is white on #50a28a (3.05:1): darkened to meet WCAG AA."""
    from django.templatetags.static import static
    from django.utils.html import format_html

    return format_html('<link rel="stylesheet" href="{}">', static("css/admin.css"))


class CalendarDayViewSet(SnippetViewSet):
    """工作日历: the holidays and 调休 working weekends every working-day deadline counts with."""

    model = CalendarDay
    icon = "date"
    menu_label = "工作日历"
    menu_order = 262
    add_to_settings_menu = True
    list_display = ["date", "name", "is_working_day"]
    list_filter = ["is_working_day"]
    search_fields = ["name"]
    search_backend_name = None


register_snippet(CalendarDayViewSet)


class HolidayArrangementViewSet(SnippetViewSet):
    """年度节假日安排: which years of 工作日历 follow a published notice (the others are 暂定)."""

    model = HolidayArrangement
    icon = "date"
    menu_label = "年度节假日安排"
    menu_order = 263
    add_to_settings_menu = True
    list_display = ["year", "confirmed", "source"]


register_snippet(HolidayArrangementViewSet)


hooks.register("before_edit_page", review_messages.warn_before_editing_under_review)
