import re

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils.html import strip_tags
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from home.blocks import BodyStreamBlock
from home.listings.feeds import FeedMixin
from home.listings.filters import FilterSpec, year_choices
from home.models import BasePage, ListingPage
from home.search.backend import ChineseSearchField

from .units import PublishingUnit


class DisclosureMode(models.TextChoices):
    ACTIVE = "active", _("主动公开")
    ON_REQUEST = "on_request", _("依申请公开")


class Validity(models.TextChoices):
    VALID = "valid", _("有效")
    EXPIRED = "expired", _("失效")
    REPEALED = "repealed", _("废止")


# 公文种类 (党政机关公文处理工作条例) and the forms normative documents take, longest first.
GENRES = ("实施细则", "实施方案", "工作方案", "规定", "办法", "细则", "意见", "通知", "决定", "公告", "通告",
          "报告", "批复", "方案", "规划", "计划", "纪要", "解读", "函", "令")  # fmt: skip


class LegalForm(models.TextChoices):
    """What the 年度报告's table 二 counts: 规章 and 行政规范性文件 (本年制发, 本年废止, 现行有效)."""

    RULE = "rule", _("规章")
    NORMATIVE = "normative", _("行政规范性文件")
    OTHER = "other", _("其他文件")


class DocumentType(models.TextChoices):
    POLICY = "policy", _("政策文件")
    INTERPRETATION = "interpretation", _("政策解读")


class Topic(models.TextChoices):
    """主题分类 (国务院公文主题词表, the classes a county's disclosures use)."""

    GENERAL = "general", _("综合政务")
    JUSTICE = "justice", _("公安、安全、司法")
    CIVIL = "civil", _("民政、扶贫、救灾")
    LABOUR = "labour", _("劳动、人事、监察")
    MARKET = "market", _("市场监管、安全生产监管")
    ENVIRONMENT = "environment", _("环境监测、保护与治理")
    LAND = "land", _("国土资源、能源")
    EDUCATION = "education", _("教育")
    HEALTH = "health", _("卫生、体育")
    FINANCE = "finance", _("财政、金融、审计")
    AGRICULTURE = "agriculture", _("农业、林业、水利")


