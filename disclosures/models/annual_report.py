"""政府信息公开年度报告 as a page of the disclosures column: the officer writes the text sections and
enters the few figures no register holds; the tables are computed from the register and the policy
documents whenever the page is saved, so a published revision keeps the figures it was reviewed
with. HTML tables on the page, the national layout as XLSX at <page>/xlsx/ (a download named "….xlsx")."""

from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpResponse
from django.utils.http import content_disposition_header
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page

from home.models import BasePage

from .units import PublishingUnit

TEXT = ["bold", "italic", "ol", "ul", "link"]


class AnnualReportPage(RoutablePageMixin, BasePage):
    year = models.PositiveSmallIntegerField("年度")
    publishing_unit = models.ForeignKey(
        PublishingUnit, verbose_name="发布机构", on_delete=models.PROTECT, related_name="annual_reports"
    )
    overview = RichTextField("一、总体情况", features=TEXT)
    problems = RichTextField("五、存在的主要问题及改进情况", features=TEXT)
    other = RichTextField("六、其他需要报告的事项", features=TEXT, blank=True)
    permits = models.PositiveIntegerField("行政许可：本年处理决定数量", default=0)
    penalties = models.PositiveIntegerField("行政处罚：本年处理决定数量", default=0)
    coercion = models.PositiveIntegerField("行政强制：本年处理决定数量", default=0)
    fees = models.DecimalField(
        "行政事业性收费：本年收费金额（万元）", max_digits=12, decimal_places=2, default=0
    )
    tables = models.JSONField("统计表", default=dict, editable=False)

    parent_page_types = ["disclosures.DisclosureIndexPage"]
    subpage_types: list[str] = []
    template = "disclosures/annual_report_page.html"
    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("year"), FieldPanel("publishing_unit")]),
        HelpPanel(
            content="<p>表三（收到和处理政府信息公开申请情况）和表四（行政复议、行政诉讼情况）按依申请公开台账自动统计，"
            "表二中规章、行政规范性文件按政策文件的“文件性质”和废止日期统计；保存时重新计算。</p>",
            heading="统计表",
        ),
        FieldPanel("overview"),
        MultiFieldPanel(
            [FieldPanel("permits"), FieldPanel("penalties"), FieldPanel("coercion"), FieldPanel("fees")],
            heading="二、主动公开政府信息情况（需手工填写的数字）",
        ),
        FieldPanel("problems"),
        FieldPanel("other"),
    ]

    class Meta:
        verbose_name = "政府信息公开年度报告"
        verbose_name_plural = "政府信息公开年度报告"

    @property
    def listing_meta(self) -> str:
        from django.utils.translation import gettext

        return gettext("政府信息公开年度报告 · %(year)s年") % {"year": self.year}

    def clean(self):
        super().clean()
        clash = (
            AnnualReportPage.objects.filter(
                year=self.year, publishing_unit_id=self.publishing_unit_id, locale_id=self.locale_id
            )
            .exclude(pk=self.pk)
            .exists()
        )
        if self.publishing_unit_id and clash:
            raise ValidationError({"year": "这个发布机构这一年度的年度报告已经有了。"})

    def save(self, *args, **kwargs):
        if self.publishing_unit_id and self.year:
            self.tables = self.compute_tables()
        return super().save(*args, **kwargs)

    def compute_tables(self) -> dict:
        from ..annual_report import annual_tables

        entered = {
            "permits": self.permits,
            "penalties": self.penalties,
            "coercion": self.coercion,
            "fees": str(self.fees),
        }
        return annual_tables(self.year, self.publishing_unit, entered)

    def get_context(self, request, *args, **kwargs):
        from ..annual_report import (
            LINKAGE_CHECKS,
            NATIONAL_TABLES,
            consistency_problems,
            head_and_body,
            national_forms,
        )

        context = super().get_context(request, *args, **kwargs)
        tables = self.tables or {}
        if all(key in tables for key, *_rest in NATIONAL_TABLES):
            forms = national_forms(tables)
            context["national_tables"] = [
                (key, title, *head_and_body(forms[key])) for key, title, _width, _build in NATIONAL_TABLES
            ]
        context["linkage_checks"] = LINKAGE_CHECKS
        context["problems_found"] = consistency_problems(tables) if tables else []
        return context

    @path("xlsx/", name="xlsx")  # Wagtail serves only [\w-] path segments: no ".xlsx" here
    def xlsx(self, request):
        from ..annual_report import report_xlsx

        response = HttpResponse(
            report_xlsx(self.tables),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = content_disposition_header(True, f"{self.title}.xlsx")
        return response
