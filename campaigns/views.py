"""法律咨询 in the admin: staff who may see submissions list the consultations, oldest unanswered
first, and record each reply (the site-health check flags any left unanswered for 90 days)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from wagtail.contrib.forms.models import FormSubmission

from home.listings.paging import paginate

from .models import ConsultationReply, FormKind

PER_PAGE = 30
SUBMISSIONS_PERMISSION = "campaigns.view_form_submissions"


def can_see_submissions(user) -> bool:
    return user.is_active and user.has_perm(SUBMISSIONS_PERMISSION)


def consultations():
    return FormSubmission.objects.filter(page__formpage__kind=FormKind.CONSULTATION).select_related(
        "page", "reply"
    )


class ReplyForm(forms.ModelForm):
    class Meta:
        model = ConsultationReply
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}


def consultation_list(request):
    if not can_see_submissions(request.user):
        raise PermissionDenied
    unanswered = request.GET.get("all") != "1"
    submissions = consultations().order_by("submit_time", "pk")
    if unanswered:
        submissions = submissions.filter(reply__isnull=True)
    listing = paginate(request, submissions, PER_PAGE)
    return TemplateResponse(
        request,
        "campaigns/admin/consultations.html",
        {"listing": listing, "unanswered": unanswered, "form": ReplyForm()},
    )


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
