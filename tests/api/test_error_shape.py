"""Every error has the one shape, whatever its status and wherever it comes from."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.api.helpers import API, assert_error, get_json

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("query", "field", "words"),
    [
        ("indicator=no-such-indicator", "indicator", "unknown indicator: no-such-indicator"),
        ("area=XYZ", "area", "unknown area"),
        ("source=nobody", "source", "unknown source: nobody"),
        ("COLOUR=blue", "COLOUR", "unknown filter 'COLOUR'"),
        ("SEX=Q", "SEX", "'Q' is not a code of SEX"),
        ("SEX=", "SEX", "needs a code of SEX"),
        ("from=2024&to=2020", "from", "'from' (2024) is after 'to' (2020)"),
    ],
)
def test_a_bad_filter_is_a_400_naming_the_parameter(
    client: Client, query: str, field: str, words: str
) -> None:
    body = get_json(client, f"/observations?{query}", status=400)
    assert_error(body, "bad-filter")
    assert words in body["error"]["message"]
    assert body["error"]["details"] == [
        {"message": body["error"]["message"], "location": "query", "field": field}
    ]


def test_a_wrong_type_is_a_422_with_one_detail_per_parameter(client: Client) -> None:
    body = get_json(client, "/observations?from=soon&limit=0", status=422)
    assert_error(body, "invalid-parameter")
    assert {detail["field"] for detail in body["error"]["details"]} == {"from", "limit"}
    assert all(detail["location"] == "query" for detail in body["error"]["details"])


def test_an_unknown_path_under_the_api_is_a_404_in_the_shape(client: Client) -> None:
    body = get_json(client, "/no/such/thing", status=404)
    assert_error(body, "not-found")
    assert "/api/v1/no/such/thing" in body["error"]["message"]


def test_a_method_an_endpoint_does_not_take_is_a_405_in_the_shape(client: Client) -> None:
    response = client.post(f"{API}/topics", data={})
    assert response.status_code == 405
    assert response["Allow"] == "GET"
    assert_error(response.json(), "method-not-allowed")
