"""网站自查 (政府网站普查 self-check): the failures a CMS can prevent, found before an inspector
does. Used by `manage.py site_health` (text or --json), the admin report 网站自查 and a weekly
job that e-mails whoever may read the report. Only the public site is checked.

The checks are a registry: the site-wide ones are registered in home/health_checks.py, and each
app adds its own in its `health_checks.py` (e.g. disclosures: 依申请公开 text still held).
"""

import datetime
from collections import defaultdict
from collections.abc import Callable
from dataclasses import asdict, dataclass, field

from django.conf import settings
from django.utils import timezone

from home.registries import Registry
from home.templatetags.fjld import cn_date

HOME_STALE_DAYS = 14


@dataclass(frozen=True)
class HealthCheck:
    key: str  # stable: stored in reports and their JSON
    title: str
    run: Callable[[datetime.datetime], list]  # (now) -> [Problem]
    order: int = 100


checks: Registry[HealthCheck] = Registry("health_checks", key=lambda check: check.order)


def check_titles() -> dict[str, str]:
    """key -> title of every registered check, in order (a key may have several runners)."""
    titles: dict[str, str] = {}
    for check in checks:
        titles.setdefault(check.key, check.title)
    return titles


@dataclass
class Problem:
    check: str
    message: str
    page_id: int | None = None
    title: str = ""
    url: str = ""
    admin_url: str = ""


@dataclass
class HealthReport:
    checked_at: datetime.datetime
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def by_check(self) -> list[tuple[str, str, list[Problem]]]:
        grouped = defaultdict(list)
        for problem in self.problems:
            grouped[problem.check].append(problem)
        return [(key, title, grouped[key]) for key, title in check_titles().items()]

    def as_dict(self) -> dict:
        return {
            "checked_at": timezone.localtime(self.checked_at).isoformat(),
            "ok": self.ok,
            "counts": {key: len(problems) for key, _, problems in self.by_check()},
            "problems": [asdict(problem) for problem in self.problems],
        }


def public_pages():
    from wagtail.models import Page

    return Page.objects.live().public()


def page_problem(check: str, page, message: str) -> Problem:
    base = settings.WAGTAILADMIN_BASE_URL
    return Problem(
        check=check,
        message=message,
        page_id=page.pk,
        title=page.title,
        url=page.full_url or "",
        admin_url=f"{base}/admin/pages/{page.pk}/edit/",
    )


def age_days(moment, now) -> int:
    return (now - moment).days


def run_checks(now: datetime.datetime | None = None) -> HealthReport:
    now = now or timezone.now()
    report = HealthReport(checked_at=now)
    for check in checks:
        report.problems += check.run(now)
    return report


def render_text(report: HealthReport) -> str:
    lines = [f"网站自查（政府网站普查）· {timezone.localtime(report.checked_at):%Y年%-m月%-d日 %H:%M}"]
    if report.ok:
        lines.append("未发现问题。")
        return "\n".join(lines) + "\n"
    lines.append(f"发现 {len(report.problems)} 个问题：")
    for _key, title, problems in report.by_check():
        if not problems:
            continue
        lines.append(f"\n【{title}】{len(problems)} 项")
        lines += [f"  · {p.message}\n    {p.admin_url}" for p in problems]
    return "\n".join(lines) + "\n"


def store(report: HealthReport):
    from home.models import SiteHealthRun

    run = SiteHealthRun.objects.create(
        checked_at=report.checked_at, problem_count=len(report.problems), report=report.as_dict()
    )
    SiteHealthRun.objects.filter(
        pk__in=SiteHealthRun.objects.values_list("pk", flat=True)[KEEP_RUNS:]
    ).delete()
    return run


KEEP_RUNS = 52  # a year of weekly runs


REPORT_PERMISSION = "home.view_site_health"


def email_office(report: HealthReport) -> int:
    """The weekly result to whoever may read the report (the office, reviewers, administrators)."""
    from django.contrib.auth import get_user_model
    from django.core.mail import send_mail

    from home.registries.roles import PERMISSION_BACKEND

    recipients = sorted(
        set(
            get_user_model()
            .objects.with_perm(REPORT_PERMISSION, backend=PERMISSION_BACKEND)
            .exclude(email="")
            .values_list("email", flat=True)
        )
    )
    if not recipients:
        return 0
    verdict = "未发现问题" if report.ok else f"发现 {len(report.problems)} 个问题"
    subject = f"【网站自查】{cn_date(report.checked_at)}：{verdict}"
    body = render_text(report) + f"\n管理后台：{settings.WAGTAILADMIN_BASE_URL}/admin/reports/site-health/\n"
    send_mail(subject, body, None, recipients)
    return len(recipients)


def weekly_site_health() -> int:
    """The weekly job: check, keep the result, e-mail it."""
    report = run_checks()
    store(report)
    return email_office(report)
