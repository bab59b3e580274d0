from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, Panel
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import views
from .models import InformationRequest, PublishingUnit, StatisticsReleasePage


class PublishingUnitViewSet(SnippetViewSet):
    model = PublishingUnit
    icon = "group"
    menu_label = "发布机构"
    menu_order = 260
    add_to_admin_menu = True
    list_display = ["name", "short_name", "code"]


register_snippet(PublishingUnitViewSet)


class RequestClockPanel(Panel):
    """答复期限, the state and the pause, worked out from the record (read-only), on its edit screen."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "disclosures/admin/request_clock_panel.html"


class InformationRequestViewSet(SnippetViewSet):
    """依申请公开台账: online applications arrive here; paper and mail ones are entered by the officer.
    Only disclosure officers hold its permissions: applicants' personal data goes nowhere else."""

    model = InformationRequest
    icon = "mail"
    menu_label = "依申请公开"
    menu_order = 261
    add_to_admin_menu = True
    list_display = [
        "number",
        "received_on",
        "publishing_unit",
        "applicant_type",
        "due_label",
        "state_label",
        "pauses_label",
        "replied_on",
    ]
    list_filter = ["publishing_unit", "applicant_type", "outcome", "channel"]
    search_fields = ["number", "applicant_name", "description"]
    search_backend_name = None  # the database's own LIKE: applicants' data stays out of the search index

    def get_queryset(self, request):
        # each row's state reads its consultations: fetched for the whole page in one query
        return InformationRequest.objects.select_related("publishing_unit").prefetch_related("consultations")

    list_export = [
        "number",
        "received_on",
        "publishing_unit",
        "applicant_type",
        "description",
        "due_on",
        "replied_on",
        "outcome",
    ]
    panels = [
        RequestClockPanel(heading="答复期限与状态"),
        MultiFieldPanel(
            [FieldPanel("publishing_unit"), FieldPanel("channel"), FieldPanel("received_on")], heading="受理"
        ),
        MultiFieldPanel(
            [
                FieldPanel("applicant_type"),
                FieldPanel("applicant_name"),
                FieldPanel("id_number"),
                FieldPanel("phone"),
                FieldPanel("email"),
                FieldPanel("address"),
            ],
            heading="申请人（不公开）",
        ),
        MultiFieldPanel(
            [FieldPanel("description"), FieldPanel("document_number"), FieldPanel("delivery_form")],
            heading="申请内容",
        ),
        MultiFieldPanel(
            [
                FieldPanel("correction_sent_on"),
                FieldPanel("correction_received_on"),
                FieldPanel("third_party_sent_on"),
                FieldPanel("third_party_replied_on"),
                FieldPanel("extension_approved"),
                FieldPanel("extension_reason"),
            ],
            heading="补正、征求意见与延期（答复期限按工作日自动计算）",
        ),
        InlinePanel(
            "consultations",
            heading="其他征求意见（另一第三方或其他机关）",
            label="征求意见",
            help_text="征求第三方和其他机关意见所需时间不计入答复期限；同时进行的征求意见，重叠的日子只算一次。",
        ),
        MultiFieldPanel(
            [
                FieldPanel("replied_on"),
                FieldPanel("outcome"),
                FieldPanel("reply_text"),
                FieldPanel("reply_document"),
            ],
            heading="答复",
        ),
        InlinePanel(
            "reviews",
            heading="行政复议、行政诉讼",
            label="行政复议或行政诉讼",
            help_text="年度报告表四按复议决定或裁判的年度计入结果；年底尚未审结的计入当年“尚未审结”。",
        ),
    ]


register_snippet(InformationRequestViewSet)


class DatasetImportViewSet(ViewSet):
    """导入数据 for a statistics release (/admin/statistics/<page>/import/); reached from the page's
    buttons, no menu item; the view checks the page's edit permission."""

    name = "statistics"

    def get_urlpatterns(self):
        return [
            path("<int:page_id>/import/", views.import_dataset, name="import"),
            path("<int:page_id>/import/<int:import_id>/", views.import_status, name="import_status"),
            path("generate/<int:index_id>/", views.generate_release_view, name="generate"),
            path("template/<slug:kind>/", views.dataset_template, name="template"),
            path("import-help/", views.import_help, name="import_help"),
        ]


@hooks.register("register_admin_viewset")
def register_dataset_import_viewset():
    return DatasetImportViewSet()


def _import_button(page, user):
    if (
        isinstance(page.specific_deferred, StatisticsReleasePage)
        and page.permissions_for_user(user).can_edit()
    ):
        url = reverse("statistics:import", args=[page.pk])
        yield Button("导入数据", url, icon_name="table", priority=25)


def _generate_button(page, user):
    from .models import DisclosureIndexPage

    if (
        isinstance(page.specific_deferred, DisclosureIndexPage)
        and page.permissions_for_user(user).can_add_subpage()
    ):
        yield Button(
            "从台账生成数据发布",
            reverse("statistics:generate", args=[page.pk]),
            icon_name="table",
            priority=26,
        )


@hooks.register("register_page_listing_more_buttons")
def dataset_import_listing_button(page, user, next_url=None, **kwargs):
    yield from _import_button(page, user)
    yield from _generate_button(page, user)


@hooks.register("register_page_header_buttons")
def dataset_import_header_button(page, user, view_name=None, next_url=None, **kwargs):
    yield from _import_button(page, user)
    yield from _generate_button(page, user)
