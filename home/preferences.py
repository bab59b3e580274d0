"""Display preferences (适老化): larger type and high contrast, chosen by the reader."""

PREFERENCE_MAX_AGE = 365 * 24 * 3600
PREFERENCE_COOKIES = {"font": "fjld_font", "contrast": "fjld_contrast"}
PREFERENCE_CHOICES = {
    "font": ("standard", "large", "xlarge"),
    "contrast": ("standard", "high"),
}


def clean_preference(key: str, value: str) -> str:
    choices = PREFERENCE_CHOICES[key]
    return value if value in choices else choices[0]


def preferences_from_request(request) -> dict:
    return {
        key: clean_preference(key, request.COOKIES.get(cookie, ""))
        for key, cookie in PREFERENCE_COOKIES.items()
    }
