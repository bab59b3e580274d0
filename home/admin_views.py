"""网站自查 in the admin: the latest stored result; "立即检查" runs the checks on the task queue."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django_tasks import task

from .models import SiteHealthRun
from .roles import OFFICE, REVIEWERS
from .site_health import CHECKS, run_checks, store


def can_see_site_health(user) -> bool:
    return user.is_superuser or user.groups.filter(name__in=[OFFICE, REVIEWERS]).exists()


@task()
def check_site_health_now():
    store(run_checks())


def site_health_report(request):
    if not can_see_site_health(request.user):
        raise PermissionDenied
    if request.method == "POST":
        check_site_health_now.enqueue()
        messages.success(request, "已开始检查，稍后刷新本页查看结果。")
        return redirect(reverse("site_health_report"))
    run = SiteHealthRun.objects.first()
    groups = []
    if run:
        problems = run.report.get("problems", [])
        groups = [(title, [p for p in problems if p["check"] == key]) for key, title in CHECKS.items()]
    return TemplateResponse(request, "home/admin/site_health.html", {"run": run, "groups": groups})
