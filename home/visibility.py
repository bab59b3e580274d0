"""Which pages an anonymous visitor may see: `public(queryset)` is Wagtail's `queryset.public()`
with the restricted subtrees read from the render cache instead of the database on every call
(Wagtail reads every PageViewRestriction each time). They are kept under the site's version, which
every restriction saved or deleted and every page move renews (home/signals.py), so a page made
private is never counted public. Without the render cache it is Wagtail's own."""

from django.conf import settings
from django.core.cache import caches
from django.db.models import Q

KEPT_SECONDS = 24 * 3600


def restricted_paths() -> list[str]:
    from wagtail.models import PageViewRestriction

    from .page_cache import site_version

    key = f"fjld:restricted-paths:{site_version()}"
    paths = caches["pages"].get(key)
    if paths is None:
        paths = sorted(PageViewRestriction.objects.values_list("page__path", flat=True))
        caches["pages"].set(key, paths, KEPT_SECONDS)
    return paths


def under_no_restriction(path: str) -> bool:
    """True only when the page at `path` is known to be outside every restricted subtree; False
    when it is inside one or when that cannot be known (render cache off or unreachable)."""
    if not settings.RENDER_CACHE:
        return False
    try:
        paths = restricted_paths()
    except Exception:
        return False
    return not any(path.startswith(restricted) for restricted in paths)


def public(queryset):
    if not settings.RENDER_CACHE:
        return queryset.public()
    try:
        paths = restricted_paths()
    except Exception:  # an unreachable cache: ask the database
        return queryset.public()
    restricted = Q()
    for path in paths:
        restricted |= Q(path__startswith=path)
    return queryset.exclude(restricted) if paths else queryset
