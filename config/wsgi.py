"""WSGI entry point (gunicorn config.wsgi). Honours URL_PREFIX whether or not the proxy strips it."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

from config.mount import MountedUnderPrefix

application = MountedUnderPrefix(get_wsgi_application())
