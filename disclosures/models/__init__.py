from .policy import (
    DisclosureIndexPage,
    DisclosureMode,
    DocumentType,
    PolicyAttachment,
    PolicyDocumentPage,
    Topic,
    Validity,
)
from .statistics import PeriodType, ReleaseKind, StatisticRow, StatisticsReleasePage
from .units import PublishingUnit

__all__ = [
    "DisclosureIndexPage",
    "DisclosureMode",
    "DocumentType",
    "PeriodType",
    "PolicyAttachment",
    "PolicyDocumentPage",
    "PublishingUnit",
    "ReleaseKind",
    "StatisticRow",
    "StatisticsReleasePage",
    "Topic",
    "Validity",
]
