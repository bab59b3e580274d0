"""等保二级: login lockout on every login form, the real client address, the password policy, idle
sessions, the security audit log, CSP and Permissions-Policy."""

import datetime

import pytest
import time_machine
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import RequestFactory, override_settings

from home.models import SecurityEvent
from home.security.client_ip import client_ip
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
GOOD = "Fjld-审核-2026"
LOGIN_FORMS = ["/admin/login/", "/_util/login/"]


@pytest.fixture
def officer(site_tree):
    user = UserFactory(username="officer", groups=["宣传人员"])
    user.set_password(GOOD)
    user.save()
    return user


def _post(client, url, password, username="officer", **extra):
    return client.post(url, {"username": username, "password": password}, **extra)


@pytest.mark.parametrize("url", LOGIN_FORMS)
def test_the_sixth_try_is_locked_and_even_the_right_password_is_refused(client, officer, url):
    for _ in range(4):
        assert _post(client, url, "wrong-password").status_code == 200  # the form again, with its error
    locked = _post(client, url, "wrong-password")  # the fifth failure locks this user at this address
    assert locked.status_code == 429
    refused = _post(client, url, GOOD)
    assert refused.status_code == 429
    html = refused.content.decode()
    assert "账号已暂时锁定" in html and "30 分钟" in html and "连续 5 次" in html
    assert "_auth_user_id" not in client.session
    kinds = list(SecurityEvent.objects.values_list("kind", flat=True))
    assert kinds.count("failed") >= 5 and "locked" in kinds and "login" not in kinds


def test_the_lock_lifts_after_30_minutes_and_an_administrator_can_unlock(client, officer, admin_client):
    for _ in range(5):
        _post(client, "/admin/login/", "wrong-password")
    with time_machine.travel(datetime.datetime.now(datetime.UTC) + datetime.timedelta(minutes=31)):
        assert _post(client, "/admin/login/", GOOD).status_code == 302  # cooled off
    client.logout()
    for _ in range(5):
        _post(client, "/admin/login/", "wrong-password")
    listing = admin_client.get("/admin/lockouts/")
    assert "officer" in listing.content.decode()
    from axes.models import AccessAttempt

    attempt = AccessAttempt.objects.get(username="officer")
    admin_client.post("/admin/lockouts/", {"attempt": attempt.pk})
    assert _post(client, "/admin/login/", GOOD).status_code == 302


