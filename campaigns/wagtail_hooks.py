from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import views
from .models import CaseBatch, FormPage, LegalArea, Venue


class LegalAreaViewSet(SnippetViewSet):
    model = LegalArea
    icon = "tag"
    menu_label = "重点领域"
    list_display = ["name", "slug", "sort_order"]
    search_fields = ["name"]


class VenueViewSet(SnippetViewSet):
    model = Venue
    icon = "site"
    menu_label = "普法阵地"
    list_display = ["name", "slug", "sort_order"]
    search_fields = ["name"]


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
    if user.is_superuser or user.has_perm("campaigns.view_form_submissions"):
        return editable_forms
    form_page_ids = FormPage.objects.values_list("pk", flat=True)
    return editable_forms.exclude(pk__in=form_page_ids)


@hooks.register("register_admin_urls")
def consultation_urls():
    return [
        path("consultations/", views.consultation_list, name="consultations"),
        path(
            "consultations/<int:submission_id>/reply/", views.reply_to_consultation, name="consultation_reply"
        ),
    ]


class ConsultationsMenuItem(MenuItem):
    def is_shown(self, request):
        return views.can_see_submissions(request.user)


@hooks.register("register_admin_menu_item")
def consultations_menu_item():
    return ConsultationsMenuItem("法律咨询答复", reverse("consultations"), icon_name="help", order=260)
