from .campaign import CampaignIndexPage, CampaignPage, CampaignStatus
from .case import CaseCategory, CaseExamplePage, CaseIndexPage
from .form import ConsultationReply, FormField, FormKind, FormPage
from .taxonomy import CaseBatch, LegalArea, Venue

__all__ = [
    "CampaignIndexPage",
    "CampaignPage",
    "CampaignStatus",
    "CaseBatch",
    "CaseCategory",
    "CaseExamplePage",
    "CaseIndexPage",
    "ConsultationReply",
    "FormField",
    "FormKind",
    "FormPage",
    "LegalArea",
    "Venue",
]
