"""The practices API: published practices with search and filters; contributions with the form's rules."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from compactwatch.practices.models import Practice
from tests.practices.conftest import Publish, row_counts, valid_input

LIST = "/api/v1/practices"
SEND = "/api/v1/practices/contributions"


def _send(body: Any, client: Client | None = None) -> Any:
    return (client or Client()).post(SEND, body, content_type="application/json")


def contribution(**overrides: Any) -> dict[str, Any]:
    body = valid_input(contributor_name="Amina", contributor_email="amina@example.org")
    body.update(overrides)
    return body


@pytest.mark.django_db
def test_the_list_has_published_practices_only(publish: Publish) -> None:
    publish(title="Public one")
    publish(state="approved", title="Not public")

    body = Client().get(LIST).json()

    assert body["count"] == 1
    practice = body["results"][0]
    assert practice["title"] == "Public one"
    assert practice["countries"] == [{"code": "TCD", "title": "Chad"}]
    assert practice["target_groups"] == [{"code": "unaccompanied", "title": "Unaccompanied children"}]
    assert practice["sources"][0]["title"] == "Programme report"
    assert "contributor_email" not in practice


@pytest.mark.django_db
def test_search_and_filters(publish: Publish) -> None:
    publish(title="Shelter", countries=["NGA"], level="local")
    publish(title="Schooling", level="regional")

    assert [p["title"] for p in Client().get(LIST, {"q": "shelter"}).json()["results"]] == ["Shelter"]
    assert [p["title"] for p in Client().get(LIST, {"level": "regional"}).json()["results"]] == ["Schooling"]
    refused = Client().get(LIST, {"topic": "nope"})
    assert refused.status_code == 400
    assert refused.json()["error"] == {
        "code": "bad-filter",
        "message": "unknown topic: nope",
        "details": [{"message": "unknown topic: nope", "location": "query", "field": "topic"}],
    }


@pytest.mark.django_db
def test_one_practice(publish: Publish) -> None:
    published = publish()
    hidden = publish(state="submitted")

    assert Client().get(f"{LIST}/{published.pk}").json()["id"] == published.pk
    assert Client().get(f"{LIST}/{hidden.pk}").status_code == 404


@pytest.mark.django_db
def test_a_contribution_lands_as_submitted() -> None:
    response = _send(contribution())

    assert response.status_code == 201
    practice = Practice.objects.get()
    assert response.json()["reference"] == practice.reference
    assert response.json()["state"] == "submitted"
    assert response.json()["status_url"].endswith(f"/practices/status/{practice.reference}/")
    assert practice.author is None
    assert practice.contributor_email == "amina@example.org"


BAD = [
    ({"title": ""}, 422, "title is required"),
    ({"summary": "y" * 3001}, 422, "summary is longer than 3000 characters"),
    ({"title": "<script>alert(1)</script>"}, 422, "title must be plain text"),
    ({"policy_areas": ["UP9"]}, 422, "unknown UNICEF policy area: UP9"),
    ({"gcm_principles": ["GCM1"]}, 422, "unknown GCM guiding principle: GCM1"),
    ({"title": ["a", "list"]}, 422, "title"),
    ({"start_year": "soon"}, 422, "start_year"),
    ({"colour": "blue"}, 422, "colour"),
    ({"contributor_email": ""}, 422, "contributor_email is required"),
    ({"website": "spam"}, 400, "filled in automatically"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("change", "status", "message"), BAD)
def test_bad_contributions_change_nothing(change: dict[str, Any], status: int, message: str) -> None:
    before = row_counts()

    response = _send(contribution(**change))

    assert response.status_code == status
    assert message in response.json()["error"]["message"]
    assert row_counts() == before


@pytest.mark.django_db
def test_a_body_that_is_not_an_object_is_refused() -> None:
    before = row_counts()

    response = Client().post(SEND, "[1, 2]", content_type="application/json")

    assert response.status_code in (400, 422)
    assert "error" in response.json()
    assert row_counts() == before
