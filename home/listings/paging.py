"""Pagination that never errors: a bad or out-of-range page number gets a clear message."""

from dataclasses import dataclass

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.utils.translation import gettext as _


@dataclass
class Listing:
    page: PaginatorPage
    message: str = ""

    @property
    def items(self):
        return self.page.object_list


def paginate(request, items, per_page: int, count: int | None = None) -> Listing:
    """`count`: the number of items, when the caller has just counted them (search)."""
    paginator = Paginator(items, per_page)
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
