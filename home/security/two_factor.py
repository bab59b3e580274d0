"""Optional two-factor login for staff (STAFF_TWO_FACTOR=true; 等保三级 requires it, 二级 does not):
after the password, a six-digit code from an authenticator app (TOTP, django-otp). The first time,
the staff member scans a QR code and confirms one code; afterwards every login asks for a code.

A password alone never enrols an authenticator: setup opens without a code only while the account
has no confirmed one. Adding or replacing one needs a session already verified by a code (the new
one then replaces the old), or an administrator's reset (两步验证重置, in the user list or
`manage.py reset_two_factor`), which the security log records. Each secret is shown once: every
visit to setup makes a new one, and only the device this session was shown can be confirmed."""

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


PENDING = "fjld_two_factor_pending"  # the id of the device whose secret this session was shown


def _confirmed(user):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return TOTPDevice.objects.filter(user=user, confirmed=True)


def setup(request):
    """Scan the QR code, enter one code: the authenticator is confirmed and this session verified."""
    from django_otp import login as otp_login
    from django_otp.plugins.otp_totp.models import TOTPDevice

    if not request.user.is_authenticated:
        return redirect("wagtailadmin_login")
    replacing = _confirmed(request.user).exists()
    if replacing and not request.user.is_verified():
        # the password alone: prove the authenticator already bound, then come back to replace it
        return redirect(f"{reverse('two_factor:verify')}?{urlencode({'next': request.get_full_path()})}")
    form = CodeForm(request.POST or None)
    if request.method == "POST":
        device = TOTPDevice.objects.filter(
            pk=request.session.get(PENDING), user=request.user, confirmed=False
        ).first()
        if device is None:
            form.is_valid()
            form.add_error(None, "这个二维码已失效（页面已刷新或已在别处打开）。请扫描下面新的二维码。")
        elif form.is_valid() and device.verify_token(form.cleaned_data["code"].strip()):
            _confirm(request, device, replacing)
            otp_login(request, device)
            return redirect(_next(request))
        else:
            if form.is_valid():
                form.add_error("code", "验证码不正确，请确认手机时间准确后输入最新的 6 位数字。")
            # the secret is not shown again: the code of the one just scanned, or a new one on reload
            return _setup_page(request, form, replacing, secret=None, status=400)
    return _setup_page(
        request, form, replacing, secret=_new_device(request), status=200 if request.method == "GET" else 400
    )


def _new_device(request):
    """A fresh unconfirmed device for this session; any other unconfirmed one is dropped, so a
    secret once shown can no longer be confirmed from another page or session."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.filter(user=request.user, confirmed=False).delete()
    device = TOTPDevice.objects.create(user=request.user, name="身份验证器", confirmed=False)
    request.session[PENDING] = device.pk
    return device


def _setup_page(request, form, replacing, *, secret, status):
    context = {"form": form, "setup": True, "replacing": replacing, "next": _next(request)}
    if secret is not None:
        context["qr"] = segno.make(secret.config_url, error="m").svg_data_uri(scale=4, border=2)
        context["secret"] = base64.b32encode(secret.bin_key).decode()
    response = render(request, "home/two_factor.html", context, status=status)
    response["Cache-Control"] = "no-store"
    return response


def _confirm(request, device, replacing: bool) -> None:
    from django.db import transaction

    from home.security.audit import record

    with transaction.atomic():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        _confirmed(request.user).exclude(pk=device.pk).delete()  # a replacement: the old one goes
        request.session.pop(PENDING, None)
        record(
            "otp_added",
            request,
            user=request.user,
            detail="更换了身份验证器（原验证器已失效）" if replacing else "绑定了身份验证器",
        )


def may_reset(request_user) -> bool:
    return request_user.is_superuser


def reset(request, user_id):
    """An administrator removes a user's authenticators (a lost phone): at the next login they enrol
    a new one. Confirmed on a page of its own; recorded in the security log."""
    from django.contrib import messages
    from django.contrib.auth import get_user_model
    from django.core.exceptions import PermissionDenied
    from django.shortcuts import get_object_or_404

    if not may_reset(request.user):
        raise PermissionDenied
    if settings.STAFF_TWO_FACTOR and not request.user.is_verified():  # these pages skip the middleware
        return redirect(f"{reverse('two_factor:verify')}?{urlencode({'next': request.get_full_path()})}")
    target = get_object_or_404(get_user_model(), pk=user_id)
    if request.method == "POST":
        removed = reset_devices(target, request=request, actor=request.user)
        messages.success(
            request,
            f"已重置 {target.get_username()} 的两步验证（删除 {removed} 个身份验证器），其下次登录时须重新绑定。",
        )
        return redirect("wagtailusers_users:index")
    return render(
        request, "home/two_factor_reset.html", {"target": target, "devices": _confirmed(target).count()}
    )


def reset_devices(user, *, request=None, actor=None, via: str = "") -> int:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from home.security.audit import record

    removed, _ = TOTPDevice.objects.filter(user=user).delete()
    who = actor.get_username() if actor is not None else (via or "管理员")
    record("otp_reset", request, user=user, detail=f"{who} 重置了两步验证，删除 {removed} 个身份验证器")
    return removed


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
