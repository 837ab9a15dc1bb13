"""Signing in and out; failed attempts are limited per user name and per address."""

from __future__ import annotations

import pytest
from django.test import Client

from compactwatch.accounts import ratelimit
from tests.accounts.personas import PASSWORD, People

pytestmark = pytest.mark.django_db


def sign_in(client: Client, username: str, password: str, address: str = "10.0.0.1") -> str:
    response = client.post(
        "/accounts/login/", {"username": username, "password": password}, REMOTE_ADDR=address
    )
    return response.content.decode() if response.status_code == 200 else f"redirect {response['Location']}"


def test_signing_in_leads_to_the_account_page_and_out_again(people: People) -> None:
    client = Client()
    assert sign_in(client, "cora", PASSWORD) == "redirect /accounts/"
    page = client.get("/accounts/").content.decode()
    assert "contributor" in page
    assert "TCD" in page
    assert client.post("/accounts/logout/").status_code == 302
    assert client.get("/accounts/").status_code == 302


def test_the_sign_in_form_says_what_is_missing_or_wrong(people: People) -> None:
    assert "This field is required." in sign_in(Client(), "", "")
    assert "enter a correct username and password" in sign_in(Client(), "cora", "wrong password!")


def test_a_user_name_is_locked_after_five_failures_even_with_the_right_password(people: People) -> None:
    client = Client()
    for attempt in range(ratelimit.PER_USERNAME):
        assert "Too many" not in sign_in(client, "cora", f"guess {attempt}", address=f"10.0.1.{attempt}")
    assert "Too many failed sign-ins" in sign_in(client, "cora", PASSWORD, address="10.0.2.1")
    assert sign_in(Client(), "rita", PASSWORD, address="10.0.2.1") == "redirect /accounts/"


def test_an_address_is_locked_after_twenty_failures_across_names(people: People) -> None:
    for attempt in range(ratelimit.PER_ADDRESS):
        sign_in(Client(), f"someone{attempt}", "guess", address="192.0.2.7")
    assert "Too many failed sign-ins" in sign_in(Client(), "rita", PASSWORD, address="192.0.2.7")
    assert sign_in(Client(), "rita", PASSWORD, address="192.0.2.8") == "redirect /accounts/"


def test_a_success_clears_the_count_for_the_name(people: People) -> None:
    for attempt in range(ratelimit.PER_USERNAME - 1):
        sign_in(Client(), "cora", f"guess {attempt}")
    assert sign_in(Client(), "cora", PASSWORD) == "redirect /accounts/"
    assert "Too many" not in sign_in(Client(), "cora", "one more guess")


def test_a_disabled_account_cannot_sign_in(people: People) -> None:
    people.contributor_tcd.is_active = False
    people.contributor_tcd.save()
    assert "enter a correct username and password" in sign_in(Client(), "cora", PASSWORD)


def test_session_and_csrf_cookies_are_protected(people: People, settings: object) -> None:
    client = Client(enforce_csrf_checks=True)
    page = client.get("/accounts/login/")
    assert page.cookies["csrftoken"]["samesite"] == "Lax"
    refused = client.post("/accounts/login/", {"username": "cora", "password": PASSWORD})
    assert refused.status_code == 403, "a sign-in without the CSRF token is refused"
    token = page.cookies["csrftoken"].value
    client.post("/accounts/login/", {"username": "cora", "password": PASSWORD, "csrfmiddlewaretoken": token})
    session = client.cookies["sessionid"]
    assert session["httponly"]
    assert session["samesite"] == "Lax"
