"""A NUL byte or a lone surrogate anywhere in a request is a 400 `bad-text` naming where, on both databases,
and nothing is written."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from compactwatch.practices.models import Practice
from compactwatch.review.models import AuditEvent, DataSubmission
from tests.accounts.personas import CHAD_FILE, People
from tests.api.helpers import API, assert_error

pytestmark = pytest.mark.django_db

LONE_SURROGATE_JSON = b'{"title": "caf\\ud800", "summary": "s", "level": "national"}'


def counts() -> tuple[int, int, int]:
    return Practice.objects.count(), DataSubmission.objects.count(), AuditEvent.objects.count()


def refused(response: Any, location: str, field: str) -> None:
    assert response.status_code == 400, response.content[:300]
    body = response.json()
    assert_error(body, "bad-text")
    assert {"location": location, "field": field} in [
        {"location": d["location"], "field": d["field"]} for d in body["error"]["details"]
    ]


@pytest.mark.parametrize(
    ("path", "location", "field"),
    [
        ("/topics/a%00b", "path", ""),
        ("/areas/%00", "path", ""),
        ("/sources/x%00", "path", ""),
        ("/observations?indicator=refugee%00children", "query", "indicator"),
        ("/observations?SEX=F%00", "query", "SEX"),
        ("/practices?q=%00", "query", "q"),
        ("/assessments?area=GB%00", "query", "area"),
        ("/goals?topic=%00&x=1", "query", "topic"),
    ],
)
def test_a_nul_byte_in_the_url_is_a_400(client: Client, path: str, location: str, field: str) -> None:
    refused(client.get(f"{API}{path}"), location, field)


def test_a_nul_byte_in_a_query_parameter_name_is_shown_escaped(client: Client) -> None:
    response = client.get(f"{API}/observations?SE%00X=F")
    refused(response, "query", "SE\\x00X")


@pytest.mark.parametrize(
    ("body", "field"),
    [
        (b'{"title": "a\\u0000b", "summary": "s", "level": "national"}', "title"),
        (LONE_SURROGATE_JSON, "title"),
        (
            b'{"title": "t", "summary": "s", "level": "national", "sources": [{"title": "\\udfff"}]}',
            "sources.0.title",
        ),
        (b'{"title": "t", "summary": "s", "level": "national", "links": ["\\u0000"]}', "links.0"),
    ],
)
def test_unstorable_text_in_a_json_body_is_a_400_and_nothing_is_written(
    client: Client, body: bytes, field: str
) -> None:
    before = counts()
    response = client.post(f"{API}/practices/contributions", body, content_type="application/json")
    refused(response, "body", field)
    assert counts() == before


def test_unstorable_text_in_a_form_upload_is_a_400_and_nothing_is_written(
    client: Client, people: People
) -> None:
    headers = {"Authorization": f"Bearer {people.token('contributor_tcd')}"}
    before = counts()
    upload = SimpleUploadedFile("chad.csv", CHAD_FILE.encode(), content_type="text/csv")
    response = client.post(
        f"{API}/submissions", {"country": "TCD\x00", "file": upload, "note": "ok"}, headers=headers
    )
    refused(response, "body", "country")
    assert counts() == before


def test_a_body_over_the_size_limit_is_a_413(client: Client, settings: Any) -> None:
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    body = b'{"title": "' + b"x" * 2000 + b'", "summary": "s", "level": "national"}'
    before = counts()
    response = client.post(f"{API}/practices/contributions", body, content_type="application/json")
    assert response.status_code == 413
    assert_error(response.json(), "too-large")
    assert counts() == before
