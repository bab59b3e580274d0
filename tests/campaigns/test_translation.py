"""汉藏/English: a campaign translated to Tibetan renders at /bo/… in Tibetan with lang="bo" and
hreflang links both ways; the switcher offers only languages the page has; translations start as
drafts; machine translation is pluggable (the offline dummy in tests) and off by default."""

import re

import pytest
from django.test import override_settings
from django.utils import translation
from wagtail.models import Locale

from campaigns.models import CampaignPage
from home.demo_tools import translate_page
from tests.factories import CampaignPageFactory

pytestmark = pytest.mark.django_db
SLUG = "monastery-bilingual-2026"


@pytest.fixture(autouse=True)
def _reset_language():
    yield
    translation.activate("zh-hans")


def test_the_demo_campaign_in_tibetan(client, demo_site):
    source = CampaignPage.objects.get(slug=SLUG, locale__language_code="zh-hans")
    bo = client.get(f"/bo/campaigns/{SLUG}/")
    assert bo.status_code == 200
    html = bo.content.decode()
    assert '<html lang="bo"' in html
    assert "རྒྱ་བོད་སྐད་གཉིས་ཀྱི་ཁྲིམས་ལུགས་དགོན་སྡེར་འགྲོ་བ།" in html
    assert "双语宣讲员结合身边案例" not in html  # the body is in Tibetan
    assert re.search(rf'hreflang="zh-hans" href="http://[^/"]+/campaigns/{SLUG}/"', html)
    zh = client.get(source.url).content.decode()
    assert re.search(rf'hreflang="bo" href="http://[^/"]+/bo/campaigns/{SLUG}/"', zh)
    assert re.search(rf'hreflang="en" href="http://[^/"]+/en/campaigns/{SLUG}/"', zh)
    assert f'href="/bo/campaigns/{SLUG}/"' in zh  # the language switcher


def test_switcher_offers_only_languages_the_page_has(client, demo_site):
    other = CampaignPage.objects.filter(locale__language_code="zh-hans").exclude(slug=SLUG).first()
    html = client.get(other.url).content.decode()
    assert f'href="/bo/campaigns/{other.slug}/"' not in html and 'hreflang="bo"' not in html


def test_a_new_translation_starts_as_a_draft(client, site_tree):
    campaigns = site_tree["campaigns"]
    translate_page(campaigns, "bo", {campaigns.title: "ཁྲིམས་ལུགས་ཁྱབ་སྤེལ།"})
    page = CampaignPageFactory(parent=campaigns, title="宪法宣传", slug="xianfa", summary="", body=[])
    page.save_revision().publish()
    strings = {"宪法宣传": "རྩ་ཁྲིམས་ཁྱབ་སྤེལ།", page.place: "གྲོང་ཁྱེར།", page.organisers: "ཞིབ་དཔྱད་ཁང་།"}
    target = translate_page(page, "bo", strings, publish=False)
    assert target.locale.language_code == "bo" and not target.live
    assert client.get("/bo/campaigns/xianfa/").status_code == 404
    target.get_latest_revision().publish()
    assert client.get("/bo/campaigns/xianfa/").status_code == 200


def test_machine_translation_is_off_by_default_and_pluggable(settings):
    from config.settings import base

    assert not hasattr(base, "WAGTAILLOCALIZE_MACHINE_TRANSLATOR")  # nothing leaves the county
    from wagtail_localize.machine_translators import get_machine_translator

    translator = get_machine_translator()  # the tests' offline dummy
    zh, en = (
        Locale.objects.get_or_create(language_code="zh-hans")[0],
        Locale.objects.get_or_create(language_code="en")[0],
    )
    from wagtail_localize.strings import StringValue

    (result,) = translator.translate(zh, en, [StringValue.from_plaintext("宪法 宣传")]).values()
    assert result.render_text() == "宣传 宪法"
    with override_settings(WAGTAILLOCALIZE_MACHINE_TRANSLATOR=None):
        assert get_machine_translator() is None


def test_publicity_staff_translate_a_whole_section_as_drafts(client, site_tree):
    from campaigns.roles import PUBLICITY
    from home.registries.roles import apply_roles
    from tests.factories import UserFactory

    apply_roles()
    campaigns = site_tree["campaigns"]
    home = site_tree["home"]
    translate_page(home, "bo", {home.title: "ཁྲིམས་ལུགས་ཁྱབ་སྤེལ།", home.intro: "སྟེགས་བུ།"})
    for slug in ("a", "b"):
        CampaignPageFactory(parent=campaigns, slug=slug).save_revision().publish()
    client.force_login(UserFactory(groups=[PUBLICITY]))
    bo = Locale.objects.get(language_code="bo")
    response = client.post(
        f"/admin/localize/submit/page/{campaigns.pk}/", {"locales": [bo.pk], "include_subtree": "on"}
    )
    assert response.status_code == 302
    translated = CampaignPage.objects.filter(locale=bo)
    assert sorted(translated.values_list("slug", flat=True)) == ["a", "b"]
    assert not translated.filter(live=True).exists()  # drafts until translated and published
