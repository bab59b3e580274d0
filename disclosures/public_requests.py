"""依申请公开 on the public site: apply online (the acknowledgement gives a 受理编号), and look up an
application's status with that number and the last four digits of the phone given — the status and
dates only, never the application's content or the applicant."""

from django import forms
from django.conf import settings
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from home.security import ratelimit
from home.workdays import working_day_on_or_after

from .models import InformationRequest, PublishingUnit

# Lookups per client address and window (s): enough for a citizen, too few to probe numbers.
STATUS_LOOKUPS = (10, 600)  # per client address
STATUS_LOOKUPS_PER_NUMBER = (5, 3600)  # per 受理编号, from any address: its four digits cannot be walked
CONSENT_TEXT = gettext_lazy(
    "我同意本机关为办理本申请收集和使用以上个人信息（仅用于办理和答复本申请，不对外公开）。"
)


class ApplicationForm(forms.ModelForm):
    personal_info_consent = forms.BooleanField(label=CONSENT_TEXT, required=True)

    class Meta:
        model = InformationRequest
        fields = [
            "publishing_unit",
            "applicant_type",
            "applicant_name",
            "id_number",
            "phone",
            "email",
            "address",
            "description",
            "document_number",
            "delivery_form",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # this site's own units (发布机构 marked 本县机构), never another county's organs the catalogue lists
        self.fields["publishing_unit"].queryset = PublishingUnit.objects.filter(is_local=True)
        self.fields["publishing_unit"].empty_label = None
        if not (get_language() or "zh").startswith("zh"):  # the organs' names stay Chinese
            self.fields["publishing_unit"].widget.attrs["lang"] = "zh-Hans"
        self.fields["personal_info_consent"].error_messages["required"] = _("请阅读并勾选同意后再提交。")


@never_cache
def apply(request):
    """申请表: CSRF-protected, counted per client address like the other public forms."""
    form = ApplicationForm(request.POST or None)
    rate_limited = False
    if request.method == "POST":
        limit, window = settings.FORM_RATE_LIMIT
        rate_limited = ratelimit.reached(request, "information-request", limit)
        if not rate_limited and form.is_valid():
            application = form.save(commit=False)
            application.channel = "online"
            # 条例 第三十一条(三): an online application is received on the day the organ confirms it —
            # sent on a holiday or a weekend, that is the next working day
            application.received_on = working_day_on_or_after(timezone.localdate())
            application.save()
            if application.email:
                from django.db import transaction

                from .acknowledgements import send_acknowledgement

                transaction.on_commit(lambda: send_acknowledgement.enqueue(application.pk))
            ratelimit.count(request, "information-request", window)
            request.session["information_request"] = application.number
            return redirect(reverse("information_request_done"))
    status = 429 if rate_limited else 400 if form.errors else 200
    return render(
        request, "disclosures/apply.html", {"form": form, "rate_limited": rate_limited}, status=status
    )


@never_cache
def done(request):
    """The acknowledgement, once, to the browser that applied."""
    number = request.session.pop("information_request", None)
    if number is None:
        return redirect(reverse("information_request_status"))
    application = InformationRequest.objects.filter(number=number).first()
    return render(
        request, "disclosures/apply_done.html", {"application": application, "today": timezone.localdate()}
    )


class StatusForm(forms.Form):
    number = forms.CharField(label=gettext_lazy("受理编号"), max_length=20)
    phone_last_four = forms.CharField(
        label=gettext_lazy("联系电话后四位"),
        min_length=4,
        max_length=4,
        help_text=gettext_lazy("申请时填写的联系电话的最后四位数字。"),
    )


@never_cache
def status(request):
    """Status by number + the phone's last four digits, posted (the digits never in a URL, a log or
    a browser's history); lookups are limited per address and per number, and wrong pairs are
    answered alike, so numbers cannot be probed."""
    import unicodedata

    form = StatusForm(request.POST if request.method == "POST" else None)
    result, not_found, rate_limited = None, False, False
    if form.is_bound and form.is_valid():
        number = unicodedata.normalize("NFKC", form.cleaned_data["number"]).strip().upper()
        if ratelimit.limited(request, "information-request-status", *STATUS_LOOKUPS) or ratelimit.limited(
            request, "information-request-number", *STATUS_LOOKUPS_PER_NUMBER, subject=number
        ):
            rate_limited = True
        else:
            digits = unicodedata.normalize("NFKC", form.cleaned_data["phone_last_four"]).strip()
            application = InformationRequest.objects.filter(number=number).first()
            if application is not None and application.matches_phone(digits):
                result = application
            else:
                not_found = True
    response = render(
        request,
        "disclosures/apply_status.html",
        {"form": form, "result": result, "not_found": not_found, "rate_limited": rate_limited},
        status=429 if rate_limited else 200,
    )
    response["X-Robots-Tag"] = "noindex"
    return response
