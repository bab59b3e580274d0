"""Optional two-factor login for staff (STAFF_TWO_FACTOR=true; 等保三级 requires it, 二级 does not):
after the password, a six-digit code from an authenticator app (TOTP, django-otp). The first time,
the staff member scans a QR code and confirms one code; afterwards every login asks for a code."""

import base64
from urllib.parse import urlencode

import segno
from django import forms
from django.conf import settings
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

# Reachable before the code: the code pages themselves, logging in and out, static files.
EXEMPT = (
    "/admin/two-factor/",
    "/admin/logout/",
    "/admin/login/",
    "/_util/login/",
    "/static/",
    "/admin/jsi18n/",
)


class CodeForm(forms.Form):
    code = forms.RegexField(
        label="动态验证码",
        regex=r"^\s*\d{6}\s*$",
        max_length=12,
        error_messages={"invalid": "请输入验证器上显示的 6 位数字。", "required": "请输入 6 位动态验证码。"},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


def _next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or reverse("wagtailadmin_home")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return reverse("wagtailadmin_home")
    return target


class TwoFactorMiddleware:
    """With STAFF_TWO_FACTOR on, a logged-in user reaches nothing (the admin, the internal section)
    until verified by a code."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        path = request.path_info
        if (
            settings.STAFF_TWO_FACTOR
            and not path.startswith(EXEMPT)
            and user is not None
            and user.is_authenticated
            and not user.is_verified()
        ):
            from django_otp import user_has_device

            step = "two_factor:verify" if user_has_device(user) else "two_factor:setup"
            return redirect(f"{reverse(step)}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)


def setup(request):
    """Scan the QR code, enter one code: the authenticator is confirmed and this session verified."""
    from django_otp import login as otp_login
    from django_otp.plugins.otp_totp.models import TOTPDevice

    if not request.user.is_authenticated:
        return redirect("wagtailadmin_login")
    device = TOTPDevice.objects.filter(
        user=request.user, confirmed=False
    ).first() or TOTPDevice.objects.create(user=request.user, name="身份验证器", confirmed=False)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"].strip()):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            return redirect(_next(request))
        form.add_error("code", "验证码不正确，请确认手机时间准确后输入最新的 6 位数字。")
    qr = segno.make(device.config_url, error="m").svg_data_uri(scale=4, border=2)
    secret = base64.b32encode(device.bin_key).decode()
    return render(
        request,
        "home/two_factor.html",
        {"form": form, "qr": qr, "secret": secret, "setup": True, "next": _next(request)},
    )


def verify(request):
    from django_otp import login as otp_login
    from django_otp import match_token

    if not request.user.is_authenticated:
        return redirect("wagtailadmin_login")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(request.user, form.cleaned_data["code"].strip())
        if device is not None:
            otp_login(request, device)
            return redirect(_next(request))
        form.add_error("code", "验证码不正确或已过期，请输入验证器上最新的 6 位数字。")
    return render(request, "home/two_factor.html", {"form": form, "setup": False, "next": _next(request)})
