"""以罚代刑筛查 in the admin (/admin/penalties/), on Wagtail's ModelViewSet: the decisions a user may
see (clues/access.py) with 疑似以罚代刑 worked out by the screen; 录入 and 修改 for a unit's liaison;
导入 of the unit's monthly spreadsheet; the procuratorate's 筛查意见 on a flagged decision."""

import django_filters
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.http import content_disposition_header
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic import CreateView, EditView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton
from wagtail.log_actions import log
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from home.admin_viewsets import PrivateListingMixin
from home.spreadsheets import XLSX_TYPE
from internal.views import ChineseDateColumn

from .access import enters_penalties, own_units, screens_penalties, visible_decisions
from .models import Finding, PenaltyDecision, PenaltyReview
from .penalty_import import TEMPLATE_COLUMNS
from .register import open_urge_for_review
from .screening import active_thresholds, crossed, flag_condition

FLAG_CHOICES = [
    ("flagged", "疑似以罚代刑"),
    ("unreviewed", "疑似以罚代刑，待筛查"),
    ("reviewed", "已记录筛查意见"),
]


class PenaltyFilterSet(django_filters.FilterSet):
    unit = django_filters.ModelChoiceFilter(
        label="录入单位", queryset=lambda request: own_units(request.user), empty_label="全部单位"
    )
    screen = django_filters.ChoiceFilter(
        label="筛查", choices=FLAG_CHOICES, method="filter_screen", empty_label="全部"
    )
    year = django_filters.NumberFilter(label="年度", field_name="decided_on", lookup_expr="year")

    class Meta:
        model = PenaltyDecision
        fields = []

    def filter_screen(self, queryset, name, value):
        flagged = queryset.filter(flag_condition())
        if value == "unreviewed":
            return flagged.filter(review__isnull=True)
        if value == "reviewed":
            return queryset.filter(review__isnull=False)
        return flagged


class AmountColumn(Column):
    cell_template_name = "clues/admin/cells/amount.html"


class ScreenColumn(Column):
    cell_template_name = "clues/admin/cells/screen.html"


class PenaltyIndexView(PrivateListingMixin, IndexView):
    filterset_class = PenaltyFilterSet
    default_ordering = None
    columns = [
        TitleColumn("number", label="决定书文号", url_name="penalties:edit"),
        Column("unit", label="录入单位"),
        Column("cause", label="案由"),
        AmountColumn("amount", label="涉案数额"),
        ChineseDateColumn("decided_on", label="决定日期"),
        ScreenColumn("screen", label="以罚代刑筛查"),
    ]
    invalid_filters_message = "筛选条件无效（单位或年度不存在），已显示全部行政处罚决定。"

    def get_page_title(self):
        return (
            "行政处罚决定（以罚代刑筛查）" if screens_penalties(self.request.user) else "本单位行政处罚决定"
        )

    def get_base_queryset(self):
        return visible_decisions(self.request.user).select_related("unit", "review")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        thresholds = active_thresholds()
        for decision in context["object_list"]:
            decision.crossed = crossed(decision, thresholds)
        return context

    @cached_property
    def header_buttons(self):
        buttons = []
        if enters_penalties(self.request.user) or screens_penalties(self.request.user):
            buttons.append(HeaderButton("导入表格", url=reverse("penalties:import"), icon_name="upload"))
        return buttons + super().header_buttons

    @cached_property
    def no_results_message(self):
        return "没有符合条件的行政处罚决定。" if self.is_filtering else "还没有录入行政处罚决定。"


class DecisionForm(forms.ModelForm):
    class Meta:
        model = PenaltyDecision
        fields = ["unit", "number", "cause", "party", "amount", "amount_unit", "penalty", "decided_on"]
        widgets = {"decided_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if for_user is not None:
            self.fields["unit"].queryset = own_units(for_user)
        self.fields["unit"].empty_label = None

    def validate_unique(self):
        try:
            self.instance.validate_constraints()
        except forms.ValidationError:
            self.add_error("number", "本单位已登记过这个决定书文号。")


class DecisionFormMixin:
    def get_form_class(self):
        return DecisionForm  # the unit limited to the user's own; the viewset's would offer every unit

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "for_user": self.request.user}

    def save_instance(self):
        instance = self.form.save(commit=False)
        if not instance.pk:
            instance.created_by = self.request.user
        instance.save()
        return instance


class PenaltyCreateView(DecisionFormMixin, CreateView):
    pass


