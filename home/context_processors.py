from django.conf import settings

from home.preferences import preferences_from_request


def display_preferences(request):
    prefs = preferences_from_request(request)
    classes = []
    if prefs["font"] != "standard":
        classes.append(f"font-{prefs['font']}")
    if prefs["contrast"] == "high":
        classes.append("contrast-high")
    return {
        "display_preferences": prefs,
        "display_classes": " ".join(classes),
        "cookie_path": f"{settings.URL_PREFIX}/",
    }


def site_identity(request):
    """`identity`: the site settings in the page's language (home.models.LocalIdentity), read only
    when a template uses it."""
    from django.utils.functional import SimpleLazyObject
    from django.utils.translation import get_language

    from home.models import SiteSettings

    def load():
        return SiteSettings.for_request(request).localized(get_language() or settings.LANGUAGE_CODE)

    return {"identity": SimpleLazyObject(load)}
