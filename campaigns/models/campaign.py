import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.models import Page

from home.blocks import stream_text
from home.listings.feeds import FeedMixin
from home.listings.filters import FilterSpec, year_choices
from home.models import BasePage, ListingPage
from home.search.backend import ChineseSearchField
from home.security.privacy import PersonalInfoGuardMixin

from ..blocks import CampaignBodyBlock
from .taxonomy import LegalArea, Venue

CARD_IMAGE = "fill-480x270"


class CampaignStatus(models.TextChoices):
    UPCOMING = "upcoming", _("即将开始")
    ONGOING = "ongoing", _("进行中")
    ENDED = "ended", _("已结束")


def _status_filter(queryset, value):
    today = timezone.localdate()
    if value == CampaignStatus.UPCOMING:
        return queryset.filter(start_date__gt=today)
    if value == CampaignStatus.ONGOING:
        return queryset.filter(start_date__lte=today, end_date__gte=today)
    return queryset.filter(end_date__lt=today)


class CampaignIndexPage(FeedMixin, RoutablePageMixin, ListingPage):
    """普法活动 at /campaigns/: filter by venue, area, year and status; paginated; feed."""

    parent_page_types = ["home.HomePage"]
    subpage_types = ["campaigns.CampaignPage", "campaigns.FormPage"]
    template = "pages/filtered_listing.html"
    listing_card_template = "components/campaign_card.html"

    class Meta:
        verbose_name = "普法活动栏目"

    def result_count_text(self, count: int) -> str:
        return ngettext("共 %(count)s 项活动", "共 %(count)s 项活动", count) % {"count": count}

    def child_route_queryset(self):
        return CampaignPage.routed_queryset()

    def listing_queryset(self):
        image_model = get_image_model()
        return (
            CampaignPage.objects.live()
            .public()
            .child_of(self)
            .prefetch_related(
                "venues",
                "legal_areas",
                Prefetch("image", queryset=image_model.objects.prefetch_renditions(CARD_IMAGE)),
            )
            .order_by("-start_date", "-pk")
        )

    def filter_choices(self) -> dict:
        return {
            "venues": [(v.slug, v.name) for v in Venue.objects.all()],
            "areas": [(a.slug, a.name) for a in LegalArea.objects.all()],
            "years": [d.year for d in self.listing_queryset().dates("start_date", "year", order="DESC")],
        }

    def filter_specs(self) -> list[FilterSpec]:
        choices = self.filter_choices()
        return [
            FilterSpec(
                "venue",
                gettext("普法阵地"),
                choices["venues"],
                lambda qs, value: qs.filter(venues__slug=value).distinct(),
                names_are_content=True,
            ),
            FilterSpec(
                "area",
                gettext("重点领域"),
                choices["areas"],
                lambda qs, value: qs.filter(legal_areas__slug=value).distinct(),
                names_are_content=True,
            ),
            FilterSpec(
                "year",
                gettext("年份"),
                year_choices(choices["years"]),
                lambda qs, value: qs.filter(start_date__year=int(value)),
            ),
            FilterSpec("status", gettext("活动状态"), list(CampaignStatus.choices), _status_filter),
        ]

    def feed_items(self):
        return self.listing_queryset()


class CampaignPage(PersonalInfoGuardMixin, BasePage):
    """普法活动: when, where, for whom, by whom (谁执法谁普法), and what happened."""

    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="题图",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    start_date = models.DateField("开始日期")
    end_date = models.DateField("结束日期")
    place = models.CharField("活动地点", max_length=120, blank=True)
    organisers = models.CharField(
        "组织单位", max_length=200, blank=True, help_text="谁执法谁普法：主办、承办单位，用顿号分隔。"
    )
    venues = ParentalManyToManyField(Venue, verbose_name="普法阵地", blank=True, related_name="campaigns")
    legal_areas = ParentalManyToManyField(
        LegalArea, verbose_name="重点领域", blank=True, related_name="campaigns"
    )
    body = StreamField(CampaignBodyBlock(), verbose_name="活动内容", blank=True)

    parent_page_types = ["campaigns.CampaignIndexPage"]
    subpage_types: list[str] = []
    template = "campaigns/campaign_page.html"

    @classmethod
    def routed_queryset(cls):
        return cls.objects.prefetch_related("venues", "legal_areas")

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("image"),
        MultiFieldPanel(
            [FieldPanel("start_date"), FieldPanel("end_date"), FieldPanel("place"), FieldPanel("organisers")],
            heading="时间、地点和组织单位",
        ),
        MultiFieldPanel(
            [
                FieldPanel("venues", widget=forms.CheckboxSelectMultiple),
                FieldPanel("legal_areas", widget=forms.CheckboxSelectMultiple),
            ],
            heading="分类",
        ),
        FieldPanel("body"),
    ]
    promote_panels = Page.promote_panels
    search_fields = [
        *BasePage.search_fields,
        ChineseSearchField("place"),
        ChineseSearchField("organisers"),
        ChineseSearchField("body"),
    ]

    class Meta:
        verbose_name = "普法活动"
        verbose_name_plural = "普法活动"

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": "结束日期不能早于开始日期。"})

    def status_on(self, day: datetime.date) -> str:
        if self.start_date > day:
            return CampaignStatus.UPCOMING
        if self.end_date < day:
            return CampaignStatus.ENDED
        return CampaignStatus.ONGOING

    @property
    def status(self) -> str:
        return self.status_on(timezone.localdate())

    @property
    def status_label(self) -> str:
        return CampaignStatus(self.status).label

    def search_text(self) -> str:
        parts = [self.summary, self.place, self.organisers]
        parts += stream_text(self.body)
        return " ".join(p for p in parts if p)
