"""Two-factor login holds (issue 25): a password alone never enrols an authenticator, a secret is
shown once, replacing one needs a verified session, an administrator's reset is logged."""

import datetime
import re

import pytest
import time_machine
from django.core.management import call_command
from django.test import Client, override_settings
from django_otp.plugins.otp_totp.models import TOTPDevice

from home.models import SecurityEvent
from tests.factories import UserFactory
from tests.home.test_security import GOOD, _code, _post

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_tree")]
SETUP, VERIFY = "/admin/two-factor/setup/", "/admin/two-factor/verify/"


@pytest.fixture
def officer():
    user = UserFactory(username="officer", is_superuser=True)
    user.set_password(GOOD)
    user.save()
    return user


def _bound(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="旧手机", confirmed=True)


def _later(seconds):
    """django-otp refuses a code from a step already used; each step is 30 s."""
    return time_machine.travel(datetime.datetime.now(datetime.UTC) + datetime.timedelta(seconds=seconds))


def _secret(page: str) -> str:
    match = re.search(r"<code>([A-Z2-7]+)</code>", page)
    return match.group(1) if match else ""


@override_settings(STAFF_TWO_FACTOR=True)
def test_a_stolen_password_cannot_enrol_a_new_authenticator(client, officer):
    old = _bound(officer)
    assert _post(client, "/admin/login/", GOOD).status_code == 302
    opened = client.get(SETUP)
    assert opened.status_code == 302 and opened["Location"].startswith(VERIFY)  # a code first
    assert "next=%2Fadmin%2Ftwo-factor%2Fsetup%2F" in opened["Location"]
    assert list(TOTPDevice.objects.filter(user=officer)) == [old]  # no new device, no QR, no secret
    posted = client.post(SETUP, {"code": "123456"})
    assert posted.status_code == 302 and posted["Location"].startswith(VERIFY)
    assert client.get("/admin/").status_code == 302  # still nothing but the code page
    assert not SecurityEvent.objects.filter(kind="otp_added").exists()


@override_settings(STAFF_TWO_FACTOR=True)
def test_a_verified_session_replaces_the_authenticator_and_the_old_one_stops_working(client, officer):
    old = _bound(officer)
    _post(client, "/admin/login/", GOOD)
    assert client.post(VERIFY, {"code": _code(old), "next": SETUP})["Location"] == SETUP
    page = client.get(SETUP)
    assert page.status_code == 200 and "更换身份验证器" in page.content.decode()
    assert "no-store" in page["Cache-Control"]
    new = TOTPDevice.objects.get(user=officer, confirmed=False)
    with _later(31):
        assert client.post(SETUP, {"code": _code(new), "next": "/admin/"}).status_code == 302
    assert list(TOTPDevice.objects.filter(user=officer)) == [new]
    new.refresh_from_db()
    assert new.confirmed
    event = SecurityEvent.objects.get(kind="otp_added")
    assert event.user == officer and "更换" in event.detail


@override_settings(STAFF_TWO_FACTOR=True)
def test_each_secret_is_shown_once_and_only_the_session_shown_it_can_confirm_it(client, officer):
    _post(client, "/admin/login/", GOOD)
    first = _secret(client.get(SETUP).content.decode())
    first_device = TOTPDevice.objects.get(user=officer, confirmed=False)
    again = _secret(client.get(SETUP).content.decode())
    assert first and again and first != again  # a reload makes a new secret; the first is gone
    assert not TOTPDevice.objects.filter(pk=first_device.pk).exists()

    wrong = client.post(SETUP, {"code": _code(first_device)})
    assert wrong.status_code == 400 and "验证码不正确" in wrong.content.decode()
    assert _secret(wrong.content.decode()) == ""  # a refused code does not show the secret again

    other = Client()  # the same password in another browser: its own secret; ours is void
    _post(other, "/admin/login/", GOOD)
    other.get(SETUP)
    ours = TOTPDevice(user=officer, key=TOTPDevice.objects.get(user=officer, confirmed=False).key)
    stale = client.post(SETUP, {"code": _code(ours)})
    assert stale.status_code == 400 and "已失效" in stale.content.decode()
    assert not TOTPDevice.objects.filter(user=officer, confirmed=True).exists()


@override_settings(STAFF_TWO_FACTOR=True)
def test_an_administrator_resets_a_lost_phone_and_the_log_says_who(client, officer):
    liaison = UserFactory(username="lianluo")
    _bound(liaison)
    admin_device = _bound(officer)
    _post(client, "/admin/login/", GOOD)
    reset_url = f"/admin/two-factor/reset/{liaison.pk}/"
    assert client.post(reset_url)["Location"].startswith(VERIFY)  # not on a password alone
    assert TOTPDevice.objects.filter(user=liaison).exists()
    client.post(VERIFY, {"code": _code(admin_device)})
    assert "lianluo" in client.get(reset_url).content.decode()
    assert client.post(reset_url).status_code == 302
    assert not TOTPDevice.objects.filter(user=liaison).exists()
    event = SecurityEvent.objects.get(kind="otp_reset")
    assert event.user == liaison and "officer" in event.detail

    nobody = UserFactory(username="plain", groups=["宣传人员"])
    nobody.set_password(GOOD)
    nobody.save()
    ordinary = Client()
    ordinary.force_login(nobody)
    refused = ordinary.post(f"/admin/two-factor/reset/{officer.pk}/")
    assert refused.status_code == 302 and refused["Location"] == "/admin/"  # Wagtail's "no permission"
    assert TOTPDevice.objects.filter(user=officer).exists()


def test_the_command_resets_and_logs_too(officer, capsys):
    _bound(officer)
    call_command("reset_two_factor", "officer")
    assert "删除 1 个" in capsys.readouterr().out
    assert not TOTPDevice.objects.filter(user=officer).exists()
    assert "reset_two_factor" in SecurityEvent.objects.get(kind="otp_reset").detail


@override_settings(STAFF_TWO_FACTOR=True)
def test_the_reset_is_offered_in_the_user_list_and_replacement_in_the_account_page(client, officer):
    device = _bound(officer)
    _post(client, "/admin/login/", GOOD)
    client.post(VERIFY, {"code": _code(device)})
    assert "重置两步验证" in client.get("/admin/users/").content.decode()
    assert "更换身份验证器" in client.get("/admin/account/").content.decode()
