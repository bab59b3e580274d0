"""Pagination that never errors: a bad or out-of-range page number gets a clear message."""

from dataclasses import dataclass

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator


@dataclass
class Listing:
    page: PaginatorPage
    message: str = ""

    @property
    def items(self):
        return self.page.object_list


def paginate(request, queryset, per_page: int) -> Listing:
    paginator = Paginator(queryset, per_page)
    raw = request.GET.get("page", "1")
    message = ""
    try:
        number = int(raw)
    except (TypeError, ValueError):
        number, message = 1, f"页码“{raw[:20]}”无效，已显示第1页。"
    if number < 1:
        number, message = 1, "页码无效，已显示第1页。"
    elif number > paginator.num_pages:
        message = f"共{paginator.num_pages}页，没有第{number}页，已显示最后一页。"
        number = paginator.num_pages
    return Listing(page=paginator.page(number), message=message)
