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
    ConsultationKind,
    DeliveryForm,
    InformationRequest,
    Outcome,
    RequestConsultation,
    RequestReview,
    RequestState,
    ReviewKind,
    ReviewResult,
)
from .statistics import PeriodType, ReleaseKind, StatisticRow, StatisticsReleasePage
from .units import PublishingUnit

__all__ = [
    "AnnualReportPage",
    "ApplicantType",
    "Channel",
    "ConsultationKind",
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
    "RequestConsultation",
    "RequestReview",
    "RequestState",
    "ReviewKind",
    "ReviewResult",
    "StatisticRow",
    "StatisticsReleasePage",
    "Topic",
    "Validity",
]