class DisclosureIndexPage(FeedMixin, RoutablePageMixin, ListingPage):
    """信息公开 at /disclosures/: policy documents, interpretations and statistics releases."""

    default_update_cycle_days = 180  # policy-like column (政府网站普查: 6 months)

    parent_page_types = ["home.HomePage"]
    subpage_types = [
        "disclosures.PolicyDocumentPage",
        "disclosures.StatisticsReleasePage",
        "disclosures.AnnualReportPage",
        "disclosures.DisclosureGuidePage",
    ]
    template = "disclosures/disclosure_index_page.html"

    class Meta:
        verbose_name = "信息公开栏目"

    def listing_queryset(self):
        return (
            self.get_children()
            .live()
            .public()
            .type(PolicyDocumentPage, _statistics_model(), *_other_models())
            .specific()
            .order_by("-first_published_at", "-pk")
        )

    def filter_choices(self) -> dict:
        documents = PolicyDocumentPage.objects.child_of(self).live().public()
        releases = _statistics_model().objects.child_of(self).live().public()
        units = PublishingUnit.objects.filter(
            models.Q(policy_documents__in=documents) | models.Q(statistics_releases__in=releases)
        ).distinct()
        return {
            "years": sorted(
                {d.year for d in documents.dates("publication_date", "year")}
                | set(releases.values_list("year", flat=True).distinct()),
                reverse=True,
            ),
            "units": [(str(u.pk), u.name) for u in units],
        }

    def filter_specs(self) -> list[FilterSpec]:
        choices = self.filter_choices()
        return [
            FilterSpec(
                "kind",
                gettext("信息类别"),
                [*DocumentType.choices, ("statistics", gettext("数据发布"))],
                self._filter_kind,
            ),
            FilterSpec("year", gettext("年份"), year_choices(choices["years"]), self._filter_year),
            FilterSpec(
                "unit",
                gettext("发布机构"),
                choices["units"],
                self._filter_unit,
                names_are_content=True,
            ),
            FilterSpec("topic", gettext("主题分类"), list(Topic.choices), self._filter_topic),
        ]

    @staticmethod
    def _ids(queryset):
        return queryset.values_list("pk", flat=True)

    def _filter_kind(self, pages, value):
        if value == "statistics":
            return pages.type(_statistics_model())
        return pages.filter(pk__in=self._ids(PolicyDocumentPage.objects.filter(document_type=value)))

    def _filter_year(self, pages, value):
        year = int(value)
        docs = PolicyDocumentPage.objects.filter(publication_date__year=year)
        releases = _statistics_model().objects.filter(year=year)
        return pages.filter(models.Q(pk__in=self._ids(docs)) | models.Q(pk__in=self._ids(releases)))

    def _filter_unit(self, pages, value):
        docs = PolicyDocumentPage.objects.filter(publishing_unit_id=value)
        releases = _statistics_model().objects.filter(publishing_unit_id=value)
        return pages.filter(models.Q(pk__in=self._ids(docs)) | models.Q(pk__in=self._ids(releases)))

    def _filter_topic(self, pages, value):
        return pages.filter(pk__in=self._ids(PolicyDocumentPage.objects.filter(topic=value)))

    def feed_items(self):
        return self.listing_queryset()

    @path("catalogue/", name="catalogue")
    def catalogue(self, request):
        """政府信息公开目录: every live policy document by 主题分类 (or by 体裁 with ?by=genre)."""
        documents = (
            PolicyDocumentPage.objects.child_of(self)
            .live()
            .public()
            .select_related("publishing_unit")
            .order_by("topic", "legal_form", "document_type", "-written_date", "pk")
        )
        by_genre = request.GET.get("by") == "genre"
        groups: dict[str, list] = {}
        for document in documents:
            groups.setdefault(document.genre if by_genre else str(document.get_topic_display()), []).append(
                document
            )
        order = [*GENRES, "其他"] if by_genre else [str(label) for _value, label in Topic.choices]
        context = {  # render() adds the page's own context
            "by_genre": by_genre,
            "catalogue": sorted(groups.items(), key=lambda group: order.index(group[0])),
        }
        return self.render(request, context_overrides=context, template="disclosures/catalogue.html")


def _other_models():
    from django.apps import apps  # by name: the report's tables read the policy documents

    return [apps.get_model("disclosures", name) for name in ("AnnualReportPage", "DisclosureGuidePage")]


def _statistics_model():
    from .statistics import StatisticsReleasePage

    return StatisticsReleasePage


