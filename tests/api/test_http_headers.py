"""Open reading: CORS for GET, HEAD and OPTIONS; ETags with conditional GET (304); HEAD without a body."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.api.helpers import API

pytestmark = pytest.mark.django_db

PATHS = [
    "/topics",
    "/indicators/birth-registration",
    "/observations?indicator=birth-registration",
    "/openapi.json",
]


@pytest.mark.parametrize("path", PATHS)
def test_reading_is_open_to_any_origin(client: Client, data: None, path: str) -> None:
    response = client.get(f"{API}{path}", headers={"Origin": "https://example.org"})
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response["Access-Control-Expose-Headers"]


def test_a_preflight_allows_reading_methods_only(client: Client) -> None:
    response = client.options(
        f"{API}/observations",
        headers={"Origin": "https://example.org", "Access-Control-Request-Method": "GET"},
    )
    assert response.status_code == 204
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"
    assert "If-None-Match" in response["Access-Control-Allow-Headers"]


def test_writing_methods_get_no_cors_header(client: Client) -> None:
    response = client.post(f"{API}/topics", headers={"Origin": "https://example.org"})
    assert "Access-Control-Allow-Origin" not in response


def test_errors_are_readable_cross_origin_too(client: Client) -> None:
    response = client.get(f"{API}/observations?area=XYZ")
    assert response.status_code == 400
    assert response["Access-Control-Allow-Origin"] == "*"


def test_an_etag_lets_a_client_revalidate_with_304(client: Client, data: None) -> None:
    url = f"{API}/observations?indicator=refugee-children"
    first = client.get(url)
    etag = first["ETag"]
    assert etag.startswith('"')
    assert first["Cache-Control"] == "public, max-age=60"
    again = client.get(url, headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag
    assert again["Access-Control-Allow-Origin"] == "*"


def test_the_etag_changes_when_the_answer_changes(client: Client, data: None) -> None:
    one = client.get(f"{API}/observations?indicator=refugee-children&limit=1")
    two = client.get(f"{API}/observations?indicator=refugee-children&limit=2")
    assert one["ETag"] != two["ETag"]
    stale = client.get(
        f"{API}/observations?indicator=refugee-children&limit=2", headers={"If-None-Match": one["ETag"]}
    )
    assert stale.status_code == 200


def test_head_answers_the_headers_of_get_without_a_body(client: Client, data: None) -> None:
    get = client.get(f"{API}/topics")
    head = client.head(f"{API}/topics")
    assert head.status_code == 200
    assert head.content == b""
    assert head["ETag"] == get["ETag"]
    assert head["Content-Length"] == str(len(get.content))
    assert head["Access-Control-Allow-Origin"] == "*"


def test_an_answer_to_an_authenticated_request_is_never_cached_publicly(client: Client) -> None:
    response = client.get(f"{API}/topics", headers={"Authorization": "Bearer some-token"})
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-cache"
