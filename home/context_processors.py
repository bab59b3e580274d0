from django.conf import settings

from .preferences import preferences_from_request


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
