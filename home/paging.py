"""Pagination that never errors: a bad or out-of-range page number gets a clear message.

A column's listing may be kept (`keep_as`): its count and the ids on each page are then read from
the cache every worker shares, under the column's version (home/page_cache.section_version), so a
page view at 10,000 items neither counts nor sorts them all; the page's items are fetched by id.
Any publish, unpublish, move or delete in the column, or a privacy change, renews it."""

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.cache import caches
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.utils import timezone
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.translation import gettext as _


@dataclass
class Listing:
    page: PaginatorPage
    message: str = ""

    @property
    def items(self):
        return self.page.object_list

    @property
    def kept_version(self) -> str:
        """Where this page of a kept listing keeps its rendered cards (by day: a campaign's 状态
        follows the date); "" when the listing is not kept."""
        key = getattr(self.page.paginator, "key", "")
        return f"{key}:{self.page.number}:{timezone.localdate()}" if key else ""

    @property
    def filters_version(self) -> str:
        """Where its filter form is kept: the kept listing's key names the column's version and the
        filters in force, whatever the page number."""
        return getattr(self.page.paginator, "key", "")


LISTING_SECONDS = 24 * 3600  # versions renew it; this only bounds the space it takes


class KeptPaginator(Paginator):
    """Counts once per version of the column, and keeps the ids of each page it has shown."""

    def __init__(self, object_list, per_page, key: str, fetch=None):
        super().__init__(object_list, per_page)
        self.key = key
        self.cache = caches["pages"]
        self.fetch = fetch or (lambda ids: self.object_list.filter(pk__in=ids))

    def _check_object_list_is_ordered(self):
        """Not asked: the items may not even be built (a kept page needs neither them nor their
        order), and a column's listing_queryset is always ordered."""

    @cached_property
    def count(self):
        count = self.cache.get(f"{self.key}:count")
        if count is None:
            count = self.object_list.count()
            self.cache.set(f"{self.key}:count", count, LISTING_SECONDS)
        return count

    def page(self, number):
        number = self.validate_number(number)
        key = f"{self.key}:page:{number}"
        ids = self.cache.get(key)
        if ids is None:
            bottom = (number - 1) * self.per_page
            items = list(self.object_list[bottom : bottom + self.per_page])
            self.cache.set(key, [item.pk for item in items], LISTING_SECONDS)
            return self._get_page(items, number, self)
        return self._get_page(KeptItems(ids, self.fetch), number, self)


class KeptItems(Sequence):
    """A kept page's items, fetched by id only when something reads them (a kept card list
    needs only how many there are)."""

    def __init__(self, ids: list, fetch):
        self.ids, self._fetch = ids, fetch

    @cached_property
    def items(self) -> list:
        found = {item.pk: item for item in self._fetch(self.ids)}
        # an item gone since (its version not yet renewed) is left out rather than shown
        return [found[pk] for pk in self.ids if pk in found]

    def __len__(self):
        return len(self.ids)

    def __getitem__(self, index):
        return self.items[index]

    def __iter__(self):
        return iter(self.items)


def listing_key(*parts) -> str:
    return "fjld:listing:" + hashlib.sha256(repr(parts).encode()).hexdigest()


def paginate(
    request, queryset, per_page: int, keep_as: str = "", count: int | None = None, fetch=None
) -> Listing:
    """`queryset` may be a function giving it, called only when a kept listing misses; `count`: the
    number of items when the caller has just counted them (search); `fetch(ids)`: the kept page's
    items, when `queryset` cannot be filtered by id (search results)."""
    if keep_as:
        items = SimpleLazyObject(queryset) if callable(queryset) else queryset
        paginator = KeptPaginator(items, per_page, keep_as, fetch)
    else:
        paginator = Paginator(queryset() if callable(queryset) else queryset, per_page)
    if count is not None:
        paginator.count = count  # the cached property, filled
    raw = request.GET.get("page", "1")
    message = ""
    try:
        number = int(raw)
    except (TypeError, ValueError):
        number, message = 1, _("页码“%(page)s”无效，已显示第1页。") % {"page": raw[:20]}
    if number < 1:
        number, message = 1, _("页码无效，已显示第1页。")
    elif number > paginator.num_pages:
        message = _("共%(pages)s页，没有第%(page)s页，已显示最后一页。") % {
            "pages": paginator.num_pages,
            "page": number,
        }
        number = paginator.num_pages
    return Listing(page=paginator.page(number), message=message)
