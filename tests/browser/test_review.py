"""The 三审 in a real browser: publicity staff submit a campaign; 初审, 复审 and 终审 each approve
in the admin; it is live only after the third. Then a reader switches the page's language."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from campaigns.models import CampaignPage
from campaigns.roles import PUBLICITY
from home.registries.roles import REVIEWERS, apply_roles
from home.registries.workflows import STEP_GROUPS, apply_workflows
from tests.browser.helpers import PASSWORD, log_in
from tests.factories import CampaignPageFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def make_user(username, *groups):
    user = get_user_model().objects.create_user(username, f"{username}@example.gov.cn", PASSWORD)
    user.groups.add(*[Group.objects.get(name=name) for name in groups])
    return user


def test_three_step_review_end_to_end(page, live_server, site_tree, assert_accessible):
    apply_roles()
    apply_workflows()
    make_user("xuanchuan", PUBLICITY)
    for i, group in enumerate(STEP_GROUPS):
        make_user(f"reviewer{i}", REVIEWERS, group)
    draft = CampaignPageFactory(
        parent=site_tree["campaigns"], title="宪法宣传周进社区", slug="xianfa-week", live=False
    )
    draft.save_revision()
    edit = f"/admin/pages/{draft.pk}/edit/"

    log_in(page, live_server, "xuanchuan", next_url=edit)
    page.get_by_role("button", name="更多动作").click()
    page.get_by_role("button", name="提交给三审（初审、复审、终审）").click()
    page.wait_for_url(f"**/admin/pages/{site_tree['campaigns'].pk}/")

    for step, name in enumerate(["初审", "复审", "终审"]):
        draft.refresh_from_db()
        assert not draft.live, f"live before {name}"
        log_in(page, live_server, f"reviewer{step}")
        assert "宪法宣传周进社区" in page.locator("main").inner_text()
        if step == 0:
            page.wait_for_timeout(500)
            assert_accessible(
                page, "reviewer dashboard", context={"include": [["main"]], "exclude": [[".w-dialog"]]}
            )
        page.goto(f"{live_server.url}{edit}")
        page.get_by_role("button", name="更多动作").click()
        page.get_by_role("button", name="通过", exact=True).click()  # as the README and the warning call it
        page.wait_for_load_state("networkidle")
    draft.refresh_from_db()
    assert draft.live
    page.goto(f"{live_server.url}/campaigns/xianfa-week/")
    assert "宪法宣传周进社区" in page.locator("h1").inner_text()


def test_reader_switches_language_on_a_translated_page(page, live_server, site_tree, assert_accessible):
    from home.demo_tools import translate_page

    home, campaigns = site_tree["home"], site_tree["campaigns"]
    translate_page(home, "bo", {home.title: "ཁྲིམས་ལུགས་ཁྱབ་སྤེལ།", home.intro: "སྟེགས་བུ།"})
    translate_page(campaigns, "bo", {campaigns.title: "ཁྲིམས་ལུགས་ཁྱབ་སྤེལ་བྱ་འགུལ།"})
    source = CampaignPageFactory(parent=campaigns, title="宪法宣传", slug="xianfa", summary="", body=[])
    source.save_revision().publish()
    strings = {"宪法宣传": "རྩ་ཁྲིམས་ཁྱབ་སྤེལ།", source.place: "གྲོང་ཁྱེར།", source.organisers: "ཞིབ་དཔྱད་ཁང་།"}
    translate_page(source, "bo", strings)

    page.goto(f"{live_server.url}/campaigns/xianfa/")
    page.get_by_role("link", name="བོད་ཡིག").click()
    page.wait_for_url("**/bo/campaigns/xianfa/")
    assert page.locator("html").get_attribute("lang") == "bo"
    assert "རྩ་ཁྲིམས་ཁྱབ་སྤེལ།" in page.locator("h1").inner_text()
    assert_accessible(page, "Tibetan campaign page")
    page.get_by_role("link", name="简体中文").click()
    page.wait_for_url("**/campaigns/xianfa/")
    assert page.locator("h1").inner_text() == "宪法宣传"
    assert CampaignPage.objects.filter(slug="xianfa").count() == 2
