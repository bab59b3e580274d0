"""Middleware of the 等保二级 hardening: hostile requests answered 400 (never 500), the
Content-Security-Policy (django-csp) with the admin's allowance, Permissions-Policy, and a limit
on login attempts per address. (A database
outage is answered 503 by the error handler, home.views.server_error.)"""

from urllib.parse import unquote_to_bytes

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.db import DatabaseError
from django.http import HttpResponseBadRequest


def _hostile(raw: str) -> bool:
    """A NUL byte or bytes that are not UTF-8 in the (still percent-encoded) query string."""
    data = unquote_to_bytes(raw)
    if b"\x00" in data:
        return True
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False


class RejectBadRequestsMiddleware:
    """A NUL byte or invalid UTF-8 in the query string or path is refused with 400 before any view
    (PostgreSQL cannot store NUL; every view would otherwise need its own guard)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        raw_query = request.META.get("QUERY_STRING", "")
        if "\x00" in request.path or _hostile(raw_query) or "%00" in request.path_info:
            return HttpResponseBadRequest(
                "请求中含有无法处理的字符（例如空字符或非 UTF-8 编码），请检查网址后重试。".encode(),
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)


def database_down() -> bool:
    """True when the database does not answer a fresh connection (not merely a failed query)."""
    from django.db import connection

    try:
        connection.close()
        connection.ensure_connection()
    except DatabaseError:
        return True
    return False


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware; under /admin/ the policy is widened by
    CONTENT_SECURITY_POLICY_ADMIN_EXTRA (Wagtail 8 has no nonce support)."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if request.path_info.startswith("/admin/"):
            extra = {
                key: list(values) for key, values in settings.CONTENT_SECURITY_POLICY_ADMIN_EXTRA.items()
            }
            parts.update = {**(parts.update or {}), **extra}
            # the page preview is a frame of the admin itself
            parts.replace = {**(parts.replace or {}), "frame-ancestors": ["'self'"]}
        return parts


class PermissionsPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        # Wagtail's document download sets Content-Encoding to the guessed encoding, which for a PDF
        # or a spreadsheet is None — sent as the literal header "Content-Encoding: None"
        if response.get("Content-Encoding") == "None":
            del response["Content-Encoding"]
        return response


LOGIN_PATHS = ("/admin/login/", "/_util/login/")


class LoginRateLimitMiddleware:
    """Failed logins, counted when they fail (security.audit.on_login_failed): per client address a
    high ceiling (LOGIN_RATE_LIMIT — one address spraying many names; an office behind one NAT address
    logging in is never stopped), per account from any address a lower one (LOGIN_ACCOUNT_RATE_LIMIT).
    django-axes locks one account at one address (LOGIN_FAILURE_LIMIT)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST" and request.path_info in LOGIN_PATHS:
            from django.shortcuts import render

            from home.security import ratelimit

            account = ratelimit.login_account(request.POST.get("username", ""))
            context = None
            if ratelimit.reached(request, "login-failed", settings.LOGIN_RATE_LIMIT[0]):
                context = {"minutes": settings.LOGIN_RATE_LIMIT[1] // 60}
            elif account and ratelimit.reached(
                request, "login-account", settings.LOGIN_ACCOUNT_RATE_LIMIT[0], subject=account
            ):
                context = {"minutes": settings.LOGIN_ACCOUNT_RATE_LIMIT[1] // 60, "account": True}
            if context:
                return render(request, "home/login_rate_limited.html", context, status=429)
            response = self.get_response(request)
            if request.user.is_authenticated and hasattr(request, "session"):
                request.session.set_expiry(0)  # 记住我 or not: the session ends with the browser
            return response
        return self.get_response(request)


RESET_PATH = "/admin/password_reset/"


class PasswordResetGuardMiddleware:
    """Password-reset mails: at most PASSWORD_RESET_RATE_LIMIT per client address and per e-mail
    address (a flood of reset mails to one person, or from one address, stops); the answer is the
    same "sent" page either way, so nobody learns whether an address has an account. Every request
    and every completed reset goes into the security log."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        if request.method == "POST" and path == RESET_PATH:
            from django.shortcuts import redirect

            from home.security import audit, ratelimit

            email = request.POST.get("email", "").strip().lower()[:254]
            limit = settings.PASSWORD_RESET_RATE_LIMIT
            flooded = ratelimit.limited(request, "reset", *limit) or bool(
                email and ratelimit.limited(request, "reset-account", *limit, subject=email)
            )
            audit.record(
                "reset_req", request, username=email, detail="超过频率限制，未发送邮件" if flooded else ""
            )
            if flooded:
                return redirect("wagtailadmin_password_reset_done")
        response = self.get_response(request)
        if (
            request.method == "POST"
            and path.startswith(f"{RESET_PATH}confirm/")
            and response.status_code == 302
            and response.get("Location", "").endswith(f"{RESET_PATH}complete/")
        ):
            from home.security import audit

            audit.record("reset_done", request, user=_reset_user(path), detail="通过邮件中的链接重设了密码")
        return response


def _reset_user(path: str):
    """The account a reset link names: /admin/password_reset/confirm/<uidb64>/set-password/."""
    from django.contrib.auth import get_user_model
    from django.utils.http import urlsafe_base64_decode

    try:
        uid = urlsafe_base64_decode(path[len(f"{RESET_PATH}confirm/") :].split("/")[0]).decode()
        return get_user_model().objects.filter(pk=uid).first()
    except (ValueError, UnicodeDecodeError):
        return None
