"""The site-wide checks of 网站自查: home page and columns kept up to date, no empty columns, no
broken links or missing files, no personal data in anything published (the same guard as the
publish check: home/security/privacy.py)."""

import json
import re
from collections import defaultdict

from home.operations.self_check import (
    HOME_STALE_DAYS,
    HealthCheck,
    Problem,
    age_days,
    checks,
    page_problem,
    public_pages,
)
from home.templatetags.fjld import cn_date


def check_home(now) -> list[Problem]:
    from django.db.models import Max

    from home.models import HomePage

    problems = []
    for home in HomePage.objects.live().filter(locale=_default_locale()):
        newest = (
            public_pages()
            .descendant_of(home, inclusive=True)
            .aggregate(newest=Max("last_published_at"))["newest"]
        )
        if newest is None or age_days(newest, now) > HOME_STALE_DAYS:
            since = f"最近一次更新是{cn_date(newest)}" if newest else "从未发布内容"
            problems.append(
                page_problem("stale_home", home, f"首页及其内容已超过{HOME_STALE_DAYS}天未更新（{since}）。")
            )
    return problems


def _default_locale():
    from wagtail.models import Locale

    return Locale.get_default()


def _columns():
    """The public columns of the source language; translations follow their source's schedule."""
    from home.models import ListingPage

    for page in public_pages().filter(locale=_default_locale()).specific():
        if isinstance(page, ListingPage):
            yield page


def _columns_with_newest():
    """(column, when its newest live public child was first published, or None)."""
    from django.db.models import Max

    for column in _columns():
        children = column.get_children().live().public()
        yield column, children.aggregate(newest=Max("first_published_at"))["newest"]


def check_empty_columns(now) -> list[Problem]:
    return [
        page_problem("empty_column", column, f"栏目“{column.title}”没有任何已发布的内容。")
        for column, newest in _columns_with_newest()
        if newest is None
    ]


LANGUAGE_EDITIONS = {"en": "英文版", "bo": "藏文版"}


def check_translated_empty_columns(now) -> list[Problem]:
    """Per language: translated columns with nothing in that language. The site hides them from that
    language's home page (home.models.HomePage.menu_columns), and its menu shows the Chinese column
    instead (menu_with_originals); staff should know."""
    from home.models import ListingPage

    default = _default_locale()
    problems = []
    for column in public_pages().exclude(locale=default).select_related("locale").specific():
        if not isinstance(column, ListingPage) or column.get_children().live().public().exists():
            continue
        code = column.locale.language_code
        edition = LANGUAGE_EDITIONS.get(code, column.locale.get_display_name())
        original = column.get_translation_or_none(default)
        waiting = original.get_children().live().public().count() if original else 0
        problems.append(
            page_problem(
                "empty_translated_column",
                column,
                f"{edition}栏目“{column.title}”还没有{edition}内容（中文版有{waiting}条），"
                f"{edition}菜单中暂以中文栏目代替，首页不显示。",
            )
        )
    return problems


def check_stale_columns(now) -> list[Problem]:
    problems = []
    for column, newest in _columns_with_newest():
        cycle = column.update_cycle
        if newest is not None and cycle and age_days(newest, now) > cycle:
            problems.append(
                page_problem(
                    "stale_column",
                    column,
                    f"栏目“{column.title}”已{age_days(newest, now)}天没有新内容（更新周期{cycle}天，"
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
    public = {page.pk: page for page in public_pages().only("pk", "title", "url_path", "depth", "path")}
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
            problems.append(page_problem("broken_link", source, message))
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
    for page in public_pages().specific():
        found += [(page, kind, pk) for kind, pk in _rich_text_targets(page)]
    existing = {
        kind: set(
            model.objects.filter(pk__in=[pk for _, k, pk in found if k == kind]).values_list("pk", flat=True)
        )
        for kind, (model, _) in models.items()
    }
    return [
        page_problem("broken_link", page, f"“{page.title}”正文中链接的{models[kind][1]}（ID {pk}）已被删除。")
        for page, kind, pk in found
        if pk not in existing[kind]
    ]


def check_next_year_arrangement(now) -> list[Problem]:
    """From 1 November: next year's holidays and 调休 must be entered (国务院办公厅 publishes them in
    the autumn), or every working-day deadline reaching into January is 暂定."""
    from django.utils import timezone

    from home.models import HolidayArrangement

    today = timezone.localtime(now).date()
    if today.month < 11:
        return []
    year = today.year + 1
    if HolidayArrangement.objects.filter(year=year, confirmed=True).exists():
        return []
    return [
        Problem(
            check="holiday_arrangement",
            message=f"{year}年的节假日和调休安排尚未在“设置 → 工作日历”录入并确认；跨入{year}年的答复期限都是暂定的。",
        )
    ]


def check_personal_data(now) -> list[Problem]:
    """The personal-information guard (home.security.privacy) over everything already published, whatever its type."""
    from home.security.privacy import personal_info_errors

    problems = []
    for page in public_pages().specific():
        for message in personal_info_errors(page).values():
            problems.append(page_problem("personal_data", page, f"“{page.title}”：{message}"))
    return problems


for check in (
    HealthCheck("stale_home", "首页超过14天未更新", check_home, order=10),
    HealthCheck("stale_column", "栏目超过更新周期未更新", check_stale_columns, order=20),
    HealthCheck("empty_column", "空白栏目", check_empty_columns, order=30),
    HealthCheck("empty_translated_column", "外文版空白栏目", check_translated_empty_columns, order=31),
    HealthCheck("broken_link", "失效链接或缺失的图片、文件", check_links, order=40),
    HealthCheck("broken_link", "失效链接或缺失的图片、文件", check_deleted_link_targets, order=41),
    HealthCheck("personal_data", "已发布内容中含有个人信息", check_personal_data, order=90),
    HealthCheck("holiday_arrangement", "下一年度节假日安排未录入", check_next_year_arrangement, order=95),
):
    checks.register(check)
