"""Every string a staff member reads in the admin is Chinese (issue 27, item 11): each demo role walks
its admin screens (tests/admin_crawl.py: the dashboard, every page type's forms, and the links on
each screen) and no run of English words may appear outside the site's own English content (the
English translations of pages). Wagtail's strings its catalogue lacks are in locale/zh_Hans."""

import pytest
from django.test import Client

from tests.admin_crawl import crawl, english_runs, start_screens

pytestmark = pytest.mark.django_db


def _demo_login(username):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from home.registries.demo import demo_users

    spec = next(spec for spec in demo_users if spec.username == username)
    user = get_user_model().objects.create(
        username=spec.username,
        first_name=spec.full_name,
        is_staff=not spec.groups,
        is_superuser=not spec.groups,
    )
    for name in spec.groups:
        user.groups.add(Group.objects.get_or_create(name=name)[0])
    if spec.after:
        spec.after(user)
    return user


def _demo_usernames():
    from home.registries.demo import demo_users

    return [spec.username for spec in demo_users]


def _english_content() -> str:
    """What editors wrote in English (and Tibetan): the translated pages' titles and the site names."""
    from wagtail.models import Page, Site

    titles = Page.objects.exclude(locale__language_code="zh-hans").values_list("title", flat=True)
    return "\n".join([*titles, *Site.objects.values_list("site_name", flat=True)])


@pytest.mark.parametrize("username", _demo_usernames())
def test_each_role_reads_the_admin_in_chinese(demo_site, username):
    content = _english_content()
    client = Client()
    client.force_login(_demo_login(username))
    found = crawl(client, start=start_screens(), limit=150, allowed=lambda run: run in content)
    assert found["errors"] == {}, found["errors"]
    assert len(found["visited"]) >= 5, found["visited"]
    report = "\n".join(f"  {run!r} ({urls[0]})" for run, urls in sorted(found["english"].items()))
    assert not found["english"], f"English in the admin of {username}:\n{report}"


@pytest.mark.parametrize(
    ("html", "runs"),
    [
        ("<p>77 Pages</p>", ["77 Pages"]),
        ('<button aria-label="Insert a block">+</button>', ["Insert a block"]),
        ("<th>State label</th>", ["State label"]),
        ('<div class="pagination__end">13 items</div>', ["13 items"]),
        (
            '<script id="wagtail-config" type="application/json">{"STRINGS": {"X": "Split block"}}</script>',
            ["Split block"],
        ),
        ("<p>检察建议台账 · XLSX 导出 · Wagtail</p>", []),  # names and file formats are one word
        ("<p>admin@example.gov.cn https://www.gov.cn/zhengce/</p>", []),
        ("<script>var a = 'Insert a block';</script><style>p{font-family:Noto Sans}</style>", []),
        ("<p hidden>未显示</p><p>已自动保存</p>", []),
    ],
)
def test_what_counts_as_english_on_a_screen(html, runs):
    assert english_runs(html, lambda run: False)[0] == runs


def test_the_admin_scripts_strings_are_chinese(admin_client):
    """The block editor's and autosave's strings come from /admin/jsi18n/ (locale/zh_Hans/djangojs.po)."""
    import json
    import re

    script = admin_client.get("/admin/jsi18n/").content.decode()
    catalog = json.loads(re.search(r"const newcatalog = (\{.*?\});", script, re.S).group(1))
    assert catalog["Insert a block"] == "插入内容块"
    assert catalog["Changes have been autosaved."] == "改动已自动保存。"
    assert catalog["%(num)s error"] == ["%(num)s 处错误"]