def test_a_spoofed_forwarded_for_changes_nothing_without_a_trusted_proxy(client, officer):
    for n in range(5):
        _post(client, "/admin/login/", "wrong-password", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}")
    assert _post(client, "/admin/login/", GOOD, HTTP_X_FORWARDED_FOR="198.51.100.77").status_code == 429
    assert set(SecurityEvent.objects.values_list("ip_address", flat=True)) == {"127.0.0.1"}


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_one_proxy_each_citizen_has_their_own_address(client, officer):
    for _ in range(5):
        _post(client, "/admin/login/", "wrong-password", HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert _post(client, "/admin/login/", GOOD, HTTP_X_FORWARDED_FOR="203.0.113.9").status_code == 429
    assert _post(client, "/admin/login/", GOOD, HTTP_X_FORWARDED_FOR="198.51.100.77").status_code == 302


@pytest.mark.parametrize(
    ("hops", "forwarded", "remote", "expected"),
    [
        (0, None, "192.0.2.1", "192.0.2.1"),
        (0, "203.0.113.9", "192.0.2.1", "192.0.2.1"),  # nothing in front: the header is ignored
        (1, "203.0.113.9", "127.0.0.1", "203.0.113.9"),  # nginx overwrote the header
        (1, "6.6.6.6, 203.0.113.9", "127.0.0.1", "203.0.113.9"),  # nginx appended; the client's part ignored
        (2, "6.6.6.6, 203.0.113.9, 10.0.0.2", "127.0.0.1", "203.0.113.9"),  # a balancer, then nginx
        (1, None, "127.0.0.1", "127.0.0.1"),  # not through the proxy after all
        (1, "not-an-address", "127.0.0.1", "127.0.0.1"),
        (1, " 2001:db8::1 ", "127.0.0.1", "2001:db8::1"),
        (2, "203.0.113.9", "127.0.0.1", "127.0.0.1"),  # fewer entries than proxies: the socket
    ],
)
def test_client_address_table(settings, hops, forwarded, remote, expected):
    settings.TRUSTED_PROXY_COUNT = hops
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    assert client_ip(RequestFactory().get("/", **meta)) == expected


@pytest.mark.parametrize(
    "password",
    ["123456", "password1", "1", "1234567890123", "abcdefghijkl", "Abcdefghijkl", "officer2026!!", "Aa1!"],
)
def test_weak_passwords_are_refused_in_chinese(password, officer):
    from django.utils import translation

    with translation.override("zh-hans"), pytest.raises(ValidationError) as refused:
        validate_password(password, user=officer)
    assert any(ch >= "\u4e00" for message in refused.value.messages for ch in message)


@pytest.mark.parametrize("password", [GOOD, "Xuanchuan#2026", "县司法局Reviewer9"])
def test_strong_passwords_pass(password, officer):
    validate_password(password, user=officer)


def test_the_admin_forms_apply_the_policy(admin_client, officer):
    response = admin_client.post(
        "/admin/users/new/",
        {"username": "newstaff", "email": "n@example.gov.cn", "first_name": "新", "last_name": "员工",
         "password1": "123456", "password2": "123456"},
    )  # fmt: skip
    assert response.status_code == 200 and "newstaff" not in str(
        officer.__class__.objects.values_list("username")
    )
    assert "这个密码太常见了" in response.content.decode() or "密码" in response.content.decode()
    admin_client.force_login(officer)
    response = admin_client.post(
        "/admin/account/change_password/",
        {"old_password": GOOD, "new_password1": "1", "new_password2": "1"},
    )
    officer.refresh_from_db()
    assert officer.check_password(GOOD)


def test_an_idle_staff_session_expires_and_ends_with_the_browser(client, officer):
    start = datetime.datetime(2026, 11, 20, 1, 0, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False):
        response = _post(client, "/admin/login/", GOOD)
        assert response.status_code == 302
        cookie = response.cookies["sessionid"]
        assert not cookie["max-age"] and not cookie["expires"]  # ends when the browser closes
    with time_machine.travel(start + datetime.timedelta(minutes=25), tick=False):
        assert client.get("/admin/").status_code == 200  # active: the 30 minutes start again
    with time_machine.travel(start + datetime.timedelta(minutes=50), tick=False):
        assert client.get("/admin/").status_code == 200
    with time_machine.travel(start + datetime.timedelta(minutes=81), tick=False):
        response = client.get("/admin/")
        assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_logins_failures_and_logouts_are_in_the_security_log(client, officer, admin_client):
    _post(client, "/admin/login/", "wrong-password", HTTP_USER_AGENT="Mozilla/5.0 测试")
    _post(client, "/admin/login/", GOOD)
    client.post("/admin/logout/")
    events = list(
        SecurityEvent.objects.filter(username="officer")
        .order_by("at", "pk")
        .values_list("kind", "username", "ip_address")
    )
    assert events == [
        ("failed", "officer", "127.0.0.1"),
        ("login", "officer", "127.0.0.1"),
        ("logout", "officer", "127.0.0.1"),
    ]
    html = admin_client.get("/admin/reports/security-log/").content.decode()
    assert "登录失败" in html and "退出登录" in html and "officer" in html
    client.force_login(officer)
    assert client.get("/admin/reports/security-log/").status_code == 302  # administrators only


def test_the_security_log_is_kept_at_least_180_days(settings, officer):
    from home.security.audit import purge_security_log

    now = datetime.datetime.now(datetime.UTC)
    old = SecurityEvent.objects.create(
        kind="login", username="officer", at=now - datetime.timedelta(days=200)
    )
    recent = SecurityEvent.objects.create(
        kind="login", username="officer", at=now - datetime.timedelta(days=170)
    )
    settings.SECURITY_LOG_RETENTION_DAYS = 30  # too short: 180 applies
    assert purge_security_log() == 1
    assert not SecurityEvent.objects.filter(pk=old.pk).exists()
    assert SecurityEvent.objects.filter(pk=recent.pk).exists()


def test_public_pages_carry_a_strict_policy_and_the_admin_its_own(client, site_tree, admin_client):
    public = client.get("/")
    policy = public["Content-Security-Policy"]
    assert (
        "script-src 'self'" in policy and "unsafe-inline" not in policy and "frame-ancestors 'none'" in policy
    )
    assert "camera=()" in public["Permissions-Policy"]
    admin = admin_client.get("/admin/")
    assert "'unsafe-inline'" in admin["Content-Security-Policy"]
    assert "frame-ancestors 'self'" in admin["Content-Security-Policy"]


def test_no_public_template_has_inline_script_or_style():
    """Public templates (not the admin's) load scripts and styles from files only, so the strict
    policy holds: no <script> without src, no on…= handlers, no <style>, no style= attributes."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "templates"
    offenders = []
    for path in root.rglob("*.html"):
        if "admin" in path.relative_to(root).parts:
            continue
        text = path.read_text(encoding="utf-8")
        for pattern in (r"<script(?![^>]*\bsrc=)[^>]*>", r"\son[a-z]+\s*=", r"<style\b", r"\sstyle\s*="):
            if re.search(pattern, text, re.IGNORECASE):
                offenders.append(f"{path.relative_to(root)}: {pattern}")
    assert offenders == []


def _code(device) -> str:
    from django_otp.oath import TOTP

    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():06d}"


def test_two_factor_is_off_by_default(client, officer):
    assert _post(client, "/admin/login/", GOOD).status_code == 302
    assert client.get("/admin/").status_code == 200


@override_settings(STAFF_TWO_FACTOR=True)
def test_with_two_factor_on_staff_enrol_once_then_give_a_code_at_every_login(client, officer, site_tree):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    _post(client, "/admin/login/", GOOD)
    response = client.get("/admin/pages/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/two-factor/setup/")
    assert client.get(site_tree["internal"].url).status_code == 302  # nothing else either, until verified
    page = client.get(response["Location"]).content.decode()
    assert "设置双因素登录" in page and "data:image/svg+xml" in page
    device = TOTPDevice.objects.get(user=officer)
    wrong = client.post("/admin/two-factor/setup/", {"code": "000000", "next": "/admin/pages/"})
    assert "验证码不正确" in wrong.content.decode()
    with time_machine.travel(datetime.datetime.now(datetime.UTC) + datetime.timedelta(seconds=3)):
        # a wrong code slows the next try (django-otp's throttling); then the right one is taken
        ok = client.post("/admin/two-factor/setup/", {"code": _code(device), "next": "/admin/pages/"})
        assert ok.status_code == 302 and ok["Location"] == "/admin/pages/"
        assert client.get("/admin/").status_code == 200
    device.refresh_from_db()
    assert device.confirmed

    client.post("/admin/logout/")
    _post(client, "/admin/login/", GOOD)
    response = client.get("/admin/")
    assert response["Location"].startswith("/admin/two-factor/verify/")
    assert (
        client.post("/admin/two-factor/verify/", {"code": "12ab"}).status_code == 200
    )  # refused, form again
    with time_machine.travel(datetime.datetime.now(datetime.UTC) + datetime.timedelta(seconds=64)):
        ok = client.post(
            "/admin/two-factor/verify/", {"code": _code(device), "next": "https://evil.example/"}
        )
        assert ok.status_code == 302 and ok["Location"] == "/admin/"  # never off-site
        assert client.get("/admin/").status_code == 200


@pytest.mark.parametrize(
    ("proxies", "remote", "expected"),
    [
        (
            ["127.0.0.1", "::1"],
            "192.0.2.50",
            "192.0.2.50",
        ),  # straight to gunicorn: the header is not believed
        (["127.0.0.1", "::1"], "127.0.0.1", "203.0.113.9"),  # from the local nginx
        (["127.0.0.1", "::1"], "::1", "203.0.113.9"),
        (["10.0.0.0/8"], "10.1.2.3", "203.0.113.9"),  # a proxy on the office network
        (["10.0.0.0/8"], "127.0.0.1", "127.0.0.1"),
        ([], "127.0.0.1", "127.0.0.1"),  # nobody trusted
        (["not-a-network", "127.0.0.1"], "127.0.0.1", "203.0.113.9"),  # a typo trusts nothing more
    ],
)
def test_the_forwarded_address_is_believed_only_from_a_trusted_proxy(settings, proxies, remote, expected):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.TRUSTED_PROXIES = proxies
    request = RequestFactory().get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert client_ip(request) == expected


def test_an_office_behind_one_address_logs_in_all_morning(client, site_tree):
    """Forty staff behind one NAT address log in, a few mistyping once: nobody is stopped."""
    for n in range(40):
        user = UserFactory(username=f"staff{n}", groups=["宣传人员"])
        user.set_password(GOOD)
        user.save()
        if n % 8 == 0:
            assert _post(client, "/admin/login/", "typo-Fjld-2026", username=f"staff{n}").status_code == 200
        assert _post(client, "/admin/login/", GOOD, username=f"staff{n}").status_code == 302, n
        client.post("/admin/logout/")


def test_one_account_guessed_from_many_addresses_is_paused(client, officer, settings):
    settings.LOGIN_ACCOUNT_RATE_LIMIT = (6, 900)
    for n in range(6):
        _post(client, "/admin/login/", "wrong-password", REMOTE_ADDR=f"198.51.100.{n + 1}")
    refused = _post(client, "/admin/login/", GOOD, REMOTE_ADDR="198.51.100.99")
    assert refused.status_code == 429 and "这个账号" in refused.content.decode()
    other = UserFactory(username="colleague", groups=["宣传人员"])
    other.set_password(GOOD)
    other.save()
    assert _post(
        client, "/admin/login/", GOOD, username="Colleague ", REMOTE_ADDR="198.51.100.1"
    ).status_code in {200, 302}
    assert (
        _post(client, "/admin/login/", GOOD, username=" OFFICER", REMOTE_ADDR="198.51.100.99").status_code
        == 429
    )


def test_one_address_trying_many_names_is_slowed_down(client, officer, settings):
    settings.LOGIN_RATE_LIMIT = (8, 600)
    for n in range(8):
        assert _post(client, "/admin/login/", "wrong-password", username=f"guess{n}").status_code == 200
    refused = _post(client, "/admin/login/", GOOD)
    assert refused.status_code == 429 and "登录尝试过于频繁" in refused.content.decode()


def test_a_hostile_request_s_400_carries_the_security_headers(client):
    response = client.get("/search/?q=%00")
    assert response.status_code == 400
    for header in (
        "Content-Security-Policy",
        "X-Frame-Options",
        "X-Content-Type-Options",
        "Permissions-Policy",
    ):
        assert response.has_header(header), header


def test_remember_me_does_not_outlive_the_browser(client, officer):
    page = client.get("/admin/login/").content.decode()
    assert 'name="remember"' not in page  # no box that would promise otherwise
    response = client.post("/admin/login/", {"username": "officer", "password": GOOD, "remember": "on"})
    assert response.status_code == 302
    assert client.session.get_expire_at_browser_close()