class PolicyDocumentPage(BasePage):
    """政策文件 (or its 政策解读) with the 公开 metadata government sites show above the text."""

    # 索引号 is a unit code and a sequence, not a person: the personal-data check skips it.
    personal_info_exempt_fields = ("index_number",)
    # A copy is a new document: it gets its own 索引号 when it is first published.
    exclude_fields_in_copy = ["index_number"]

    document_type = models.CharField(
        "文件类别", max_length=20, choices=DocumentType.choices, default=DocumentType.POLICY
    )
    index_number = models.CharField(
        "索引号",
        max_length=80,
        unique=True,
        null=True,
        blank=True,
        editable=False,
        help_text="首次发布时自动生成。",
    )
    publishing_unit = models.ForeignKey(
        PublishingUnit,
        verbose_name="发布机构",
        on_delete=models.PROTECT,
        null=True,
        related_name="policy_documents",
        help_text="索引号按此机构编号。",
    )
    issuing_organ = models.CharField("发文机关", max_length=200, help_text="写全称，联合发文用空格分隔。")
    document_number = models.CharField(
        "文号", max_length=60, blank=True, help_text="例如：永政发〔2026〕29号"
    )
    written_date = models.DateField("成文日期")
    publication_date = models.DateField("发布日期")
    topic = models.CharField("主题分类", max_length=20, choices=Topic.choices, default=Topic.GENERAL)
    disclosure_mode = models.CharField(
        "公开属性",
        max_length=20,
        choices=DisclosureMode.choices,
        default=DisclosureMode.ACTIVE,
        help_text="依申请公开的文件只公开目录信息，不在网上显示正文。",
    )
    legal_form = models.CharField(
        "文件性质",
        max_length=20,
        choices=LegalForm.choices,
        default=LegalForm.OTHER,
        help_text="规章和行政规范性文件计入政府信息公开年度报告表二。",
    )
    repealed_on = models.DateField(
        "废止（失效）日期",
        null=True,
        blank=True,
        help_text="有效性改为废止或失效时填写，年度报告按此统计本年废止件数。",
    )
    validity = models.CharField(
        "有效性",
        max_length=20,
        choices=Validity.choices,
        default=Validity.VALID,
        help_text="失效、废止的文件仍保留在网上，并醒目标注。",
    )
    interprets = models.ForeignKey(
        "self",
        verbose_name="所解读的文件",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="interpretations",
        help_text="仅“政策解读”填写：选择它解读的政策文件。",
    )
    body = StreamField(BodyStreamBlock(), verbose_name="正文", blank=True)

    parent_page_types = ["disclosures.DisclosureIndexPage"]
    subpage_types: list[str] = []
    template = "disclosures/policy_document_page.html"

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("document_type"),
                FieldPanel("publishing_unit"),
                FieldPanel("issuing_organ"),
                FieldPanel("document_number"),
                FieldPanel("written_date"),
                FieldPanel("publication_date"),
                FieldPanel("topic"),
                FieldPanel("disclosure_mode"),
                FieldPanel("validity"),
                FieldPanel("legal_form"),
                FieldPanel("repealed_on"),
                FieldPanel("interprets"),
            ],
            heading="公开目录信息",
        ),
        FieldPanel("summary"),
        FieldPanel("body"),
        InlinePanel("attachments", label="附件"),
    ]
    promote_panels = Page.promote_panels
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

    def public_body_text(self) -> str:
        """What search may index: the text only when it is 主动公开."""
        if not self.shows_body or not self.body:
            return ""
        return strip_tags(self.body.render_as_block())

    def search_text(self) -> str:
        return " ".join(p for p in (self.summary, self.document_number, self.public_body_text()) if p)

    @property
    def genre(self) -> str:
        """体裁 (公文种类) as the title names it: 关于……的实施意见 → 意见, ……管理办法 → 办法."""
        title = self.title.strip().split("（")[0].split("(")[0]
        return next((genre for genre in GENRES if title.endswith(genre)), "其他")

    def clean(self):
        super().clean()
        if self.repealed_on and self.validity == Validity.VALID:
            raise ValidationError(
                {"repealed_on": "有效的文件不填废止日期；文件废止或失效时请同时修改“有效性”。"}
            )
        if self.repealed_on and self.written_date and self.repealed_on < self.written_date:
            raise ValidationError({"repealed_on": "废止日期不能早于成文日期。"})

    def save(self, *args, **kwargs):
        if self.live and not self.index_number and self.publishing_unit_id:
            return self._save_with_new_index_number(*args, **kwargs)
        return super().save(*args, **kwargs)

    def _save_with_new_index_number(self, *args, **kwargs):
        """索引号 = unit code / year - sequence, unique; retried if two publish at once."""
        for _attempt in range(5):
            self.index_number = self.next_index_number()
            try:
                with transaction.atomic():
                    return super().save(*args, **kwargs)
            except IntegrityError:
                self.index_number = None
        raise IntegrityError("无法生成唯一的索引号，请重试。")

    def next_index_number(self) -> str:
        prefix = f"{self.publishing_unit.code}/{self.publication_date.year}-"
        used = PolicyDocumentPage.objects.filter(index_number__startswith=prefix).values_list(
            "index_number", flat=True
        )
        numbers = [int(m.group(1)) for n in used if (m := re.search(r"-(\d+)$", n))]
        return f"{prefix}{max(numbers, default=0) + 1:05d}"


class PolicyAttachment(Orderable):
    page = ParentalKey(PolicyDocumentPage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name="文件", on_delete=models.CASCADE, related_name="+"
    )
    title = models.CharField("附件名称", max_length=120, blank=True, help_text="留空则使用文件标题。")

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = "附件"
