"""Admin views for 督查督办, on Wagtail's listing and report views: liaisons see and report on
their own unit's resolutions only; the office sees every resolution, the whole history and the
report. Each view asks for a permission (internal/groups.py), never for a group's name."""

import datetime
from pathlib import PurePosixPath

import django_filters
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.functional import cached_property
from django.utils.http import content_disposition_header, urlencode
from wagtail.admin.ui.tables import Column, TitleColumn

from home.admin_viewsets import PermissionReportView
from home.spreadsheets import XLSX_TYPE

from .access import is_internal_member, sees_everything, visible_resolutions
from .dashboard import DUE_SOON_DAYS
from .groups import REPORT_OWN_UNIT, VIEW_ALL, VIEW_REPORT
from .models import MemberUnit, ProgressReport, Resolution, ResolutionStatus, TrainingPhoto
from .report import STATUS_COLUMNS, PeriodFilterSet, report_queryset, report_xlsx, summarise

RESOLUTIONS_PER_PAGE = 50
STATES = [
    ("attention", "逾期和7日内到期"),
    ("overdue", "逾期"),
    *ResolutionStatus.choices,
]


def _units_for(request):
    if request is None or sees_everything(request.user):
        return MemberUnit.objects.all()
    return request.user.member_units.all()


class ResolutionFilterSet(django_filters.FilterSet):
    unit = django_filters.ModelChoiceFilter(
        label="单位", queryset=_units_for, method="filter_unit", empty_label="全部单位"
    )
    state = django_filters.ChoiceFilter(
        label="状态", choices=STATES, method="filter_state", empty_label="全部状态"
    )

    class Meta:
        model = Resolution
        fields = []

    def filter_unit(self, queryset, name, unit):
        return queryset.for_unit([unit]) if unit else queryset

    def filter_state(self, queryset, name, state):
        today = timezone.localdate()
        if state == "attention":
            return queryset.due_by(today + datetime.timedelta(days=DUE_SOON_DAYS))
        if state == "overdue":
            return queryset.pending().filter(deadline__lt=today)
        return queryset.filter(current=state) if state else queryset


class UnitsColumn(Column):
    cell_template_name = "internal/admin/cells/units.html"


class StatusColumn(Column):
    cell_template_name = "internal/admin/cells/status.html"


class ChineseDateColumn(Column):
    cell_template_name = "internal/admin/cells/date.html"


class ResolutionIndexView(PermissionReportView):
    """议定事项: every unit's for the office, the user's own units' for a liaison; filtered and
    paginated by Wagtail's listing (50 a page)."""

    permissions = (VIEW_ALL, REPORT_OWN_UNIT)
    header_icon = "tasks"
    paginate_by = RESOLUTIONS_PER_PAGE
    filterset_class = ResolutionFilterSet
    index_url_name = "internal_resolutions:index"
    index_results_url_name = "internal_resolutions:index_results"
    verbose_name = "议定事项"
    verbose_name_plural = "议定事项"
    columns = [
        TitleColumn(
            "requirement",
            label="工作要求",
            get_url=lambda r: reverse("internal_resolutions:progress", args=[r.pk]),
        ),
        Column("page", label="会议", accessor="page.title"),
        UnitsColumn("lead_unit", label="牵头单位（配合单位）"),
        ChineseDateColumn("deadline", label="完成时限"),
        StatusColumn("status", label="状态"),
    ]

    def get_page_title(self):
        return "议定事项（全部单位）" if sees_everything(self.request.user) else "本单位议定事项"

    def get_queryset(self):
        return visible_resolutions(self.request.user)

    invalid_filters_message = "筛选条件无效（单位或状态不存在），已显示全部议定事项。"

    @cached_property
    def no_results_message(self):
        if self.is_filtering:
            return "没有符合条件的议定事项。"
        if sees_everything(self.request.user):
            return "还没有议定事项。"
        return "您的单位目前没有承担议定事项；如有疑问请联系联席会议办公室。"


class ProgressForm(forms.Form):
    unit = forms.ModelChoiceField(queryset=None, label="报送单位", empty_label=None)
    new_status = forms.ChoiceField(label="办理状态", choices=ResolutionStatus.choices)
    text = forms.CharField(label="进展情况", widget=forms.Textarea(attrs={"rows": 6}), max_length=4000)
    attachment = forms.FileField(
        label="附件（可选）",
        required=False,
        help_text="佐证材料：PDF、Office 文档、图片或 ZIP，不超过 20 MB。",
        validators=ProgressReport._meta.get_field("attachment").validators,
    )

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


