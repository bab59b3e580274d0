import os

import pytest
import time_machine
from django.core.management import call_command
from wagtail.models import Locale, Page, Site

from home.models import SiteSettings
from home.registries.roles import apply_roles

from . import factories, migrated_template
from .clock import morning_of, suite_today
from .snapshots import Snapshot, flush_by_delete

# Playwright's sync API runs an event loop in the test thread; Django must still allow ORM calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items):
    """A test that asks for the suite's day is a clock test: `make test-dates` runs them on other days."""
    for item in items:
        if "today" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.clock)


@pytest.fixture
def today():
    """The suite's day (tests/clock.py), the clock moved to 10:00 of it and ticking from there."""
    day = suite_today()
    with time_machine.travel(morning_of(day), tick=True):
        yield day


@pytest.fixture
def nothing_kept(settings):
    """Pages and fragments rendered from the database every time (home/caching/ off): what a query
    count measures is the work itself, not what the caches saved."""
    settings.PAGE_CACHE_SECONDS = 0
    settings.FRAGMENT_CACHE_SECONDS = 0


@pytest.fixture
def locales(db):
    return {code: Locale.objects.get_or_create(language_code=code)[0] for code in ("zh-hans", "en", "bo")}


@pytest.fixture
def site_tree(locales):
    """A small public tree: home with the three public columns and the internal column."""
    Site.objects.all().delete()
    Page.objects.filter(depth=2).delete()
    root = Page.get_first_root_node()
    if root is None:  # a flushed database whose initial data was not restored (see below)
        root = Page.add_root(instance=Page(title="Root", slug="root", locale=locales["zh-hans"]))
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
    apply_roles()  # as `setup_roles` does on every deployment: groups are bundles of permissions
    return tree


@pytest.fixture(scope="session")
def demo_snapshot(django_db_setup, django_db_blocker):
    """The demo site, built once per test session (per xdist worker) on the suite's day and kept as a
    snapshot (tests/snapshots.py); the database is then put back as the migrations left it."""
    from django.contrib.contenttypes.models import ContentType
    from django.core.cache import cache, caches

    migrated = django_db_setup
    with django_db_blocker.unblock(), time_machine.travel(morning_of(suite_today()), tick=True):
        migrated.restore()  # a transactional test before this one may have emptied every table
        ContentType.objects.clear_cache()
        call_command("load_demo", verbosity=0)
        demo = Snapshot("demo").take()
        migrated.restore()
    cache.clear()
    caches["pages"].clear()
    return demo


@pytest.fixture
def demo_site(demo_snapshot, db):
    """The demo site (`load_demo`), put back from the session's snapshot inside this test."""
    demo_snapshot.restore()
    return Site.objects.get(is_default_site=True)


@pytest.fixture(autouse=True)
def _fresh_cache(request):
    """Rate-limit counters and other cached values must not leak from one test to the next."""
    from django.contrib.contenttypes.models import ContentType
    from django.core.cache import cache, caches

    cache.clear()
    caches["pages"].clear()  # kept pages and the generation (home/caching/)
    uses_database = request.node.get_closest_marker("django_db") or {"db", "transactional_db"} & set(
        request.fixturenames
    )
    if uses_database:
        caches["ratelimit"].clear()  # a database table, as in production without Redis
    # A content type made in a rolled-back test keeps its id in this process-wide cache; a later
    # (flushed and restored) database may give that id to another model.
    ContentType.objects.clear_cache()
    from home.workdays import forget_calendar_memos

    forget_calendar_memos()  # the calendar and its confirmed years: read from this test's database
    yield
    cache.clear()
    caches["pages"].clear()


@pytest.fixture(scope="session", autouse=True)
def _admin_forms_in_chinese():
    """As config/wsgi.py does: whatever a test overrides the language to first, the admin's forms
    are built in Chinese (home/admin_language.py)."""
    from home.admin_language import load_urls_in_site_language

    load_urls_in_site_language()


@pytest.fixture(scope="session")
def django_db_keepdb(django_db_keepdb, django_db_createdb, django_db_modify_db_settings):
    """The migrated database from an earlier session, when its migrations are these (SQLite)."""
    if django_db_keepdb or django_db_createdb:
        return django_db_keepdb
    return migrated_template.put_in_place()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_keepdb, django_db_blocker):
    """The database as the migrations left it, kept twice: for the next session when migrated afresh
    (tests/migrated_template.py), and as a snapshot that puts it back before each transactional test.
    Django would put it back from the contents it serialized after migrating, one object at a time
    and through every save signal (1–2 s a test on PostgreSQL); the snapshot's copy takes a tenth of
    that. The serialized contents stay on every connection object, since they are what makes Django
    put the database back (Playwright's event loop can bring a new one: pytest-django #1117)."""
    from django.db import DEFAULT_DB_ALIAS, connections

    with django_db_blocker.unblock():
        if not django_db_keepdb:
            migrated_template.keep()
        migrated = Snapshot("migrated").take()
    connection = connections[DEFAULT_DB_ALIAS]  # the wrapper itself: `django.db.connection` is a proxy
    contents = getattr(connection, "_test_serialized_contents", None)
    if contents is not None:
        type(connection)._test_serialized_contents = contents  # for wrappers made later
        type(connection.creation).deserialize_db_from_string = lambda creation, data: migrated.restore()
    flush_by_delete()
    return migrated
