"""网站自查 in the admin, as a Wagtail report: the latest stored result, one row a problem, with
XLSX/CSV export; "立即检查" runs the checks on the task queue."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django_tasks import task
from wagtail.admin.ui.tables import Column

from .admin_viewsets import PermissionReportView
from .models import SiteHealthRun
from .site_health import REPORT_PERMISSION, check_titles, run_checks, store


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
