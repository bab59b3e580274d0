"""A writer schedules a publication as README and docs/FEATURES.md say (issue 27, item 9): the side
panel 状态 → 设置计划 opens a dialog in Chinese — its help, labels and buttons — and 保存计划 keeps the
dates on the draft. `make screenshots` keeps a picture of the dialog (admin-schedule-dialog.png)."""

import datetime
import os
from html import escape
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from campaigns.roles import PUBLICITY
from home.registries.roles import apply_roles
from tests.admin_crawl import english_runs
from tests.browser.helpers import PASSWORD, log_in
from tests.factories import CampaignPageFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_a_writer_sets_a_publishing_schedule_in_chinese(page, live_server, site_tree, assert_accessible):
    apply_roles()
    writer = get_user_model().objects.create_user("xuanchuan", "xuanchuan@example.gov.cn", PASSWORD)
    writer.groups.add(Group.objects.get(name=PUBLICITY))
    draft = CampaignPageFactory(parent=site_tree["campaigns"], title="宪法宣传周进社区", live=False)
    draft.save_revision()
    log_in(page, live_server, "xuanchuan", next_url=f"/admin/pages/{draft.pk}/edit/")

    page.get_by_role("button", name="状态").first.click()
    page.get_by_role("button", name="设置计划").click()
    dialog = page.get_by_role("dialog", name="设置发布计划")
    assert dialog.is_visible()
    text = dialog.inner_text()
    for words in (
        "选择此页面上线和（或）下线的时间",
        "有编辑权限的人员都可以设置发布计划",
        "上线日期/时间",
        "保存计划",
    ):
        assert words in text, words
    # what is on screen (the date picker's own hidden "Save Selected" is never shown here)
    assert english_runs(f"<p>{escape(text)}</p>", lambda run: False)[0] == []
    folder = os.environ.get("SCREENSHOTS_DIR")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        dialog.screenshot(path=str(Path(folder) / "admin-schedule-dialog.png"))

    go_live = datetime.date.today() + datetime.timedelta(days=7)
    dialog.get_by_label("上线日期/时间").fill(f"{go_live:%Y-%m-%d} 09:00")
    # by keyboard: the date picker that the field opens can lie over the button (as a pointer user, one
    # would first click it away); with a busy machine it still has not closed when the click comes
    dialog.get_by_role("button", name="保存计划").press("Enter")
    page.wait_for_load_state("networkidle")
    draft.refresh_from_db()
    assert draft.get_latest_revision_as_object().go_live_at.date() == go_live
