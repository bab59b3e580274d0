"""Serving the whole site under a path prefix (a 专栏 of the county portal, e.g. /fjld/).

Django builds every link with FORCE_SCRIPT_NAME (= URL_PREFIX); this wrapper makes incoming
requests match, whether the portal's reverse proxy strips the prefix or passes it through.
"""

from django.conf import settings


class MountedUnderPrefix:
    def __init__(self, app):
        self.app = app

    def __call__(self, environ, start_response):
        prefix = settings.URL_PREFIX
        if prefix:
            path = environ.get("PATH_INFO", "")
            if path == prefix or path.startswith(prefix + "/"):
                environ["PATH_INFO"] = path[len(prefix) :] or "/"
            environ["SCRIPT_NAME"] = prefix
        return self.app(environ, start_response)
