"""Password reset (issue 25): a flood of reset mails stops at PASSWORD_RESET_RATE_LIMIT per address
and per account, the answer never tells whether an account exists, and the security log records
every request and every completed reset."""

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.core import mail
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from home.models import SecurityEvent
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
URL = "/admin/password_reset/"
NEW = "Fjld-新密码-2027"


@pytest.fixture
def officer(site_tree):
    user = UserFactory(username="officer", email="officer@example.gov.cn", groups=["宣传人员"])
    user.set_password("Fjld-旧密码-2026")
    user.save()
    return user


def test_a_flood_of_reset_mails_stops_and_every_request_is_logged(client, officer):
    answers = [client.post(URL, {"email": "officer@example.gov.cn"}) for _ in range(8)]
    assert {(a.status_code, a["Location"]) for a in answers} == {(302, "/admin/password_reset/done/")}
    assert len(mail.outbox) == 3
    logged = SecurityEvent.objects.filter(kind="reset_req", username="officer@example.gov.cn")
    assert logged.count() == 8 and logged.filter(detail__contains="未发送").count() == 5


def test_the_same_account_from_many_addresses_is_capped_too(client, officer):
    for n in range(6):
        client.post(URL, {"email": " Officer@Example.gov.cn "}, REMOTE_ADDR=f"198.51.100.{n + 1}")
    assert len(mail.outbox) == 3


def test_an_unknown_address_gets_the_same_answer(client, officer):
    known = client.post(URL, {"email": "officer@example.gov.cn"})
    unknown = client.post(URL, {"email": "nobody@example.gov.cn"}, REMOTE_ADDR="198.51.100.7")
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    assert len(mail.outbox) == 1


def test_a_completed_reset_is_logged_with_the_account(client, officer):
    uid = urlsafe_base64_encode(force_bytes(officer.pk))
    token = default_token_generator.make_token(officer)
    step = client.get(f"{URL}confirm/{uid}/{token}/")
    assert step.status_code == 302
    done = client.post(step["Location"], {"new_password1": NEW, "new_password2": NEW})
    assert done.status_code == 302 and done["Location"].endswith("/complete/")
    event = SecurityEvent.objects.get(kind="reset_done")
    assert event.user == officer and event.ip_address == "127.0.0.1"
    officer.refresh_from_db()
    assert officer.check_password(NEW)
