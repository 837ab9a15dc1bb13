"""API tokens: issued on the account page, shown once, stored only as a digest."""

from __future__ import annotations

import pytest

from compactwatch.accounts.models import ApiToken
from compactwatch.accounts.services import digest, user_for_token
from tests.accounts.personas import People

pytestmark = pytest.mark.django_db


def test_a_token_from_the_account_page_works_once_shown(people: People) -> None:
    client = people.client("contributor_tcd")
    page = client.post("/accounts/tokens/new/", {"name": "nightly upload"}).content.decode()
    token = page.split('<code id="token">')[1].split("</code>")[0]
    stored = ApiToken.objects.get()
    assert stored.digest == digest(token)
    assert token not in {stored.prefix, stored.digest, stored.name}
    assert user_for_token(token) == people.contributor_tcd
    listing = client.get("/accounts/").content.decode()
    assert stored.prefix in listing
    assert token not in listing
    response = client.get("/api/v1/submissions", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200


def test_bad_token_requests_change_nothing(people: People) -> None:
    client = people.client("contributor_tcd")
    response = client.post("/accounts/tokens/new/", {"name": "n" * 101}, follow=True)
    assert "longer than 100 characters" in response.content.decode()
    response = client.post("/accounts/tokens/new/", {"name": "<b>x</b>"}, follow=True)
    assert "HTML or script" in response.content.decode()
    assert ApiToken.objects.count() == 0
    assert people.client(None).post("/accounts/tokens/new/", {"name": "x"}).status_code == 302
    assert ApiToken.objects.count() == 0
    assert client.get("/accounts/tokens/new/").status_code == 405


def test_the_api_refuses_requests_without_a_valid_token(people: People) -> None:
    client = people.client("contributor_tcd")  # a browser session is not enough for the API
    assert client.get("/api/v1/submissions").status_code == 401
    assert client.get("/api/v1/submissions", headers={"Authorization": "Bearer cw_wrong"}).status_code == 401