class PenaltyEditView(DecisionFormMixin, EditView):
    def get_object(self, queryset=None):
        return get_object_or_404(visible_decisions(self.request.user), pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["crossed"] = crossed(self.object, active_thresholds())
        context["review"] = getattr(self.object, "review", None)
        context["may_review"] = screens_penalties(self.request.user)
        return context


class PenaltyPermissionPolicy(ModelPermissionPolicy):
    """A liaison adds and changes their own unit's decisions; the procuratorate reads every unit's
    (and may correct one); nobody but a superuser deletes."""

    def user_has_permission(self, user, action):
        if not (user.is_authenticated and user.is_active):
            return False
        if action in {"add", "change", "view"}:
            return enters_penalties(user) or screens_penalties(user)
        return action == "delete" and user.is_superuser

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def user_has_permission_for_instance(self, user, action, instance):
        return (
            self.user_has_permission(user, action) and visible_decisions(user).filter(pk=instance.pk).exists()
        )

    def instances_user_has_permission_for(self, user, action):
        if not self.user_has_permission(user, action):
            return PenaltyDecision.objects.none()
        return visible_decisions(user)


register_permission_policy(PenaltyDecision, PenaltyPermissionPolicy(PenaltyDecision))


class ReviewForm(forms.ModelForm):
    class Meta:
        model = PenaltyReview
        fields = ["finding", "reasons", "reviewed_on"]
        widgets = {
            "finding": forms.RadioSelect,
            "reviewed_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "reasons": forms.Textarea(attrs={"rows": 4}),
        }


def review_decision(request, pk):
    """筛查意见 on a flagged decision: 建议移送 or 无需移送, with reasons (the procuratorate)."""
    if not screens_penalties(request.user):
        raise PermissionDenied
    decision = get_object_or_404(PenaltyDecision.objects.select_related("unit"), pk=pk)
    review = getattr(decision, "review", None) or PenaltyReview(
        decision=decision, reviewed_on=timezone.localdate()
    )
    form = ReviewForm(request.POST or None, instance=review)
    if request.method == "POST" and form.is_valid():
        review = form.save(commit=False)
        review.reviewed_by = request.user
        with transaction.atomic():
            review.save()
            urge = open_urge_for_review(review, request.user)
        log(instance=decision, action="wagtail.edit", user=request.user, title=str(decision))
        messages.success(
            request,
            f"已记录筛查意见：{review.get_finding_display()}。"
            + (f"已登记建议移送线索 {urge.number}。" if urge else ""),
        )
        return redirect(reverse("penalties:edit", args=[decision.pk]))
    return TemplateResponse(
        request,
        "clues/admin/review.html",
        {"decision": decision, "form": form, "findings": Finding, "header_title": "以罚代刑筛查意见"},
        status=400 if form.errors else 200,
    )


class UploadForm(forms.Form):
    unit = forms.ModelChoiceField(label="录入单位", queryset=None, empty_label=None)
    file = forms.FileField(
        label="表格文件",
        help_text="XLSX 或 CSV，不超过 5 MB；列名：决定书文号、案由、当事人、涉案数额、计量单位、处罚内容、决定日期（顺序不限）。",
        error_messages={"required": "请选择要上传的文件。", "empty": "上传的文件是空的。"},
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = own_units(user)

    def clean_file(self):
        from home.table_files import MAX_BYTES

        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                f"文件过大（{upload.size / 1024 / 1024:.1f} MB），请控制在 5 MB 以内。"
            )
        if not upload.name.lower().endswith((".xlsx", ".xlsm", ".csv", ".txt")):
            raise forms.ValidationError("只能导入 XLSX 或 CSV 表格文件。")
        return upload


def import_view(request):
    """导入表格: the unit's monthly spreadsheet, stored and queued at once (clues/imports.py); the
    result page lists each refused row by number, the good rows being imported all the same."""
    from .imports import queue_penalty_import
    from .models import PenaltyImport

    if not (enters_penalties(request.user) or screens_penalties(request.user)):
        raise PermissionDenied
    form = UploadForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        job = queue_penalty_import(form.cleaned_data["unit"], form.cleaned_data["file"], request.user)
        return redirect(reverse("penalties:import_status", args=[job.pk]))
    recent = PenaltyImport.objects.filter(unit__in=own_units(request.user)).select_related(
        "unit", "uploaded_by"
    )[:5]
    return TemplateResponse(
        request,
        "clues/admin/import.html",
        {"form": form, "recent": recent, "header_title": "导入行政处罚决定"},
        status=400 if form.errors else 200,
    )


def import_status(request, job_id):
    """One import: still queued or running (its page follows it), or its result."""
    from django.http import JsonResponse

    from .models import PenaltyImport

    job = get_object_or_404(PenaltyImport.objects.filter(unit__in=own_units(request.user)), pk=job_id)
    if request.GET.get("format") == "json":
        return JsonResponse(
            {
                "finished": job.finished,
                "label": job.get_status_display(),
                "checked": 0,
                "total": 0,
                "percent": 0,
            }
        )
    return TemplateResponse(
        request, "clues/admin/import_status.html", {"job": job, "header_title": "导入行政处罚决定"}
    )


def template_view(request):
    from home.spreadsheets import Column as SheetColumn
    from home.spreadsheets import add_sheet, new_workbook, workbook_bytes

    if not (enters_penalties(request.user) or screens_penalties(request.user)):
        raise PermissionDenied
    workbook = new_workbook()
    add_sheet(workbook, "行政处罚决定", [SheetColumn(name, 18, wrap=True) for name in TEMPLATE_COLUMNS], [])
    response = HttpResponse(workbook_bytes(workbook), content_type=XLSX_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, "行政处罚决定导入模板.xlsx")
    return response


class PenaltyViewSet(ModelViewSet):
    model = PenaltyDecision
    name = "penalties"
    url_prefix = "penalties"
    icon = "warning"
    menu_label = "以罚代刑筛查"
    menu_order = 154
    add_to_admin_menu = True
    index_view_class = PenaltyIndexView
    add_view_class = PenaltyCreateView
    edit_view_class = PenaltyEditView
    form_fields = DecisionForm.Meta.fields
    edit_template_name = "clues/admin/edit.html"

    def get_urlpatterns(self):
        from django.urls import path

        return [
            *super().get_urlpatterns(),
            path("<int:pk>/review/", review_decision, name="review"),
            path("import/", import_view, name="import"),
            path("import/<int:job_id>/", import_status, name="import_status"),
            path("import/template/", template_view, name="template"),
        ]