def report_progress(request, resolution_id):
    """A resolution's progress history; its units' liaisons file a new report here."""
    if not (request.user.has_perm(VIEW_ALL) or request.user.has_perm(REPORT_OWN_UNIT)):
        raise PermissionDenied
    resolution = visible_resolutions(request.user).filter(pk=resolution_id).first()
    if resolution is None:
        raise Http404("没有这项议定事项，或它不由您的单位承担。")
    own_units = request.user.member_units.filter(
        pk__in=[resolution.lead_unit_id, *resolution.co_units.values_list("pk", flat=True)]
    )
    can_report = request.user.has_perm(REPORT_OWN_UNIT) and own_units.exists()
    form = ProgressForm(
        request.POST or None,
        request.FILES or None,
        units=own_units,
        initial={"new_status": resolution.current_status},
    )
    if request.method == "POST" and can_report and form.is_valid():
        report = ProgressReport(
            resolution=resolution,
            unit=form.cleaned_data["unit"],
            author=request.user,
            text=form.cleaned_data["text"],
            new_status=form.cleaned_data["new_status"],
            attachment=form.cleaned_data["attachment"],
        )
        try:
            report.save()
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
        else:
            messages.success(request, "进展已报送，联席会议办公室可以看到。")
            return redirect(reverse("internal_resolutions:index"))
    return TemplateResponse(
        request,
        "internal/admin/report_form.html",
        {
            "resolution": resolution,
            "form": form,
            "can_report": can_report,
            "reports": resolution.reports.select_related("unit", "author"),
        },
    )


class SupervisionReportView(PermissionReportView):
    """督查督办报表 for a period of meeting dates (every open item by default): on screen,
    `?print=1` for the printable page, `?export=xlsx` for the formatted workbook."""

    permissions = (VIEW_REPORT,)
    page_title = "督查督办报表"
    header_icon = "table"
    paginate_by = 100  # 明细 rows on screen; print and XLSX have them all
    filterset_class = PeriodFilterSet
    index_url_name = "internal_resolutions:report"
    index_results_url_name = "internal_resolutions:report_results"
    results_template_name = "internal/admin/report_results.html"
    list_export = ["lead_unit.name", "page.title", "requirement", "deadline", "status_label"]
    export_headings = {
        "lead_unit.name": "牵头单位",
        "page.title": "会议",
        "requirement": "工作要求",
        "deadline": "完成时限",
        "status_label": "办理状态",
    }

    def get_queryset(self):
        return report_queryset()

    @cached_property
    def report(self):
        if not self.filters.is_valid():
            return None
        start, end = self.filters.period
        whole = self.is_export or self.request.GET.get("print") == "1"
        return summarise(self.filters.filter_queryset(report_queryset()), start, end, rows=whole)

    def get_filename(self):
        report = self.report
        return f"督查督办报表_{report.start:%Y%m%d}-{report.end:%Y%m%d}"

    def get(self, request, *args, **kwargs):
        if self.report is None:
            errors = self.filters.form.errors
            message = "；".join(e for field in errors.values() for e in field) or "请输入有效的起止日期。"
            if self.is_export:
                messages.error(request, message)
                return redirect(reverse("internal_resolutions:report"))
            response = super().get(request, *args, **kwargs)
            response.status_code = 400
            return response
        if request.GET.get("print") == "1":
            response = TemplateResponse(
                request,
                "internal/admin/report_print.html",
                {
                    "report": self.report,
                    "statuses": STATUS_COLUMNS,
                    "query": self._query(),
                    "detail_rows": self.report.totals.rows,
                },
            )
        else:
            response = super().get(request, *args, **kwargs)
        patch_cache_control(response, private=True, no_store=True, max_age=0)
        return response

    def write_xlsx_response(self, queryset):
        response = HttpResponse(report_xlsx(self.report), content_type=XLSX_TYPE)
        response["Content-Disposition"] = content_disposition_header(True, f"{self.get_filename()}.xlsx")
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            report=self.report,
            statuses=STATUS_COLUMNS,
            query=self._query(),
            detail_rows=context["object_list"],
        )
        return context

    def _query(self) -> str:
        return urlencode({k: self.request.GET[k] for k in ("start", "end") if self.request.GET.get(k)})


def _send_private(field, *, download: bool):
    try:
        handle = field.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404("文件已不存在，请联系联席会议办公室。") from None
    response = FileResponse(handle, as_attachment=download, filename=PurePosixPath(field.name).name)
    patch_cache_control(response, private=True, no_store=True, max_age=0)
    return response


def training_photo(request, photo_id, variant="original"):
    """Training photos: for those who may enter the internal section."""
    if not is_internal_member(request.user):
        raise PermissionDenied("培训照片仅联席会议成员单位可见。")
    photo = get_object_or_404(TrainingPhoto, pk=photo_id)
    field = photo.thumbnail if variant == "thumb" and photo.thumbnail else photo.image
    return _send_private(field, download=False)


def report_attachment(request, report_id):
    """A progress report's attachment: for whoever may see its resolution (its units and the office)."""
    report = get_object_or_404(ProgressReport.objects.exclude(attachment=""), pk=report_id)
    if not visible_resolutions(request.user).filter(pk=report.resolution_id).exists():
        raise Http404("没有这份附件，或它不属于您的单位。")
    return _send_private(report.attachment, download=True)
