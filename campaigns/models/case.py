import re

from django.db import models
from django.utils.html import strip_tags
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, ReferenceIndex

from home.listings.feeds import FeedMixin
from home.listings.filters import FilterSpec, year_choices
from home.models import BasePage, ListingPage
from home.search.backend import ChineseSearchField
from home.security.privacy import PersonalInfoGuardMixin

from ..blocks import ProvisionsBlock
from .taxonomy import CaseBatch, LegalArea

CASE_TEXT = ["bold", "italic", "ol", "ul", "link"]


class CaseCategory(models.TextChoices):
    CRIMINAL = "criminal", _("刑事检察")
    CIVIL = "civil", _("民事检察")
    ADMINISTRATIVE = "administrative", _("行政检察")
    PUBLIC_INTEREST = "public_interest", _("公益诉讼检察")
    JUVENILE = "juvenile", _("未成年人检察")
    EXECUTION = "execution", _("刑事执行检察")


class CaseIndexPage(FeedMixin, RoutablePageMixin, ListingPage):
    """典型案例 at /cases/: filter by category, area, batch and year; batch pages; feed."""

    default_update_cycle_days = 180  # policy-like column (政府网站普查: 6 months)

    parent_page_types = ["home.HomePage"]
    subpage_types = ["campaigns.CaseExamplePage"]
    template = "pages/filtered_listing.html"
    listing_card_template = "components/case_card.html"

    class Meta:
        verbose_name = "典型案例栏目"

    def result_count_text(self, count: int) -> str:
        return ngettext("共 %(count)s 个案例", "共 %(count)s 个案例", count) % {"count": count}

    def child_route_queryset(self):
        return CaseExamplePage.routed_queryset()

    def listing_queryset(self):
        return (
            CaseExamplePage.objects.live()
            .public()
            .child_of(self)
            .select_related("batch", "legal_area")
            .order_by("-batch__number", "case_number", "pk")
        )

    def filter_choices(self) -> dict:
        batches = list(CaseBatch.objects.all())
        return {
            "areas": [(a.slug, a.name) for a in LegalArea.objects.all()],
            "batches": [(str(b.number), str(b)) for b in batches],
            "years": sorted({b.release_date.year for b in batches}, reverse=True),
        }

    def filter_specs(self) -> list[FilterSpec]:
        choices = self.filter_choices()
        return [
            FilterSpec(
                "category",
                gettext("案件类别"),
                list(CaseCategory.choices),
                lambda qs, v: qs.filter(category=v),
            ),
            FilterSpec(
                "area",
                gettext("重点领域"),
                choices["areas"],
                lambda qs, v: qs.filter(legal_area__slug=v),
                names_are_content=True,
            ),
            FilterSpec(
                "batch",
                gettext("发布批次"),
                choices["batches"],
                lambda qs, v: qs.filter(batch__number=int(v)),
                names_are_content=True,
            ),
            FilterSpec(
                "year",
                gettext("发布年份"),
                year_choices(choices["years"]),
                lambda qs, v: qs.filter(batch__release_date__year=int(v)),
            ),
        ]

    @path("batch/<int:number>/", name="batch")
    def batch_view(self, request, number):
        """第X批: the batch's date, issuing units and all its cases."""
        from django.http import Http404

        batch = CaseBatch.objects.filter(number=number).first()
        if batch is None:
            raise Http404("没有这一批案例")
        context = self.get_context(request)
        context.update(batch=batch, batch_cases=self.listing_queryset().filter(batch=batch))
        return self.render(request, context_overrides=context, template="campaigns/case_batch.html")

    def feed_items(self):
        return self.listing_queryset().order_by("-first_published_at")


class CaseExamplePage(PersonalInfoGuardMixin, BasePage):
    """典型案例 in the structure the Supreme People's Procuratorate uses."""

    case_number = models.CharField("案例编号", max_length=60, help_text="例如：永检典〔2026〕3号")
    batch = models.ForeignKey(
        CaseBatch, verbose_name="发布批次", on_delete=models.PROTECT, related_name="cases"
    )
    category = models.CharField("案件类别", max_length=30, choices=CaseCategory.choices)
    legal_area = models.ForeignKey(
        LegalArea,
        verbose_name="重点领域",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="cases",
    )
    keywords = models.CharField(
        "关键词", max_length=200, help_text="用顿号或空格分隔，例如：电信网络诈骗、帮信罪、检察建议"
    )
    gist = models.TextField("要旨", help_text="一两句话概括本案的法律要点。")
    facts = RichTextField(
        "基本案情", features=CASE_TEXT, help_text="当事人一律隐名处理，例如“张某”“李某某”。"
    )
    process = RichTextField("检察机关履职过程", features=CASE_TEXT)
    outcome = RichTextField("处理结果", features=CASE_TEXT)
    significance = RichTextField("典型意义", features=CASE_TEXT)
    provisions = StreamField(ProvisionsBlock(), verbose_name="相关规定", blank=True)

    parent_page_types = ["campaigns.CaseIndexPage"]
    subpage_types: list[str] = []
    template = "campaigns/case_example_page.html"

    @classmethod
    def routed_queryset(cls):
        return cls.objects.select_related("batch", "legal_area")

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("case_number"),
                FieldPanel("batch"),
                FieldPanel("category"),
                FieldPanel("legal_area"),
                FieldPanel("keywords"),
            ],
            heading="案例信息",
        ),
        FieldPanel("summary"),
        FieldPanel("gist"),
        FieldPanel("facts"),
        FieldPanel("process"),
        FieldPanel("outcome"),
        FieldPanel("significance"),
        FieldPanel("provisions"),
    ]
    promote_panels = Page.promote_panels
    search_fields = [
        *BasePage.search_fields,
        ChineseSearchField("case_number"),
        ChineseSearchField("keywords", boost=2),
        ChineseSearchField("gist"),
        ChineseSearchField("facts"),
        ChineseSearchField("process"),
        ChineseSearchField("outcome"),
        ChineseSearchField("significance"),
        ChineseSearchField("provisions"),
    ]

    class Meta:
        verbose_name = "典型案例"
        verbose_name_plural = "典型案例"

    @property
    def keyword_list(self) -> list[str]:
        return [k for k in re.split(r"[、，,;；\s]+", self.keywords or "") if k]

    def related_campaigns(self):
        """以案释法, the other way: live public campaigns whose body cites this case."""
        from .campaign import CampaignPage

        references = (
            ReferenceIndex.get_references_to(self)
            .filter(base_content_type__model="page")
            .values_list("object_id", flat=True)
        )
        return CampaignPage.objects.live().public().filter(pk__in=[int(pk) for pk in references])

    def search_text(self) -> str:
        parts = [
            self.summary,
            self.keywords,
            self.gist,
            *(strip_tags(t) for t in (self.facts, self.process, self.outcome, self.significance)),
        ]
        return " ".join(p for p in parts if p)
