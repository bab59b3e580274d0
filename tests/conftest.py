import os

import pytest
from django.core.management import call_command
from wagtail.models import Locale, Page, Site

from home.models import SiteSettings

from . import factories

# Playwright's sync API runs an event loop in the test thread; Django must still allow ORM calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def locales(db):
    return {code: Locale.objects.get_or_create(language_code=code)[0] for code in ("zh-hans", "en", "bo")}


@pytest.fixture
def site_tree(locales):
    """A small public tree: home with the three public columns and the internal column."""
    root = Page.get_first_root_node()
    Site.objects.all().delete()
    Page.objects.filter(depth=2).delete()
    home = factories.HomePageFactory(parent=root, slug="home")
    Site.objects.create(
        hostname="testserver", port=80, root_page=home, is_default_site=True, site_name="府检联动"
    )
    tree = {
        "home": home,
        "campaigns": factories.CampaignIndexPageFactory(parent=home),
        "cases": factories.CaseIndexPageFactory(parent=home),
        "disclosures": factories.DisclosureIndexPageFactory(parent=home),
        "internal": factories.InternalIndexPageFactory(parent=home),
    }
    identity = SiteSettings.for_site(Site.objects.get())
    identity.sponsor = "永昌县人民政府 永昌县人民检察院"
    identity.organiser = "永昌县人民检察院"
    identity.site_code = "6203210001"
    identity.icp_record = "陇ICP备12345678号-1"
    identity.police_record = "甘公网安备 62032102000001号"
    identity.address = "永昌县城关镇北海子路1号"
    identity.phone = "0935-7520000"
    identity.save()
    return tree


@pytest.fixture
def demo_site(db):
    call_command("load_demo", verbosity=0)
    return Site.objects.get(is_default_site=True)


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate-limit counters and other cached values must not leak from one test to the next."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
