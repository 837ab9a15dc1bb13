"""A refused move answers 403 when the user may not make it and 409 when the workflow does not allow it from
the item's state; session writes need the CSRF token, token writes do not."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from compactwatch.core.workflow import State
from compactwatch.practices.models import Practice
from compactwatch.review.models import DataSubmission
from compactwatch.review.services import move
from compactwatch.review.submissions import Upload, create_submission
from tests.accounts.personas import CHAD_FILE, People
from tests.api.helpers import API, assert_error
from tests.practices.conftest import valid_input

pytestmark = pytest.mark.django_db

CSRF_SECRET = "a" * 32  # a well-formed CSRF secret; the cookie and the header carry the same


def submitted(people: People) -> DataSubmission:
    upload = Upload("chad.csv", CHAD_FILE.encode(), "TCD")
    item = create_submission(upload, author=people.contributor_tcd, channel="web")
    move(item, State.SUBMITTED, actor=people.contributor_tcd)
    return item


def move_by(people: People, persona: str, item: DataSubmission, target: str, **client: Any) -> Any:
    headers = {"Authorization": f"Bearer {people.token(persona)}"}
    url = f"{API}/submissions/{item.pk}/moves"
    payload = {"target": target, "comment": ""}
    return Client(**client).post(url, payload, content_type="application/json", headers=headers)


@pytest.mark.parametrize(
    ("persona", "target", "status", "code"),
    [
        ("contributor_tcd", "approved", 403, "role-not-allowed"),
        ("contributor_tcd", "returned", 403, "role-not-allowed"),
        ("reviewer_tcd", "published", 409, "move-not-allowed"),
        ("reviewer_tcd", "returned", 409, "comment-required"),
        ("reviewer_tcd", "approved", 200, None),
    ],
)
def test_a_refused_move_is_403_without_permission_and_409_against_the_workflow(
    people: People, persona: str, target: str, status: int, code: str | None
) -> None:
    item = submitted(people)
    response = move_by(people, persona, item, target)
    assert response.status_code == status, response.content
    item.refresh_from_db()
    if code is None:
        assert item.state == State.APPROVED
        return
    assert_error(response.json(), code)
    assert item.state == State.SUBMITTED


def test_a_token_write_needs_no_csrf_token(people: People) -> None:
    item = submitted(people)
    response = move_by(people, "reviewer_tcd", item, "approved", enforce_csrf_checks=True)
    assert response.status_code == 200


def _contribute(client: Client, **headers: str) -> Any:
    body = valid_input(
        title="Sent through the API", contributor_name="Amina", contributor_email="a@example.org"
    )
    return client.post(
        f"{API}/practices/contributions", body, content_type="application/json", headers=headers
    )


def test_a_signed_in_session_write_without_the_csrf_token_is_refused(people: People) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(people.contributor_tcd)
    response = _contribute(client)
    assert response.status_code == 403
    assert_error(response.json(), "csrf-failed")
    assert not Practice.objects.filter(title="Sent through the API").exists()


def test_a_signed_in_session_write_with_the_csrf_token_is_accepted(people: People) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(people.contributor_tcd)
    client.cookies["csrftoken"] = CSRF_SECRET
    response = _contribute(client, **{"X-CSRFToken": CSRF_SECRET})
    assert response.status_code == 201, response.content
    assert Practice.objects.get(title="Sent through the API").author == people.contributor_tcd


def test_an_anonymous_contribution_needs_no_csrf_token(people: People) -> None:
    response = _contribute(Client(enforce_csrf_checks=True))
    assert response.status_code == 201, response.content
    assert Practice.objects.get(title="Sent through the API").author is None
