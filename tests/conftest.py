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
    from django.contrib.contenttypes.models import ContentType
    from django.core.cache import cache

    cache.clear()
    # A content type made in a rolled-back test keeps its id in this process-wide cache; a later
    # (flushed and restored) database may give that id to another model.
    ContentType.objects.clear_cache()
    yield
    cache.clear()


_INITIAL_DATA: dict[str, str] = {}


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup):
    """Keep the database's initial contents (what migrations made) as Django serialized them."""
    from django.db import connection

    _INITIAL_DATA["default"] = getattr(connection, "_test_serialized_contents", None)


@pytest.fixture(autouse=True)
def _initial_data_for_transactional_tests(request):
    """Serialized rollback, made dependable. Once Playwright's event loop runs in the main thread,
    Django's thread-local connection is a new object without the serialized contents
    (pytest-django #1117), so the flushed database would lose what migrations made (root page and
    collection, permissions). Give the connection the contents again and restore them if needed."""
    marker = request.node.get_closest_marker("django_db")
    if not (marker and marker.kwargs.get("serialized_rollback")):
        yield
        return
    request.getfixturevalue("_django_db_helper")
    from django.db import connection
    from wagtail.models import Page

    data = _INITIAL_DATA.get("default")
    if data and not hasattr(connection, "_test_serialized_contents"):
        connection._test_serialized_contents = data
        if not Page.objects.filter(depth=1, path="0001").exclude(content_type__model="homepage").exists():
            call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
            connection.creation.deserialize_db_from_string(data)
    yield
