from django.db import models
from django.utils.html import strip_tags
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from home.blocks import BodyStreamBlock
from home.models import BasePage, ListingPage
from home.search_backend import ChineseSearchField


class DisclosureIndexPage(ListingPage):
    """信息公开 column at /disclosures/."""

    parent_page_types = ["home.HomePage"]
    subpage_types = ["disclosures.PolicyDocumentPage"]
    template = "pages/listing_page.html"

    class Meta:
        verbose_name = "信息公开栏目"


class DisclosureMode(models.TextChoices):
    ACTIVE = "active", "主动公开"
    ON_REQUEST = "on_request", "依申请公开"


class PolicyDocumentPage(BasePage):
    """政策文件: a published document with the metadata government sites show above its text."""

    document_number = models.CharField(
        "文号", max_length=60, blank=True, help_text="例如：永政发〔2026〕29号"
    )
    issuing_organ = models.CharField("发布机构", max_length=200, help_text="写全称，联合发文用空格分隔。")
    written_date = models.DateField("成文日期")
    publication_date = models.DateField("发布日期")
    disclosure_mode = models.CharField(
        "公开属性",
        max_length=20,
        choices=DisclosureMode.choices,
        default=DisclosureMode.ACTIVE,
        help_text="依申请公开的文件只公开目录信息，不在网上显示正文。",
    )
    body = StreamField(BodyStreamBlock(), verbose_name="正文", blank=True)

    parent_page_types = ["disclosures.DisclosureIndexPage"]
    subpage_types: list[str] = []
    template = "disclosures/policy_document_page.html"

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("document_number"),
                FieldPanel("issuing_organ"),
                FieldPanel("written_date"),
                FieldPanel("publication_date"),
                FieldPanel("disclosure_mode"),
            ],
            heading="公开目录信息",
        ),
        FieldPanel("body"),
    ]
    search_fields = [
        *BasePage.search_fields,
        ChineseSearchField("document_number"),
        ChineseSearchField("issuing_organ"),
        ChineseSearchField("public_body_text"),
        index.FilterField("disclosure_mode"),
    ]

    class Meta:
        verbose_name = "政策文件"
        verbose_name_plural = "政策文件"

    @property
    def shows_body(self) -> bool:
        return self.disclosure_mode == DisclosureMode.ACTIVE

    def search_text(self) -> str:
        return " ".join(p for p in (self.summary, self.document_number, self.public_body_text()) if p)

    def public_body_text(self) -> str:
        """What search may index: the text only when it is 主动公开."""
        if not self.shows_body:
            return ""
        return strip_tags(self.body.render_as_block()) if self.body else ""
