from .annual_report import AnnualReportPage
from .guide import DisclosureGuidePage
from .imports import DatasetImport, ImportStatus
from .policy import (
    DisclosureIndexPage,
    DisclosureMode,
    DocumentType,
    LegalForm,
    PolicyAttachment,
    PolicyDocumentPage,
    Topic,
    Validity,
)
from .requests import (
    ApplicantType,
    Channel,
    DeliveryForm,
    InformationRequest,
    Outcome,
    RequestState,
    ReviewResult,
)
from .statistics import PeriodType, ReleaseKind, StatisticRow, StatisticsReleasePage
from .units import PublishingUnit

__all__ = [
    "AnnualReportPage",
    "ApplicantType",
    "Channel",
    "DatasetImport",
    "DeliveryForm",
    "DisclosureGuidePage",
    "DisclosureIndexPage",
    "DisclosureMode",
    "DocumentType",
    "ImportStatus",
    "InformationRequest",
    "LegalForm",
    "Outcome",
    "PeriodType",
    "PolicyAttachment",
    "PolicyDocumentPage",
    "PublishingUnit",
    "ReleaseKind",
    "RequestState",
    "ReviewResult",
    "StatisticRow",
    "StatisticsReleasePage",
    "Topic",
    "Validity",
]
