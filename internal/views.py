"""Admin views for 督查督办: liaisons see and report on their own unit's resolutions only; the
office (联席会议办公室) sees every resolution and the whole history."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse

from home.roles import OFFICE

from .models import ProgressReport, Resolution, ResolutionStatus


def sees_everything(user) -> bool:
    return user.is_superuser or user.groups.filter(name=OFFICE).exists()


def visible_resolutions(user):
    resolutions = Resolution.objects.of_live_meetings()
    if not sees_everything(user):
        resolutions = resolutions.for_unit(user.member_units.all())
    return (
        resolutions.with_progress()
        .select_related("lead_unit", "page")
        .prefetch_related("co_units")
        .order_by("deadline", "pk")
    )


class ReportForm(forms.Form):
    unit = forms.ModelChoiceField(queryset=None, label="报送单位", empty_label=None)
    new_status = forms.ChoiceField(label="办理状态", choices=ResolutionStatus.choices)
    text = forms.CharField(label="进展情况", widget=forms.Textarea(attrs={"rows": 6}), max_length=4000)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


def resolution_list(request):
    return TemplateResponse(
        request,
        "internal/admin/resolution_list.html",
        {"resolutions": visible_resolutions(request.user), "sees_everything": sees_everything(request.user)},
    )


def report_progress(request, resolution_id):
    resolution = visible_resolutions(request.user).filter(pk=resolution_id).first()
    if resolution is None:
        raise Http404("没有这项议定事项，或它不由您的单位承担。")
    own_units = request.user.member_units.filter(
        pk__in=[resolution.lead_unit_id, *resolution.co_units.values_list("pk", flat=True)]
    )
    form = ReportForm(
        request.POST or None, units=own_units, initial={"new_status": resolution.current_status}
    )
    if request.method == "POST" and form.is_valid():
        report = ProgressReport(
            resolution=resolution,
            unit=form.cleaned_data["unit"],
            author=request.user,
            text=form.cleaned_data["text"],
            new_status=form.cleaned_data["new_status"],
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
