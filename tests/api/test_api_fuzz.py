"""Hostile input to every API endpoint: a clear error in the one shape, never a 500, nothing written.

Hypothesis fills every path and query parameter, the JSON bodies and the upload form with what broke the
platform before or could: NUL bytes, lone surrogates, numbers past 2^63, 40 digits, 1e308, digits of other
scripts, percent signs, markup, long and empty strings. Every answer must be below 500, an error must have
the one shape, and a refused request leaves every table as it was. Run it on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import json
import os
from typing import Any
from urllib.parse import quote

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from compactwatch.accounts.models import ApiToken
from compactwatch.observations.models import Observation, Series, Source
from compactwatch.practices.models import Practice
from compactwatch.review.models import AuditEvent, DataSubmission, Transition
from tests.accounts.personas import CHAD_FILE, People
from tests.api.helpers import API

pytestmark = pytest.mark.django_db

HOSTILE_TEXTS = [
    "\x00",
    "GBR\x00",
    "\ud800",
    "a\udfffb",
    "²",
    "٢٠١٩",
    "１２",
    "1e308",
    "-1e308",
    "NaN",
    "9" * 40,
    str(2**63),
    str(2**64),
    "-1",
    "0",
    "",
    " ",
    "%00",
    "%",
    "..",
    "<script>alert(1)</script>",
    "x" * 5000,
    "_T",
    "GBR,,TCD",
]
hostile = st.one_of(st.sampled_from(HOSTILE_TEXTS), st.text(max_size=12))

# Every operation of the API, with the names of its path and query parameters.
GETS = [
    ("/topics", ()),
    ("/topics/{}", ()),
    ("/topics/{}/countries", ()),
    ("/goals", ("topic",)),
    ("/goals/{}", ()),
    ("/targets", ("goal",)),
    ("/targets/{}", ()),
    ("/indicators", ("topic", "goal", "type")),
    ("/indicators/{}", ()),
    ("/codelists", ()),
    ("/codelists/{}", ()),
    ("/areas", ("region",)),
    ("/areas/{}", ()),
    ("/regions", ("level",)),
    ("/regions/{}", ()),
    (
        "/observations",
        ("indicator", "area", "source", "from", "to", "limit", "offset", "format", "SEX", "AGE"),
    ),
    ("/series", ("indicator", "area", "limit", "offset", "SEX")),
    ("/series/{}", ()),
    ("/series/{}/observations", ("from", "to", "limit", "offset", "format")),
    ("/sources", ()),
    ("/sources/{}", ()),
    ("/assessments", ("indicator", "area", "level", "limit", "offset")),
    ("/scorecards", ()),
    ("/scorecards/{}", ()),
    ("/practices", ("q", "topic", "country", "level", "status", "limit", "offset")),
    ("/practices/{}", ()),
    ("/submissions", ()),
    ("/submissions/{}", ()),
]
CONTRIBUTION_FIELDS = ("title", "summary", "level", "countries", "start_year", "end_year", "topics", "links")
EXAMPLES = int(os.environ.get("COMPACTWATCH_FUZZ_EXAMPLES", "60"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)


def encoded(text: str) -> str:
    return quote(text.encode("utf-8", "surrogatepass"), safe="")


def row_counts() -> dict[str, int]:
    models = (Observation, Series, Source, Practice, DataSubmission, Transition, AuditEvent, ApiToken)
    counts = {model.__name__: model.objects.count() for model in models}
    return {**counts, "User": get_user_model().objects.count()}


def assert_clear_answer(response: Any) -> None:
    assert response.status_code < 500, response.content[:500]
    if response.status_code >= 400:
        error = response.json()["error"]
        assert set(error) == {"code", "message", "details"}
        assert error["code"]
        assert error["message"]


@pytest.fixture
def token(people: People, data: None) -> str:
    return people.token("reviewer_all")


@FUZZ
@given(st.data())
def test_hostile_urls_get_clear_errors_and_change_nothing(token: str, data: st.DataObject) -> None:
    before = row_counts()
    template, names = data.draw(st.sampled_from(GETS))
    path = template.format(encoded(data.draw(hostile))) if "{}" in template else template
    chosen = data.draw(st.lists(st.sampled_from(names), unique=True)) if names else []
    query = "&".join(f"{name}={encoded(data.draw(hostile))}" for name in chosen)
    headers = {"Authorization": f"Bearer {token}"} if data.draw(st.booleans()) else {}
    response = Client().get(f"{API}{path}?{query}", headers=headers)
    assert_clear_answer(response)
    assert row_counts() == before


@FUZZ
@given(st.data())
def test_hostile_contributions_get_clear_errors(token: str, data: st.DataObject) -> None:
    before = row_counts()
    value = st.one_of(
        hostile, st.integers(min_value=-(2**70), max_value=2**70), st.lists(hostile, max_size=3)
    )
    body = {name: data.draw(value) for name in data.draw(st.lists(st.sampled_from(CONTRIBUTION_FIELDS)))}
    raw = _json_with_surrogates(body)
    response = Client().post(f"{API}/practices/contributions", raw, content_type="application/json")
    assert_clear_answer(response)
    if response.status_code >= 400:
        assert row_counts() == before


@FUZZ
@given(st.data())
def test_hostile_moves_and_uploads_get_clear_errors(people: People, token: str, data: st.DataObject) -> None:
    before = row_counts()
    headers = {"Authorization": f"Bearer {token}"}
    client = Client()
    if data.draw(st.booleans()):
        body = {"target": data.draw(hostile), "comment": data.draw(hostile)}
        url = f"{API}/submissions/{encoded(data.draw(hostile))}/moves"
        response = client.post(
            url, _json_with_surrogates(body), content_type="application/json", headers=headers
        )
    else:
        # The test client writes file names as UTF-8 text: no lone surrogate or NUL can go in one.
        name = raw_bytes(data.draw(hostile)).decode("utf-8", "replace").replace("\x00", "") + ".csv"
        upload = SimpleUploadedFile(name or "x.csv", CHAD_FILE.encode(), content_type="text/csv")
        country, note = (raw_bytes(data.draw(hostile)) for _ in range(2))
        form = {"country": country, "note": note, "file": upload}
        response = client.post(f"{API}/submissions", form, headers=headers)
    assert_clear_answer(response)
    if response.status_code >= 400:
        assert row_counts() == before


def raw_bytes(text: str) -> bytes:
    """A form field as a hostile client sends it: a lone surrogate becomes bytes that are not UTF-8."""
    return text.encode("utf-8", "surrogatepass")


def _json_with_surrogates(value: Any) -> bytes:
    """JSON as a hostile client sends it: lone surrogates as \\uXXXX escapes, which json.dumps keeps."""
    return json.dumps(value).encode()
