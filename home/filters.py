"""Listing filters kept in the URL (?venue=…&area=…&year=2026). Values are checked against the
real choices: an unknown value is ignored with a clear message, never an error."""

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class FilterSpec:
    param: str
    label: str
    choices: list[tuple[str, str]]
    apply: Callable = field(repr=False)


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
            messages.append(f"“{spec.label}”中没有“{raw[:30]}”这一项，已忽略该筛选条件。")
            continue
        queryset = spec.apply(queryset, raw)
        active[spec.param] = raw
    return FilterResult(queryset=queryset, specs=specs, active=active, messages=messages)
