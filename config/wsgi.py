"""WSGI entry point (gunicorn config.wsgi). Honours URL_PREFIX whether or not the proxy strips it."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

from config.mount import MountedUnderPrefix

application = MountedUnderPrefix(get_wsgi_application())

from home.admin_language import load_urls_in_site_language  # noqa: E402 — after Django is set up

load_urls_in_site_language()
