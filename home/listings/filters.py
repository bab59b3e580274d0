"""Listing filters kept in the URL (?venue=…&area=…&year=2026). Values are checked against the
real choices: an unknown value is ignored with a clear message, never an error."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.functional import cached_property
from django.utils.translation import get_language, gettext


@dataclass
class FilterSpec:
    param: str
    label: str
    choices: list[tuple[str, str]]
    apply: Callable = field(repr=False)
    # The choices are content names (taxonomies, units) kept in Chinese in every language.
    names_are_content: bool = False

    @property
    def content_language(self) -> str:
        """lang="zh-Hans" for Chinese names on an English or Tibetan page."""
        return "zh-Hans" if self.names_are_content and not (get_language() or "zh").startswith("zh") else ""


def year_choices(years) -> list[tuple[str, str]]:
    return [(str(year), gettext("%(year)s年") % {"year": year}) for year in years]


@dataclass
class FilterResult:
    base: Callable = field(repr=False)  # the column's items, unfiltered (built only when read)
    specs: list[FilterSpec]
    active: dict[str, str]
    messages: list[str]

    @property
    def any_active(self) -> bool:
        return bool(self.active)

    @cached_property
    def queryset(self):
        """The items the filters in force leave (a kept list never asks: home/caching/)."""
        queryset = self.base()
        for spec in self.specs:
            if spec.param in self.active:
                queryset = spec.apply(queryset, self.active[spec.param])
        return queryset


def apply_filters(request, base: Callable, specs: list[FilterSpec]) -> FilterResult:
    """The filters the URL asks for, checked against their choices; `base()` gives the items."""
    active, messages = {}, []
    for spec in specs:
        raw = request.GET.get(spec.param, "").strip()
        if not raw:
            continue
        if raw not in {value for value, _ in spec.choices}:
            messages.append(
                gettext("“%(label)s”中没有“%(value)s”这一项，已忽略该筛选条件。")
                % {"label": spec.label, "value": raw[:30]}
            )
            continue
        active[spec.param] = raw
    return FilterResult(base=base, specs=specs, active=active, messages=messages)
