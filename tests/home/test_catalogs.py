"""The Chinese catalogue carries every source string as itself (home/management/commands/
compile_catalogs.py), so a lookup on a Chinese page ends at once; what was translated by hand (the
Wagtail admin's missing strings) keeps its translation."""

import polib
import pytest
from django.utils import translation

from home.management.commands.compile_catalogs import with_source_strings


def entry(msgid, msgstr="", **fields):
    return polib.POEntry(msgid=msgid, msgstr=msgstr, **fields)


def catalogue(*entries) -> polib.POFile:
    po = polib.POFile()
    po.extend(entries)
    return po


def test_source_strings_are_added_as_themselves_and_hand_translations_kept():
    hand = catalogue(entry("The page could not be saved as it is locked.", "页面已被锁定，未能保存。"))
    english = catalogue(
        entry("跳到主要内容", "Skip to main content"),
        entry("大", "Large", msgctxt="font size"),
        polib.POEntry(
            msgid="共 %(count)s 个案例",
            msgid_plural="共 %(count)s 个案例",
            msgstr_plural={0: "%(count)s case", 1: "%(count)s cases"},
        ),
        entry("已删除的说法", "A removed phrase", obsolete=True),
        entry("Password", "Password"),  # a Wagtail string reworded in English: not a Chinese source
        entry("、", ", "),
        entry("The page could not be saved as it is locked.", "The page is locked."),
    )
    merged = {(e.msgctxt, e.msgid): e for e in with_source_strings(hand, english)}
    assert merged[(None, "跳到主要内容")].msgstr == "跳到主要内容"
    assert merged[("font size", "大")].msgstr == "大"
    assert merged[(None, "共 %(count)s 个案例")].msgstr_plural == {0: "共 %(count)s 个案例"}
    assert (None, "已删除的说法") not in merged and (None, "Password") not in merged
    assert merged[(None, "、")].msgstr == "、"
    assert merged[(None, "The page could not be saved as it is locked.")].msgstr == "页面已被锁定，未能保存。"


@pytest.mark.parametrize(
    "key, lookup, expected",
    [
        ("跳到主要内容", lambda: translation.gettext("跳到主要内容"), "跳到主要内容"),
        ("font size\x04大", lambda: translation.pgettext("font size", "大"), "大"),
        (
            ("共 %(count)s 个案例", 0),
            lambda: translation.ngettext("共 %(count)s 个案例", "共 %(count)s 个案例", 3),
            "共 %(count)s 个案例",
        ),
        ("、", lambda: translation.gettext("、"), "、"),
        (
            "The page could not be saved as it is locked.",
            lambda: translation.gettext("The page could not be saved as it is locked."),
            "页面已被锁定，未能保存。",
        ),
    ],
)
def test_the_compiled_chinese_catalogue_answers_from_its_own_entries(key, lookup, expected):
    """…and Wagtail's own Chinese stays where no Chinese source string was written (密码)."""
    from django.utils.translation import trans_real

    with translation.override("zh-hans"):
        assert lookup() == expected
        assert key in trans_real.translation("zh-hans")._catalog  # not at the end of the fallbacks
        assert translation.gettext("Password") == "密码"


SCHEDULE_ENGLISH = [
    "Choose when this page should go live and/or expire",
    "This publishing schedule will only take effect",
    "Anyone with editing permissions can create schedules",
    "But only those with publishing permissions",
]


@pytest.mark.django_db
def test_the_publishing_schedule_dialog_speaks_chinese(client, site_tree):
    """设置发布计划 lives in the editor's side panel (状态): its help was Wagtail's English."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from tests.factories import CampaignPageFactory

    page = CampaignPageFactory(parent=site_tree["campaigns"])
    writer = get_user_model().objects.create_user("xuanchuan", password="x")
    writer.groups.add(Group.objects.get(name="宣传人员"))
    client.force_login(writer)
    html = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert "设置发布计划" in html and "选择此页面上线和（或）下线的时间" in html
    assert "有编辑权限的人员都可以设置发布计划" in html
    assert [text for text in SCHEDULE_ENGLISH if text in html] == []
