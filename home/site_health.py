"""网站自查 (政府网站普查 self-check): the failures a CMS can prevent, found before an inspector
does. Used by `manage.py site_health` (text or --json), the admin report 网站自查 and a weekly
job that e-mails the office. Only the public site is checked; the internal section is private."""

import datetime
import json
import re
from collections import defaultdict
from dataclasses import asdict, dataclass, field

from django.conf import settings
from django.utils import timezone

from .templatetags.fjld import cn_date

HOME_STALE_DAYS = 14
CONSULTATION_DAYS = 90

CHECKS = {
    "stale_home": "首页超过14天未更新",
    "stale_column": "栏目超过更新周期未更新",
    "empty_column": "空白栏目",
    "broken_link": "失效链接或缺失的图片、文件",
    "on_request_text": "依申请公开文件仍存有正文",
    "unanswered_consultation": "法律咨询超过90天未答复",
    "personal_data": "已发布内容中含有个人信息",
}


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
        return [(key, title, grouped[key]) for key, title in CHECKS.items()]

    def as_dict(self) -> dict:
        return {
            "checked_at": timezone.localtime(self.checked_at).isoformat(),
            "ok": self.ok,
            "counts": {key: len(problems) for key, _, problems in self.by_check()},
            "problems": [asdict(problem) for problem in self.problems],
        }


def _public_pages():
    from wagtail.models import Page

    return Page.objects.live().public()


def _problem(check, page, message) -> Problem:
    base = settings.WAGTAILADMIN_BASE_URL
    return Problem(
        check=check,
        message=message,
        page_id=page.pk,
        title=page.title,
        url=page.full_url or "",
        admin_url=f"{base}/admin/pages/{page.pk}/edit/",
    )


def _age_days(moment, now) -> int:
    return (now - moment).days


def check_home(now) -> list[Problem]:
    from django.db.models import Max

    from .models import HomePage

    problems = []
    for home in HomePage.objects.live().filter(locale=_default_locale()):
        newest = (
            _public_pages()
            .descendant_of(home, inclusive=True)
            .aggregate(newest=Max("last_published_at"))["newest"]
        )
        if newest is None or _age_days(newest, now) > HOME_STALE_DAYS:
            since = f"最近一次更新是{cn_date(newest)}" if newest else "从未发布内容"
            problems.append(
                _problem("stale_home", home, f"首页及其内容已超过{HOME_STALE_DAYS}天未更新（{since}）。")
            )
    return problems


def _default_locale():
    from wagtail.models import Locale

    return Locale.get_default()


def _columns():
    """The public columns of the source language; translations follow their source's schedule."""
    from .models import ListingPage

    for page in _public_pages().filter(locale=_default_locale()).specific():
        if isinstance(page, ListingPage):
            yield page


def check_columns(now) -> list[Problem]:
    from django.db.models import Max

    problems = []
    for column in _columns():
        children = column.get_children().live().public()
        newest = children.aggregate(newest=Max("first_published_at"))["newest"]
        if newest is None:
            problems.append(_problem("empty_column", column, f"栏目“{column.title}”没有任何已发布的内容。"))
            continue
        cycle = column.update_cycle
        if cycle and _age_days(newest, now) > cycle:
            problems.append(
                _problem(
                    "stale_column",
                    column,
                    f"栏目“{column.title}”已{_age_days(newest, now)}天没有新内容（更新周期{cycle}天，"
                    f"最近一篇发布于{cn_date(newest)}）。",
                )
            )
    return problems


