"""Admin views for 督查督办: liaisons see and report on their own unit's resolutions only; the
office (联席会议办公室) sees every resolution and the whole history."""

import datetime
from functools import wraps
from pathlib import PurePosixPath

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.http import content_disposition_header, urlencode

from home.paging import paginate

from .access import is_internal_member, sees_everything, visible_resolutions
from .dashboard import DUE_SOON_DAYS
from .models import MemberUnit, ProgressReport, ResolutionStatus, TrainingPhoto
from .report import STATUS_COLUMNS, PeriodForm, build_report, report_xlsx


class ReportForm(forms.Form):
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


RESOLUTIONS_PER_PAGE = 50
STATES = [
    ("", "全部状态"),
    ("attention", "逾期和7日内到期"),
    ("overdue", "逾期"),
    *ResolutionStatus.choices,
]


class ResolutionFilter(forms.Form):
    unit = forms.ModelChoiceField(queryset=None, required=False, label="单位", empty_label="全部单位")
    state = forms.ChoiceField(choices=STATES, required=False, label="状态")

    def __init__(self, data, *, units):
        super().__init__(data)
        self.fields["unit"].queryset = units

    def apply(self, resolutions, today):
        unit, state = self.cleaned_data.get("unit"), self.cleaned_data.get("state")
        if unit:
            resolutions = resolutions.for_unit([unit])
        if state == "attention":
            resolutions = resolutions.due_by(today + datetime.timedelta(days=DUE_SOON_DAYS))
        elif state == "overdue":
            resolutions = resolutions.pending().filter(deadline__lt=today)
        elif state:
            resolutions = resolutions.filter(current=state)
        return resolutions


def resolution_list(request):
    office = sees_everything(request.user)
    units = MemberUnit.objects.all() if office else request.user.member_units.all()
    filters = ResolutionFilter(request.GET, units=units)
    resolutions = visible_resolutions(request.user)
    if filters.is_valid():
        resolutions = filters.apply(resolutions, timezone.localdate())
    else:
        messages.warning(request, "筛选条件无效（单位或状态不存在），已显示全部议定事项。")
        filters = ResolutionFilter({}, units=units)
        filters.is_valid()
    return TemplateResponse(
        request,
        "internal/admin/resolution_list.html",
        {
            "listing": paginate(request, resolutions, RESOLUTIONS_PER_PAGE),
            "filters": filters,
            "sees_everything": office,
        },
    )


def report_progress(request, resolution_id):
    resolution = visible_resolutions(request.user).filter(pk=resolution_id).first()
    if resolution is None:
        raise Http404("没有这项议定事项，或它不由您的单位承担。")
    own_units = request.user.member_units.filter(
        pk__in=[resolution.lead_unit_id, *resolution.co_units.values_list("pk", flat=True)]
    )
    form = ReportForm(
        request.POST or None,
        request.FILES or None,
        units=own_units,
        initial={"new_status": resolution.current_status},
    )
    if request.method == "POST" and form.is_valid():
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
            return redirect(reverse("internal_resolutions"))
    return TemplateResponse(
        request,
        "internal/admin/report_form.html",
        {
            "resolution": resolution,
            "form": form,
            "can_report": own_units.exists(),
            "reports": resolution.reports.select_related("unit", "author"),
        },
    )


def _send_private(field, *, download: bool):
    try:
        handle = field.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404("文件已不存在，请联系联席会议办公室。") from None
    response = FileResponse(handle, as_attachment=download, filename=PurePosixPath(field.name).name)
    patch_cache_control(response, private=True, no_store=True, max_age=0)
    return response


def training_photo(request, photo_id, variant="original"):
    """Training photos: for members of the internal groups only (the section's restriction)."""
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


def office_only(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not sees_everything(request.user):
            raise PermissionDenied("只有联席会议办公室可以查看和导出督查督办报表。")
        return view(request, *args, **kwargs)

    return wrapped


@office_only
def resolution_report(request):
    """督查督办报表 for a period of meeting dates; `?print=1` gives the printable page."""
    form = PeriodForm(request.GET)
    report = build_report(form.cleaned_data["start"], form.cleaned_data["end"]) if form.is_valid() else None
    printable = request.GET.get("print") == "1" and report is not None
    template = "internal/admin/report_print.html" if printable else "internal/admin/report.html"
    query = urlencode({k: request.GET[k] for k in ("start", "end") if request.GET.get(k)})
    return TemplateResponse(
        request,
        template,
        {"form": form, "report": report, "query": query, "statuses": STATUS_COLUMNS},
        status=200 if form.is_valid() else 400,
    )


@office_only
def resolution_report_xlsx(request):
    form = PeriodForm(request.GET)
    if not form.is_valid():
        messages.error(request, "；".join(form.errors.get("__all__", [])) or "请输入有效的起止日期。")
        return redirect(reverse("internal_report"))
    report = build_report(form.cleaned_data["start"], form.cleaned_data["end"])
    response = HttpResponse(
        report_xlsx(report),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    filename = f"督查督办报表_{report.start:%Y%m%d}-{report.end:%Y%m%d}.xlsx"
    response["Content-Disposition"] = content_disposition_header(True, filename)
    patch_cache_control(response, private=True, no_store=True, max_age=0)
    return response
