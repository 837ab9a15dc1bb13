"""Requests that could not be stored or read safely are refused whole with a clear 400 or 413, never a 500:
NUL bytes and bytes that are not UTF-8 (lone surrogates among them) in the path, the query or a form, lone
surrogates in a JSON body, and bodies over the size limits. API paths answer in the API's error shape."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from compactwatch.practices.models import Practice

pytestmark = pytest.mark.django_db


def get_status(path: str) -> tuple[int, str]:
    response = Client().get(path)
    return response.status_code, response.content.decode("utf-8", errors="replace")


@pytest.mark.parametrize(
    ("path", "words"),
    [
        ("/countries/%00/", "The address contains a NUL character."),
        ("/indicators/%ED%A0%80/", "The address is not valid UTF-8."),
        ("/search/?q=%00", "A query parameter contains a NUL character."),
        ("/search/?q=a%ED%B0%80b", "A query parameter is not valid UTF-8."),
        ("/practices/?country=%FF", "A query parameter is not valid UTF-8."),
        ("/compare/?indicator=x&areas=NGA%00", "A query parameter contains a NUL character."),
    ],
)
def test_a_page_address_with_nul_or_broken_utf8_is_refused_with_a_page(path: str, words: str) -> None:
    status, page = get_status(path)
    assert status == 400
    assert words in page
    assert "Nothing was stored." in page


def test_valid_unicode_in_a_query_is_served() -> None:
    assert get_status("/search/?q=caf%C3%A9+%E2%82%AC")[0] == 200


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/api/v1/observations?indicator=%00", None),
        ("/api/v1/topics/a%00b", None),
        ("/api/v1/practices/contributions", '{"title": "a\\ud800b", "summary": "x"}'),
    ],
)
def test_the_api_refuses_unstorable_text_in_its_own_error_shape(path: str, body: str | None) -> None:
    client = Client()
    response = client.get(path) if body is None else client.post(path, body, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "bad-text"


def test_a_form_field_with_a_nul_is_refused_and_nothing_is_stored() -> None:
    before = Practice.objects.count()
    for encoding in ("multipart", "urlencoded"):
        client = Client()
        if encoding == "multipart":
            response = client.post("/practices/contribute/", {"title": "a\x00b", "summary": "s"})
        else:
            body = "title=a%00b&summary=s"
            response = client.post(
                "/practices/contribute/", body, content_type="application/x-www-form-urlencoded"
            )
        assert response.status_code == 400, encoding
        assert "A form field contains a NUL character." in response.content.decode()
    assert Practice.objects.count() == before


def test_a_form_over_the_field_limit_gets_a_413_page(settings: pytest.FixtureRequest) -> None:
    body = "title=" + "x" * 2_700_000
    response = Client().post("/practices/contribute/", body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 413
    assert "The form is larger than 2.5 MB (files aside)." in response.content.decode()


def test_a_body_over_the_request_limit_is_refused_before_it_is_read(settings: pytest.FixtureRequest) -> None:
    settings.MAX_REQUEST_BYTES = 4096  # type: ignore[attr-defined]
    response = Client().post(
        "/api/v1/practices/contributions",
        json.dumps({"summary": "x" * 5000}),
        content_type="application/json",
    )
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "too-large"
    assert response.json()["error"]["message"] == "The request is larger than 4 KB."
