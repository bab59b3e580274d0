"""Listing filters kept in the URL (?venue=…&area=…&year=2026). Values are checked against the
real choices: an unknown value is ignored with a clear message, never an error."""

from collections.abc import Callable
from dataclasses import dataclass, field

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
    queryset: object
    specs: list[FilterSpec]
    active: dict[str, str]
    messages: list[str]

    @property
    def any_active(self) -> bool:
        return bool(self.active)


def apply_filters(request, queryset, specs: list[FilterSpec]) -> FilterResult:
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
        queryset = spec.apply(queryset, raw)
        active[spec.param] = raw
    return FilterResult(queryset=queryset, specs=specs, active=active, messages=messages)
