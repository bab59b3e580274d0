"""Display preferences (适老化): larger type and high contrast, chosen by the reader.

They are kept in cookies and applied in the browser: static/js/prefs.js, loaded before the style
sheets, puts the classes on <html> before the first paint. So every reader gets the same HTML, and
one cached copy of a page serves them all (home/caching/).

Without JavaScript the toolbar's links go through /preferences/, which also sets SERVER_RENDERED;
only then does the server render the classes itself, and such a reader's pages are never cached.
prefs.js drops that cookie again, so a reader with JavaScript is back on the shared pages."""

PREFERENCE_MAX_AGE = 365 * 24 * 3600
PREFERENCE_COOKIES = {"font": "fjld_font", "contrast": "fjld_contrast"}
PREFERENCE_CHOICES = {
    "font": ("standard", "large", "xlarge"),
    "contrast": ("standard", "high"),
}
SERVER_RENDERED = "fjld_server_prefs"


def clean_preference(key: str, value: str) -> str:
    choices = PREFERENCE_CHOICES[key]
    return value if value in choices else choices[0]


def renders_preferences(request) -> bool:
    """The server renders the reader's choices only for a reader who set them without JavaScript."""
    return SERVER_RENDERED in request.COOKIES


def preferences_from_request(request) -> dict:
    cookies = request.COOKIES if renders_preferences(request) else {}
    return {key: clean_preference(key, cookies.get(cookie, "")) for key, cookie in PREFERENCE_COOKIES.items()}
