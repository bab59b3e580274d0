from django.urls import path
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from home.admin_viewsets import ReportViewSet

from . import views
from .models import CaseBatch, FormPage, LegalArea, Venue


class TaxonomyViewSet(SnippetViewSet):
    """A named, ordered taxonomy (重点领域, 普法阵地): the same list and search for each."""

    list_display = ["name", "slug", "sort_order"]
    search_fields = ["name"]


class LegalAreaViewSet(TaxonomyViewSet):
    model = LegalArea
    icon = "tag"
    menu_label = "重点领域"


class VenueViewSet(TaxonomyViewSet):
    model = Venue
    icon = "site"
    menu_label = "普法阵地"


class CaseBatchViewSet(SnippetViewSet):
    model = CaseBatch
    icon = "list-ol"
    menu_label = "案例批次"
    list_display = ["__str__", "release_date", "issuing_units"]


class TaxonomyGroup(SnippetViewSetGroup):
    menu_label = "普法分类"
    menu_icon = "tag"
    menu_order = 250
    items = (LegalAreaViewSet, VenueViewSet, CaseBatchViewSet)


register_snippet(TaxonomyGroup)


@hooks.register("filter_form_submissions_for_user")
def only_permitted_staff_see_submissions(user, editable_forms):
    """Submissions hold personal data: being able to edit a form page is not enough."""
    if views.can_see_submissions(user):
        return editable_forms
    form_page_ids = FormPage.objects.values_list("pk", flat=True)
    return editable_forms.exclude(pk__in=form_page_ids)


class ConsultationViewSet(ReportViewSet):
    """法律咨询答复 (/admin/consultations/): a report for staff who may see form submissions, and the
    reply each row posts."""

    name = "consultations"
    menu_label = "法律咨询答复"
    menu_icon = "help"
    menu_order = 260
    add_to_admin_menu = True
    permissions = (views.SUBMISSIONS_PERMISSION,)
    view_class = views.ConsultationReportView

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("<int:submission_id>/reply/", views.reply_to_consultation, name="reply"),
        ]


@hooks.register("register_admin_viewset")
def register_consultation_viewset():
    return ConsultationViewSet()
