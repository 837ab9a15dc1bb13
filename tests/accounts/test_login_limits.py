"""Sign-in limits hold against the cheap ways around them: other spellings of a user name share its count,
and the client address is the one the trusted proxies saw, never what the client writes in a header."""

from __future__ import annotations

import pytest
from django.test import Client, RequestFactory

from compactwatch.accounts import ratelimit
from compactwatch.accounts.addresses import client_address
from tests.accounts.personas import PASSWORD, People

BLOCKED = "Too many failed sign-ins"


def sign_in(username: str, password: str, address: str = "10.0.0.1", forwarded: str = "") -> str:
    extra = {"REMOTE_ADDR": address, **({"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {})}
    response = Client().post("/accounts/login/", {"username": username, "password": password}, **extra)
    return response.content.decode() if response.status_code == 200 else f"redirect {response['Location']}"


@pytest.mark.parametrize(
    ("spelling", "counted"),
    [
        ("Admin", "admin"),
        ("ADMIN", "admin"),
        ("Ａｄｍｉｎ", "admin"),
        (" ﬁona ", "fiona"),
        ("STRAẞE", "strasse"),
    ],
)
def test_a_user_name_is_counted_in_one_spelling(spelling: str, counted: str) -> None:
    assert ratelimit.counted_name(spelling) == counted


@pytest.mark.django_db
def test_other_spellings_of_a_name_share_its_count(people: People) -> None:
    spellings = ["Cora", "CORA", "ｃｏｒａ", "cOrA ", "Ｃｏｒａ"]
    assert len(spellings) == ratelimit.PER_USERNAME
    for number, spelling in enumerate(spellings):
        assert BLOCKED not in sign_in(spelling, "wrong guess", address=f"10.0.3.{number}")
    assert BLOCKED in sign_in("cora", PASSWORD, address="10.0.4.1")


@pytest.mark.django_db
def test_without_trusted_proxies_a_forwarded_header_does_not_change_the_address(people: People) -> None:
    for number in range(ratelimit.PER_ADDRESS):
        sign_in(f"someone{number}", "guess", address="192.0.2.9", forwarded=f"198.51.100.{number}")
    assert BLOCKED in sign_in("rita", PASSWORD, address="192.0.2.9", forwarded="198.51.100.200")


@pytest.mark.django_db
def test_behind_one_proxy_the_client_is_the_address_it_forwarded(people: People, settings: object) -> None:
    settings.TRUSTED_PROXIES = 1  # type: ignore[attr-defined]
    for number in range(ratelimit.PER_ADDRESS):
        spoofed = f"198.51.100.{number}, 203.0.113.5"  # the left part is the client's own invention
        sign_in(f"someone{number}", "guess", address="10.0.0.2", forwarded=spoofed)
    assert BLOCKED in sign_in("rita", PASSWORD, address="10.0.0.2", forwarded="1.2.3.4, 203.0.113.5")
    assert sign_in("rita", PASSWORD, address="10.0.0.2", forwarded="203.0.113.6") == "redirect /accounts/"


@pytest.mark.parametrize(
    ("proxies", "remote", "forwarded", "expected"),
    [
        (0, "192.0.2.1", "203.0.113.5", "192.0.2.1"),
        (1, "10.0.0.2", "203.0.113.5", "203.0.113.5"),
        (1, "10.0.0.2", "9.9.9.9, 203.0.113.5", "203.0.113.5"),
        (2, "10.0.0.2", "9.9.9.9, 203.0.113.5, 10.0.0.7", "203.0.113.5"),
        (2, "10.0.0.2", "203.0.113.5", "203.0.113.5"),
        (1, "10.0.0.2", "", "10.0.0.2"),
        (1, "10.0.0.2", "not an address", "unknown"),
        (0, "2001:db8:1:2:3:4:5:6", "", "2001:db8:1:2::/64"),
        (0, "::ffff:192.0.2.1", "", "192.0.2.1"),
        (1, "10.0.0.2", "[2001:db8::1]", "2001:db8::/64"),
    ],
)
def test_the_client_address(
    proxies: int, remote: str, forwarded: str, expected: str, settings: object
) -> None:
    settings.TRUSTED_PROXIES = proxies  # type: ignore[attr-defined]
    request = RequestFactory().get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
    assert client_address(request) == expected


@pytest.mark.django_db
def test_an_ipv6_client_is_counted_by_its_network(people: People) -> None:
    for number in range(ratelimit.PER_ADDRESS):
        sign_in(f"someone{number}", "guess", address=f"2001:db8:5:6::{number + 1:x}")
    assert BLOCKED in sign_in("rita", PASSWORD, address="2001:db8:5:6:ffff::1")
    assert sign_in("rita", PASSWORD, address="2001:db8:5:7::1") == "redirect /accounts/"
