"""Reports of the base in the admin, on Wagtail's ReportView: 网站自查 (the latest stored result, one
row a problem, XLSX/CSV export; "立即检查" runs the checks on the task queue), the 安全审计日志 and
the current 登录锁定 (an administrator unlocks)."""

import django_filters
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django_tasks import task
from wagtail.admin.ui.tables import Column

from home.admin_viewsets import PermissionReportView
from home.models import SecurityEvent, SiteHealthRun
from home.operations.self_check import REPORT_PERMISSION, check_titles, run_checks, store


@task()
def check_site_health_now():
    store(run_checks())


class LinksColumn(Column):
    cell_template_name = "home/admin/site_health_links_cell.html"


class SiteHealthReportView(PermissionReportView):
    permissions = (REPORT_PERMISSION,)
    page_title = "网站自查（政府网站普查）"
    header_icon = "warning"
    index_url_name = "site_health:index"
    index_results_url_name = "site_health:results"
    results_template_name = "home/admin/site_health_results.html"
    paginate_by = 100
    columns = [
        Column("check_title", label="检查项"),
        Column("message", label="问题"),
        LinksColumn("links", label="处理"),
    ]
    list_export = ["check_title", "title", "message", "url", "admin_url"]
    export_headings = {
        "check_title": "检查项",
        "title": "页面",
        "message": "问题",
        "url": "页面地址",
        "admin_url": "编辑地址",
    }

    @cached_property
    def run(self):
        return SiteHealthRun.objects.first()

    def get_filename(self):
        return f"网站自查_{self.run.checked_at:%Y%m%d}" if self.run else "网站自查"

    def get_queryset(self):
        titles = check_titles()
        problems = self.run.report.get("problems", []) if self.run else []
        return [
            {**problem, "check_title": titles.get(problem["check"], problem["check"])} for problem in problems
        ]

    def post(self, request, *args, **kwargs):
        check_site_health_now.enqueue()
        messages.success(request, "已开始检查，稍后刷新本页查看结果。")
        return redirect(reverse("site_health:index"))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        counts = {}
        for problem in self.get_queryset():
            counts[problem["check"]] = counts.get(problem["check"], 0) + 1
        context.update(
            run=self.run,
            summary=[(title, counts.get(key, 0)) for key, title in check_titles().items()],
        )
        return context

    @cached_property
    def no_results_message(self):
        return "未发现问题。" if self.run else "还没有检查记录。点击“立即检查”。"


class SecurityEventFilterSet(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(
        label="事件", choices=SecurityEvent.Kind.choices, empty_label="全部事件"
    )
    username = django_filters.CharFilter(label="用户名", lookup_expr="icontains")
    ip_address = django_filters.CharFilter(label="来源地址")
    at = django_filters.DateFromToRangeFilter(
        label="日期", widget=django_filters.widgets.RangeWidget(attrs={"type": "date"})
    )

    class Meta:
        model = SecurityEvent
        fields = []


class SecurityLogView(PermissionReportView):
    """安全审计日志 for administrators: filter, page through, export."""

    permissions = ("home.view_securityevent",)
    page_title = "安全审计日志"
    header_icon = "lock"
    index_url_name = "security_log:index"
    index_results_url_name = "security_log:results"
    filterset_class = SecurityEventFilterSet
    paginate_by = 100
    columns = [
        Column("at", label="时间", accessor="local_time"),
        Column("kind", label="事件", accessor="get_kind_display"),
        Column("username", label="用户名"),
        Column("ip_address", label="来源地址"),
        Column("path", label="登录入口"),
        Column("detail", label="说明"),
        Column("user_agent", label="浏览器"),
    ]
    list_export = ["local_time", "get_kind_display", "username", "ip_address", "path", "detail", "user_agent"]
    export_headings = {
        "local_time": "时间",
        "get_kind_display": "事件",
        "username": "用户名",
        "ip_address": "来源地址",
        "path": "登录入口",
        "detail": "说明",
        "user_agent": "浏览器",
    }
    export_filename = "安全审计日志"

    def get_queryset(self):
        return SecurityEvent.objects.all()


class LockoutView(PermissionReportView):
    """登录锁定: the user+address pairs django-axes is refusing now; an administrator unlocks one."""

    permissions = ("axes.delete_accessattempt",)
    page_title = "登录锁定"
    header_icon = "lock"
    index_url_name = "lockouts:index"
    index_results_url_name = "lockouts:results"
    results_template_name = "home/admin/lockouts_results.html"
    paginate_by = 50
    failure_limit = property(lambda self: settings.AXES_FAILURE_LIMIT)

    def get_queryset(self):
        from axes.models import AccessAttempt

        return AccessAttempt.objects.filter(failures_since_start__gte=settings.AXES_FAILURE_LIMIT).order_by(
            "-attempt_time"
        )

    def post(self, request, *args, **kwargs):
        from axes.models import AccessAttempt

        attempt = AccessAttempt.objects.filter(pk=request.POST.get("attempt")).first()
        if attempt is None:
            messages.warning(request, "该锁定记录已不存在（可能已到期自动解除）。")
        else:
            attempt.delete()
            messages.success(request, f"已解除 {attempt.username}（{attempt.ip_address}）的登录锁定。")
        return redirect(reverse("lockouts:index"))