def check_links(now) -> list[Problem]:
    """References (rich text links, image and document choosers, page choosers) from public pages to
    pages that are gone or offline, and to images or documents whose record or file is missing."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Page, ReferenceIndex

    page_type = ContentType.objects.get_for_model(Page)
    public = {page.pk: page for page in _public_pages().only("pk", "title", "url_path", "depth", "path")}
    references = ReferenceIndex.objects.filter(
        base_content_type=page_type, object_id__in=[str(pk) for pk in public]
    ).select_related("to_content_type")
    targets = defaultdict(set)
    rows = list(references)
    for ref in rows:
        targets[ref.to_content_type.model_class()].add(ref.to_object_id)
    found = {}
    for model, ids in targets.items():
        if model is None:
            continue
        keys = [int(pk) for pk in ids if str(pk).isdigit()]
        found[model] = {obj.pk: obj for obj in model._default_manager.filter(pk__in=keys)}
    image_model, document_model = get_image_model(), get_document_model()
    labels = {image_model: "图片", document_model: "文件"}
    problems, seen = [], set()
    for ref in rows:
        model = ref.to_content_type.model_class()
        if model is None:
            continue
        target = found.get(model, {}).get(int(ref.to_object_id)) if str(ref.to_object_id).isdigit() else None
        source = public[int(ref.object_id)]
        if issubclass(model, Page):
            if target is None:
                message = f"“{source.title}”链接的页面（ID {ref.to_object_id}）已被删除。"
            elif not target.live:
                message = f"“{source.title}”链接的页面“{target.title}”已下线或未发布。"
            else:
                continue
        elif model in labels:
            label = labels[model]
            if target is None:
                message = f"“{source.title}”使用的{label}（ID {ref.to_object_id}）已被删除。"
            elif not target.file or not target.file.storage.exists(target.file.name):
                message = f"“{source.title}”使用的{label}“{target.title}”找不到文件。"
            else:
                continue
        else:
            continue
        if (source.pk, message) not in seen:
            seen.add((source.pk, message))
            problems.append(_problem("broken_link", source, message))
    return problems


RICH_TEXT_TAG = re.compile(r"<(?:a|embed)\b[^>]*>")
ATTRIBUTE = re.compile(r'(\w+)="([^"]*)"')


def _rich_text_targets(page):
    """(kind, id) of every page or document link and image embed in the page's rich text, as stored
    (so links to since-deleted pages are found: Wagtail drops their references on deletion)."""
    from wagtail.fields import RichTextField, StreamField

    for model_field in page._meta.get_fields():
        if not isinstance(model_field, (RichTextField, StreamField)):
            continue
        value = getattr(page, model_field.attname, None)
        if not value:
            continue
        raw = (
            value
            if isinstance(value, str)
            else json.dumps(list(value.raw_data), ensure_ascii=False, default=str)
        )
        for tag in RICH_TEXT_TAG.findall(raw.replace('\\"', '"')):
            attrs = dict(ATTRIBUTE.findall(tag))
            kind = attrs.get("linktype") or attrs.get("embedtype")
            if kind in {"page", "document", "image"} and attrs.get("id", "").isdigit():
                yield kind, int(attrs["id"])


def check_deleted_link_targets(now) -> list[Problem]:
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Page

    models = {
        "page": (Page, "页面"),
        "document": (get_document_model(), "文件"),
        "image": (get_image_model(), "图片"),
    }
    found = []
    for page in _public_pages().specific():
        found += [(page, kind, pk) for kind, pk in _rich_text_targets(page)]
    existing = {
        kind: set(
            model.objects.filter(pk__in=[pk for _, k, pk in found if k == kind]).values_list("pk", flat=True)
        )
        for kind, (model, _) in models.items()
    }
    return [
        _problem("broken_link", page, f"“{page.title}”正文中链接的{models[kind][1]}（ID {pk}）已被删除。")
        for page, kind, pk in found
        if pk not in existing[kind]
    ]


def check_on_request_text(now) -> list[Problem]:
    from disclosures.models import DisclosureMode, PolicyDocumentPage

    problems = []
    pages = PolicyDocumentPage.objects.live().public().filter(disclosure_mode=DisclosureMode.ON_REQUEST)
    for page in pages:
        if page.body:
            problems.append(
                _problem(
                    "on_request_text",
                    page,
                    f"“{page.title}”属于依申请公开，却仍在公开网站上存有正文；正文不显示，但应删除，"
                    "以免经导出或改版泄露。",
                )
            )
    return problems


def check_consultations(now) -> list[Problem]:
    from wagtail.contrib.forms.models import FormSubmission

    from campaigns.models import FormKind

    cutoff = now - datetime.timedelta(days=CONSULTATION_DAYS)
    late = (
        FormSubmission.objects.filter(
            page__formpage__kind=FormKind.CONSULTATION, submit_time__lt=cutoff, reply__isnull=True
        )
        .select_related("page")
        .order_by("submit_time")
    )
    counts, oldest, pages = defaultdict(int), {}, {}
    for submission in late:
        counts[submission.page_id] += 1
        oldest.setdefault(submission.page_id, submission.submit_time)
        pages[submission.page_id] = submission.page
    return [
        _problem(
            "unanswered_consultation",
            pages[page_id],
            f"“{pages[page_id].title}”有{count}条咨询超过{CONSULTATION_DAYS}天未答复"
            f"（最早提交于{cn_date(oldest[page_id])}）。请在“法律咨询答复”中记录答复。",
        )
        for page_id, count in counts.items()
    ]


def check_personal_data(now) -> list[Problem]:
    """The 普法 guard (campaigns.privacy) over everything already published, whatever its type."""
    from campaigns.privacy import personal_info_errors

    problems = []
    for page in _public_pages().specific():
        for message in personal_info_errors(page).values():
            problems.append(_problem("personal_data", page, f"“{page.title}”：{message}"))
    return problems


RUNNERS = (
    check_home,
    check_columns,
    check_links,
    check_deleted_link_targets,
    check_on_request_text,
    check_consultations,
    check_personal_data,
)


def run_checks(now: datetime.datetime | None = None) -> HealthReport:
    now = now or timezone.now()
    report = HealthReport(checked_at=now)
    for runner in RUNNERS:
        report.problems += runner(now)
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
    from .models import SiteHealthRun

    run = SiteHealthRun.objects.create(
        checked_at=report.checked_at, problem_count=len(report.problems), report=report.as_dict()
    )
    SiteHealthRun.objects.filter(
        pk__in=SiteHealthRun.objects.values_list("pk", flat=True)[KEEP_RUNS:]
    ).delete()
    return run


KEEP_RUNS = 52  # a year of weekly runs


def email_office(report: HealthReport) -> int:
    """The weekly result to the office (联席会议办公室) and the site's administrators."""
    from django.contrib.auth import get_user_model
    from django.core.mail import send_mail
    from django.db.models import Q

    from .roles import OFFICE

    recipients = sorted(
        set(
            get_user_model()
            .objects.filter(Q(groups__name=OFFICE) | Q(is_superuser=True), is_active=True)
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
