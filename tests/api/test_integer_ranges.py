"""Every integer parameter has a range; a number outside it is a 422 naming the parameter, never a 500."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.accounts.personas import People
from tests.api.helpers import API, assert_error, get_json

pytestmark = pytest.mark.django_db

BEYOND_BIGINT = str(2**63)


@pytest.mark.parametrize(
    ("path", "field"),
    [
        (f"/series/{BEYOND_BIGINT}", "series_id"),
        (f"/series/{BEYOND_BIGINT}/observations", "series_id"),
        ("/series/0", "series_id"),
        (f"/practices/{BEYOND_BIGINT}", "practice_id"),
        (f"/observations?offset={BEYOND_BIGINT}", "offset"),
        ("/observations?offset=-1", "offset"),
        (f"/series?offset={BEYOND_BIGINT}", "offset"),
        ("/observations?limit=1001", "limit"),
        ("/observations?from=0", "from"),
        ("/observations?to=10000", "to"),
        (f"/assessments?offset={BEYOND_BIGINT}", "offset"),
        ("/assessments?limit=0", "limit"),
        (f"/practices?offset={BEYOND_BIGINT}", "offset"),
    ],
)
def test_an_integer_out_of_range_is_a_422_naming_it(client: Client, path: str, field: str) -> None:
    body = get_json(client, path, status=422)
    assert_error(body, "invalid-parameter")
    assert [detail["field"] for detail in body["error"]["details"]] == [field]


def test_the_largest_id_is_simply_not_found(client: Client) -> None:
    body = get_json(client, f"/series/{2**63 - 1}", status=404)
    assert body["error"]["message"] == f"no series {2**63 - 1} with published data"


def test_a_submission_id_out_of_range_is_a_422_with_a_token(client: Client, people: People) -> None:
    headers = {"Authorization": f"Bearer {people.token('reviewer_all')}"}
    response = client.get(f"{API}/submissions/{BEYOND_BIGINT}", headers=headers)
    assert response.status_code == 422
    assert response.json()["error"]["details"][0]["field"] == "submission_id"
    moved = client.post(
        f"{API}/submissions/{BEYOND_BIGINT}/moves",
        {"target": "approved"},
        content_type="application/json",
        headers=headers,
    )
    assert moved.status_code == 422


def test_a_contributed_year_out_of_range_is_a_422(client: Client) -> None:
    body = {"title": "t", "summary": "s", "level": "national", "start_year": 2**63}
    response = client.post(f"{API}/practices/contributions", body, content_type="application/json")
    assert response.status_code == 422
    assert_error(response.json(), "invalid-parameter")
    assert response.json()["error"]["details"][0]["field"] == "start_year"
