"""法律咨询 in the admin, as a Wagtail report: staff who may see submissions list the consultations,
oldest first (unanswered ones unless they ask for all), and record each reply in its row (the
site-health check flags any left unanswered for 90 days)."""

import django_filters
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from wagtail.admin.ui.tables import Column
from wagtail.contrib.forms.models import FormSubmission

from home.admin_viewsets import PermissionReportView

from .models import ConsultationReply, FormKind

PER_PAGE = 30
SUBMISSIONS_PERMISSION = "campaigns.view_form_submissions"


def can_see_submissions(user) -> bool:
    return user.is_active and user.has_perm(SUBMISSIONS_PERMISSION)


def consultations():
    return FormSubmission.objects.filter(page__formpage__kind=FormKind.CONSULTATION).select_related(
        "page", "reply__replied_by"
    )


class ReplyForm(forms.ModelForm):
    class Meta:
        model = ConsultationReply
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}


class ConsultationFilterSet(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        label="答复情况",
        choices=[("answered", "已答复"), ("all", "全部")],
        empty_label="未答复",
        method="filter_status",
    )

    class Meta:
        model = FormSubmission
        fields = []

    def filter_status(self, queryset, name, value):
        return queryset.filter(reply__isnull=False) if value == "answered" else queryset


class SubmittedColumn(Column):
    cell_template_name = "campaigns/admin/cells/submitted.html"


class ConsultationColumn(Column):
    cell_template_name = "campaigns/admin/cells/consultation.html"


class ReplyColumn(Column):
    cell_template_name = "campaigns/admin/cells/reply.html"


class ConsultationReportView(PermissionReportView):
    """法律咨询答复: each consultation with what was asked and its reply, or a form to record one."""

    permissions = (SUBMISSIONS_PERMISSION,)
    page_title = "法律咨询答复"
    header_icon = "help"
    index_url_name = "consultations:index"
    index_results_url_name = "consultations:results"
    filterset_class = ConsultationFilterSet
    paginate_by = PER_PAGE
    columns = [
        Column("page", label="咨询入口", accessor="page"),
        SubmittedColumn("submit_time", label="提交时间"),
        ConsultationColumn("form_data", label="咨询内容"),
        ReplyColumn("reply", label="答复"),
    ]

    def get_queryset(self):
        return consultations().order_by("submit_time", "pk")

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        status = (
            self.filters.form.cleaned_data.get("status") if self.filters and self.filters.is_valid() else ""
        )
        return queryset if status else queryset.filter(reply__isnull=True)

    invalid_filters_message = "筛选条件无效，已显示未答复的咨询。"

    @cached_property
    def no_results_message(self):
        return "没有已答复的咨询。" if self.is_filtering else "没有待答复的咨询。"


def reply_to_consultation(request, submission_id):
    if not can_see_submissions(request.user) or request.method != "POST":
        raise PermissionDenied
    submission = get_object_or_404(consultations(), pk=submission_id)
    if hasattr(submission, "reply"):
        messages.warning(request, "这条咨询已经答复过了。")
        return redirect(reverse("consultations:index"))
    form = ReplyForm(request.POST)
    if form.is_valid():
        form.instance.submission = submission
        form.instance.replied_by = request.user
        form.save()
        messages.success(request, "已记录答复。")
    else:
        messages.error(request, "请填写答复内容（4000字以内）。")
    return redirect(reverse("consultations:index"))
