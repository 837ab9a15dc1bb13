"""The optional second factor (TOTP) for admins and reviewers: enrolment, the two-step sign-in, limits,
removal, and `users reset-2fa`; people without a device sign in as before."""

from __future__ import annotations

import io
import time
from base64 import b32encode
from datetime import timedelta
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from compactwatch.accounts import ratelimit
from compactwatch.accounts.models import ApiToken
from compactwatch.review.models import AuditEvent
from tests.accounts.personas import PASSWORD, People

pytestmark = pytest.mark.django_db


def code_for(device: TOTPDevice) -> str:
    """The code the person's app would show, for the first time step the device has not used yet."""
    device.refresh_from_db()
    now_step = (int(time.time()) - device.t0) // device.step
    wanted = max(now_step, device.last_t + 1)
    assert abs(wanted - (now_step + device.drift)) <= device.tolerance, "the test used too many codes"
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, wanted - now_step):06d}"


def wrong_code(device: TOTPDevice) -> str:
    return f"{(int(code_for(device)) + 1) % 1_000_000:06d}"


def seconds_pass(device: TOTPDevice) -> None:
    """Let the device's back-off after a wrong code (1 s after the first) run out."""
    TOTPDevice.objects.filter(pk=device.pk).update(
        throttling_failure_timestamp=timezone.now() - timedelta(minutes=1)
    )


def enrolled(user: Any) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="authenticator app", confirmed=True)


def sign_in(client: Client, username: str, next_url: str = "", address: str = "10.0.0.1") -> str:
    data = {"username": username, "password": PASSWORD, "next": next_url}
    response = client.post("/accounts/login/", data, REMOTE_ADDR=address)
    return response["Location"] if response.status_code == 302 else response.content.decode()


def give_code(client: Client, code: str, address: str = "10.0.0.1") -> str:
    response = client.post("/accounts/login/code/", {"code": code}, REMOTE_ADDR=address)
    return response["Location"] if response.status_code == 302 else response.content.decode()


def test_enrolment_shows_the_secret_and_activates_only_with_a_valid_code(people: People) -> None:
    client = people.client("reviewer_tcd")
    assert "Add an authenticator app" in client.get("/accounts/").content.decode()
    page = client.get("/accounts/second-factor/").content.decode()
    device = TOTPDevice.objects.get(user=people.reviewer_tcd)
    assert not device.confirmed
    assert "<svg" in page
    assert b32encode(device.bin_key).decode().rstrip("=") in page
    assert "otpauth://totp/rita?secret=" in page

    refused = client.post("/accounts/second-factor/", {"code": wrong_code(device)}).content.decode()
    assert "The code is wrong or has expired" in refused
    assert not TOTPDevice.objects.get(pk=device.pk).confirmed
    assert "Enter the 6 digits" in client.post("/accounts/second-factor/", {"code": "abc"}).content.decode()
    too_soon = client.post("/accounts/second-factor/", {"code": code_for(device)}).content.decode()
    assert "Wait a few seconds" in too_soon
    seconds_pass(device)

    assert client.post("/accounts/second-factor/", {"code": code_for(device)})["Location"] == "/accounts/"
    assert TOTPDevice.objects.get(pk=device.pk).confirmed
    assert AuditEvent.objects.filter(action="second-factor-enrolled", object_id=str(people.reviewer_tcd.pk))
    account = client.get("/accounts/").content.decode()
    assert "Signing in asks for a code" in account
    assert client.get("/review/").status_code == 200, "the enrolling session gave a code: still signed in"


def test_contributors_are_not_offered_a_second_factor(people: People) -> None:
    client = people.client("contributor_tcd")
    assert "authenticator" not in client.get("/accounts/").content.decode()
    assert client.get("/accounts/second-factor/")["Location"] == "/accounts/"
    assert not TOTPDevice.objects.filter(user=people.contributor_tcd).exists()


def test_signing_in_with_a_device_asks_for_the_code_after_the_password(people: People) -> None:
    device = enrolled(people.reviewer_tcd)
    client = Client()
    assert sign_in(client, "rita") == "/accounts/login/code/"
    assert client.get("/accounts/")["Location"].startswith("/accounts/login/"), "not signed in yet"
    assert "Code from your authenticator app" in client.get("/accounts/login/code/").content.decode()
    assert give_code(client, code_for(device)) == "/accounts/"
    assert client.get("/review/").status_code == 200
    assert "reviewer" in client.get("/accounts/").content.decode()


