"""政府信息公开指南 (条例 第十二条): what is published of the agency's own accord and where, how to
apply, the office's address, hours and telephone, that there is no fee, and the remedies."""

from django.db import models
from django.utils.translation import gettext
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from home.models import BasePage
from home.search.backend import ChineseSearchField

from .units import PublishingUnit

TEXT = ["bold", "italic", "ol", "ul", "link", "h3"]


class DisclosureGuidePage(BasePage):
    publishing_unit = models.ForeignKey(
        PublishingUnit, verbose_name="发布机构", on_delete=models.PROTECT, related_name="disclosure_guides"
    )
    proactive = RichTextField(
        "一、主动公开", features=TEXT, help_text="主动公开的范围、方式和时限，以及在哪里查阅。"
    )
    application = RichTextField(
        "二、依申请公开", features=TEXT, help_text="如何提出申请、需要写明什么、答复期限。"
    )
    office_name = models.CharField("受理机构", max_length=120)
    office_address = models.CharField("地址", max_length=200)
    office_postcode = models.CharField("邮政编码", max_length=10, blank=True)
    office_phone = models.CharField("咨询电话", max_length=60)
    office_hours = models.CharField("办公时间", max_length=120, default="工作日 8:30—12:00，14:30—18:00")
    office_email = models.EmailField("电子邮箱", blank=True)
    fees = models.CharField(
        "收费",
        max_length=200,
        default="行政机关依申请提供政府信息，不收取费用。申请人申请公开政府信息的数量、频次明显超过合理范围的，可以依照国家规定收取信息处理费。",
    )
    remedies = RichTextField(
        "三、监督和救济",
        features=TEXT,
        help_text="认为行政机关侵犯其合法权益的，可以向上一级行政机关或者政府信息公开工作主管部门投诉、举报，也可以依法申请行政复议或者提起行政诉讼。",
    )

    parent_page_types = ["disclosures.DisclosureIndexPage"]
    subpage_types: list[str] = []
    template = "disclosures/disclosure_guide_page.html"
    content_panels = [
        *Page.content_panels,
        FieldPanel("publishing_unit"),
        FieldPanel("proactive"),
        FieldPanel("application"),
        MultiFieldPanel(
            [
                FieldPanel("office_name"),
                FieldPanel("office_address"),
                FieldPanel("office_postcode"),
                FieldPanel("office_phone"),
                FieldPanel("office_hours"),
                FieldPanel("office_email"),
            ],
            heading="受理机构",
        ),
        FieldPanel("fees"),
        FieldPanel("remedies"),
    ]
    search_fields = [
        *BasePage.search_fields,
        ChineseSearchField("proactive"),
        ChineseSearchField("application"),
    ]

    class Meta:
        verbose_name = "政府信息公开指南"
        verbose_name_plural = "政府信息公开指南"

    @property
    def listing_meta(self) -> str:
        return gettext("政府信息公开指南")
