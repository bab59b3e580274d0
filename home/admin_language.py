"""The admin's forms are built in the site's language. Wagtail builds each admin form class while it
loads the URL conf, and a chooser's text ("选择另一个发布机构") is worked out then, in the language
active at that moment: loaded first inside an English override (wagtail-localize syncing a
translation, a demo build), every form of the process would say "Choose another 发布机构". The web
entry point (config/wsgi.py) and the test session load it here first, in Chinese."""


def load_urls_in_site_language() -> None:
    from django.conf import settings
    from django.urls import get_resolver
    from django.utils import translation

    with translation.override(settings.LANGUAGE_CODE):
        get_resolver().url_patterns  # noqa: B018 — loading is the point
