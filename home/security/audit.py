"""The security audit log (登录、退出、失败、锁定) and the lockout page. Receivers are connected in
HomeConfig.ready(); django-axes counts the failures and refuses the locked user+address."""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.shortcuts import render

from home.security.client_ip import client_ip

USERNAME_MAX = 150


def record(kind: str, request=None, *, user=None, username: str = "", detail: str = "") -> None:
    from home.models import SecurityEvent

    meta = getattr(request, "META", {}) if request is not None else {}
    SecurityEvent.objects.create(
        kind=kind,
        user=user if getattr(user, "pk", None) else None,
        username=(username or getattr(user, "username", "") or "")[:USERNAME_MAX].replace("\x00", ""),
        ip_address=client_ip(request) if meta.get("REMOTE_ADDR") else None,
        user_agent=meta.get("HTTP_USER_AGENT", "")[:300].replace("\x00", ""),
        path=(getattr(request, "path", "") or "")[:300],
        detail=detail[:200],
    )


@receiver(user_logged_in, dispatch_uid="fjld-security-login")
def on_login(sender, request, user, **kwargs):
    record("login", request, user=user)


@receiver(user_logged_out, dispatch_uid="fjld-security-logout")
def on_logout(sender, request, user, **kwargs):
    if user is not None:
        record("logout", request, user=user)


@receiver(user_login_failed, dispatch_uid="fjld-security-failed")
def on_login_failed(sender, credentials, request=None, **kwargs):
    """Logged, and counted against the address and the account (LoginRateLimitMiddleware)."""
    from django.conf import settings

    from home.security import ratelimit

    username = str(credentials.get("username", ""))
    record("failed", request, username=username)
    if request is not None:
        ratelimit.count(request, "login-failed", settings.LOGIN_RATE_LIMIT[1])
        if ratelimit.login_account(username):
            ratelimit.count(
                request,
                "login-account",
                settings.LOGIN_ACCOUNT_RATE_LIMIT[1],
                subject=ratelimit.login_account(username),
            )


def on_locked_out(sender, request, username, ip_address, **kwargs):
    record("locked", request, username=username or "")


def connect_lockout():
    """django-axes' signal module imports its models: connected from ready(), not at import."""
    from axes.signals import user_locked_out

    user_locked_out.connect(on_locked_out, dispatch_uid="fjld-security-locked")


def axes_username(request, credentials) -> str:
    """AXES_USERNAME_CALLABLE: the name as typed, cut to what a user name can be and without NUL —
    Django's login form does not enforce the length, and a 200,000-character "name" must neither
    overflow axes' table nor give a 500."""
    source = credentials if credentials else getattr(request, "POST", {})
    return str(source.get("username", "") or "")[:USERNAME_MAX].replace("\x00", "")


def lockout_response(request, original_response, credentials, *args, **kwargs):
    """AXES_LOCKOUT_CALLABLE: a Chinese page, status 429, on every login form."""
    from django.conf import settings

    minutes = round(settings.AXES_COOLOFF_TIME * 60)
    context = {"failure_limit": settings.AXES_FAILURE_LIMIT, "minutes": minutes}
    return render(request, "home/locked_out.html", context, status=429)


def purge_security_log() -> int:
    """Daily: drop events older than SECURITY_LOG_RETENTION_DAYS (never fewer than 180)."""
    import datetime

    from django.conf import settings
    from django.utils import timezone

    from home.models import SecurityEvent

    days = max(settings.SECURITY_LOG_RETENTION_DAYS, 180)
    cutoff = timezone.now() - datetime.timedelta(days=days)
    return SecurityEvent.objects.filter(at__lt=cutoff).delete()[0]
