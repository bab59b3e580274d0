"""The test suite: fast hashing, in-memory cache and mail, tasks run immediately."""

import os

from .base import *  # noqa: F403
from .base import Q_CLUSTER, VAR_DIR

SECRET_KEY = "test-only-key-fjld"
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    # as in production without Redis: a table every process shares
    "ratelimit": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "fjld_ratelimit"},
    "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"},
}
# The caches as production runs them (home/caching/): what a test changes through the models and
# Wagtail is seen at once, as readers would see it.
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
WAGTAILLOCALIZE_JOBS = {"BACKEND": "wagtail_localize.tasks.ImmediateBackend"}
# Offline machine translation (it reverses the words): the feature is tested without any service.
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {"CLASS": "wagtail_localize.machine_translators.dummy.DummyTranslator"}
MEDIA_ROOT = VAR_DIR / "test-media"
PRIVATE_MEDIA_ROOT = VAR_DIR / "test-private-media"
WHITENOISE_USE_FINDERS = True  # static files straight from the apps: no collectstatic in tests
WHITENOISE_AUTOREFRESH = True
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405  (whitenoise warns on a missing root)
WAGTAILADMIN_BASE_URL = "http://testserver"
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, not memory: the cluster and run_site tests start real processes that share it.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test-db.sqlite3")}  # noqa: F405

# django-q2 runs its scheduler each time the guard's cycles add up to 30 s: a cluster a test starts
# (tests/config/test_cluster.py) asks for a 30 s cycle, so that the scheduler runs on the first one
# instead of half a minute later. The guard still stops at once on a signal.
Q_CLUSTER["guard_cycle"] = float(os.environ.get("FJLD_Q_GUARD_CYCLE", 0.5))