def test_the_code_step_keeps_where_the_person_was_going(people: People) -> None:
    device = enrolled(people.admin)
    client = Client()
    assert client.get("/admin/")["Location"].startswith("/admin/login/")
    assert client.get("/admin/login/?next=/admin/")["Location"] == "/accounts/login/?next=%2Fadmin%2F"
    assert sign_in(client, "ada", next_url="/admin/") == "/accounts/login/code/"
    assert give_code(client, code_for(device)) == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_the_code_step_needs_the_password_first() -> None:
    assert Client().get("/accounts/login/code/")["Location"] == "/accounts/login/"


def test_a_wrong_code_is_refused_and_repeated_wrong_codes_lock_the_name(people: People) -> None:
    device = enrolled(people.reviewer_all)
    client = Client()
    sign_in(client, "rex")
    for _attempt in range(ratelimit.PER_USERNAME):
        assert "The code is wrong or has expired" in give_code(client, wrong_code(device))
        seconds_pass(device)
    assert "Too many wrong codes" in give_code(client, code_for(device))
    assert client.get("/review/").status_code == 302, "still not signed in"
    other = Client()
    sign_in(other, "rex", address="10.9.9.9")
    assert "Too many wrong codes" in give_code(other, code_for(device), address="10.9.9.9")


def test_a_session_between_password_and_code_reaches_nothing_closed(people: People) -> None:
    enrolled(people.admin)
    client = Client()
    sign_in(client, "ada")
    assert client.get("/review/").status_code == 302
    assert client.post("/accounts/tokens/new/", {"name": "sneaky"}).status_code == 302
    assert client.get("/admin/").status_code == 302
    assert not ApiToken.objects.exists()


def test_a_signed_in_session_without_the_code_counts_as_the_public(people: People) -> None:
    """A session signed in some other way (here Django's force_login) without a code opens nothing."""
    enrolled(people.admin)
    client = people.client("admin")
    assert client.get("/review/").status_code == 403
    assert client.get("/admin/").status_code == 302
    assert client.get("/admin/review/datasubmission/").status_code == 302
    assert client.post("/accounts/tokens/new/", {"name": "sneaky"})["Location"] == "/accounts/login/"
    assert not ApiToken.objects.exists()
    assert client.get("/review/").status_code == 302, "refusing the token page signed the session out"


def test_a_person_removes_their_device_with_a_valid_code(people: People) -> None:
    device = enrolled(people.reviewer_tcd)
    client = Client()
    sign_in(client, "rita")
    give_code(client, code_for(device))
    client.post("/accounts/second-factor/remove/", {"code": wrong_code(device)})
    assert TOTPDevice.objects.filter(user=people.reviewer_tcd).exists()
    seconds_pass(device)
    assert client.post("/accounts/second-factor/remove/", {"code": code_for(device)}).status_code == 302
    assert not TOTPDevice.objects.filter(user=people.reviewer_tcd).exists()
    assert AuditEvent.objects.filter(action="second-factor-removed", actor=people.reviewer_tcd).exists()
    assert sign_in(Client(), "rita") == "/accounts/"


def test_reset_2fa_removes_a_lost_device_and_is_audited(people: People) -> None:
    enrolled(people.reviewer_tcd)
    out = io.StringIO()
    call_command("users", "reset-2fa", "rita", stdout=out)
    assert "removed the authenticator app of rita" in out.getvalue()
    assert not TOTPDevice.objects.filter(user=people.reviewer_tcd).exists()
    event = AuditEvent.objects.get(action="second-factor-reset", object_id=str(people.reviewer_tcd.pk))
    assert event.channel == "cli"
    assert sign_in(Client(), "rita") == "/accounts/"
    with pytest.raises(CommandError, match="no user named 'nobody'"):
        call_command("users", "reset-2fa", "nobody", stdout=io.StringIO())


def test_people_without_a_device_sign_in_as_before(people: People) -> None:
    enrolled(people.reviewer_tcd)  # someone else's device changes nothing for them
    client = Client()
    assert sign_in(client, "ada") == "/accounts/"
    assert client.get("/review/").status_code == 200
    assert client.get("/admin/").status_code == 200
    assert client.post("/accounts/tokens/new/", {"name": "upload"}).status_code == 200
    assert ApiToken.objects.filter(user=people.admin).exists()


def test_the_admin_hides_device_secrets_and_refuses_non_staff_without_a_loop(people: People) -> None:
    enrolled(people.reviewer_tcd)
    client = Client()
    sign_in(client, "ada")
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/otp_totp/totpdevice/").status_code == 404
    assert people.client("contributor_tcd").get("/admin/login/?next=/admin/").status_code == 403
