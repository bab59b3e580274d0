"""What an app tells the caches, in its `cache_rules.py`: the models whose rows public pages show
(a change to one renews every kept page) and the URL paths no page cache may keep (forms bound to
one visitor, personal answers). The base knows no app's models or URLs; it iterates these."""

from dataclasses import dataclass

from home.registries import Registry


@dataclass(frozen=True)
class CacheRules:
    shown_on_public_pages: tuple[str, ...] = ()  # "app_label.ModelName"
    never_cached: tuple[str, ...] = ()  # path prefixes, without the language prefix: "/apply/"


cache_rules: Registry[CacheRules] = Registry("cache_rules")

# The base's own: the admin, Wagtail's utility views (the restricted-page login), documents (their
# collection may be private), search (personal, and a search is its own cache: home/search/views.py).
BASE_NEVER_CACHED = ("/admin", "/django-admin", "/_util", "/documents", "/search")


def public_models() -> set[str]:
    """Lower-cased "app_label.modelname" of every model an app declared shown on public pages."""
    return {label.lower() for rules in cache_rules for label in rules.shown_on_public_pages}


def never_cached_prefixes() -> tuple[str, ...]:
    return BASE_NEVER_CACHED + tuple(prefix for rules in cache_rules for prefix in rules.never_cached)
