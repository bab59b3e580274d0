"""Figures an app can publish as a statistics release (the disclosures app's page, with its table,
charts and downloads) without the two knowing each other: an app registers a source in its
`statistics_sources.py`; the disclosures app lists the sources and makes the draft release, which
then goes through the normal review. A source gives aggregates only — never a record."""

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from home.registries import Registry


@dataclass(frozen=True)
class StatisticsRow:
    indicator: str
    value: Decimal
    unit: str
    note: str = ""


@dataclass(frozen=True)
class StatisticsSource:
    key: str  # stable: in URLs and the command's --source
    title: str  # the release is titled "{year}年{title}"
    rows: Callable[[int], list[StatisticsRow]]  # year -> the aggregate figures
    intro: str = ""  # what the figures are and where they come from (shown on the release)
    unit_name_contains: str = ""  # which publishing unit usually publishes it (a hint, e.g. "检察院")


statistics_sources: Registry[StatisticsSource] = Registry("statistics_sources")


def source(key: str) -> StatisticsSource | None:
    return next((s for s in statistics_sources if s.key == key), None)
