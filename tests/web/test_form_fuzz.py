"""Fuzzing every HTML form and every public page that reads its query or its address: NUL bytes, lone
surrogates (sent as the bytes Python would write for them), digits of other scripts, huge numbers and very
long values. No answer is a server error, no answer carries a traceback, and no row is written.

Runs on SQLite by default and on PostgreSQL (which refuses NUL in text) with DATABASE_URL set.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import quote

import pytest
from django.apps import apps
from django.core.cache import caches
from django.test import Client
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from tests.accounts.personas import People, make_people

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("bundled_data")]

NASTY = [
    "\x00",
    "a\x00b",
    "\ud800",
    "x\udfffy",
    "²",
    "٢٠١٩",
    "２０２０",
    "𝟗",
    "9" * 40,
    "9223372036854775808",
    "-9223372036854775809",
    "1e308",
    "-1",
    "NaN",
    "",
    " ",
    "%",
    "%00",
    "NGA,TCD,\x00",
    "x" * 5000,
    "'; select 1; --",
    "<script>alert(1)</script>",
]
VALUES = st.one_of(
    st.sampled_from(NASTY),
    st.text(st.characters(exclude_categories=()), max_size=40),  # surrogates and controls included
    st.integers().map(str),
    st.floats().map(str),
)
QUERY_NAMES = ["q", "indicator", "areas", "area", "SEX", "AGE", "page", "fragment", "country", "topic"]
QUERY_NAMES += ["level", "status", "target_group", "policy_area", "gcm_objective", "start_year", "year"]
PAGES_WITH_QUERIES = [
    "/",
    "/search/",
    "/indicators/",
    "/indicators/refugee-children/",
    "/indicators/uasc-asylum-decisions/",
    "/compare/",
    "/practices/",
    "/countries/",
    "/countries/GBR/",
    "/framework/",
]
ADDRESS_TEMPLATES = [
    "/countries/{}/",
    "/indicators/{}/",
    "/indicators/refugee-children/download/{}/",
    "/goals/{}/",
    "/topics/{}/",
    "/topics/{}/countries/",
    "/framework/versions/{}.json",
    "/practices/status/{}/",
    "/areas/{}/",
]
EXAMPLES = hypothesis_settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def encoded(value: str) -> str:
    return quote(value, safe="", errors="surrogatepass")


def form_body(fields: dict[str, str]) -> str:
    return "&".join(f"{encoded(name)}={encoded(value)}" for name, value in fields.items())


def row_counts() -> dict[str, int]:
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


def assert_answered(response: object, what: str) -> None:
    status = response.status_code  # type: ignore[attr-defined]
    assert status < 500, (what, status)
    body = getattr(response, "content", b"")
    assert b"Traceback" not in body, what


def checked(send: Callable[[], object], what: str, may_add: frozenset[str] = frozenset()) -> None:
    """Send one request with an empty rate-limit cache; it must answer and write nothing (but one row of
    each model in `may_add`, when the input was in fact valid)."""
    for alias in ("default", "pages"):
        caches[alias].clear()
    before = row_counts()
    assert_answered(send(), what)
    after = row_counts()
    for label in may_add:
        assert after[label] - before[label] in (0, 1), (what, label)
        after[label] = before[label]
    assert after == before, what


@EXAMPLES
@given(page=st.sampled_from(PAGES_WITH_QUERIES), query=st.dictionaries(st.sampled_from(QUERY_NAMES), VALUES))
def test_public_pages_with_any_query(page: str, query: dict[str, str]) -> None:
    path = f"{page}?{form_body(query)}"
    checked(lambda: Client().get(path), path)


@EXAMPLES
@given(template=st.sampled_from(ADDRESS_TEMPLATES), value=VALUES.filter(lambda v: v not in ("", ".", "..")))
def test_public_pages_with_any_address(template: str, value: str) -> None:
    path = template.format(encoded(value))
    checked(lambda: Client().get(path), path)


CONTRIBUTION_FIELDS = ["title", "summary", "countries", "level", "implementers", "start_year", "end_year"]
CONTRIBUTION_FIELDS += ["status", "topics", "links", "source_title", "source_year", "source_url", "licence"]
CONTRIBUTION_FIELDS += ["contributor_name", "contributor_organisation", "website"]


@EXAMPLES
@given(fields=st.dictionaries(st.sampled_from(CONTRIBUTION_FIELDS), VALUES))
def test_the_contribution_form(fields: dict[str, str]) -> None:
    body = form_body({**fields, "contributor_email": "not an address"})  # never valid: nothing may be saved
    urlencoded = "application/x-www-form-urlencoded"
    checked(lambda: Client().post("/practices/contribute/", body, content_type=urlencoded), body[:200])


@EXAMPLES
@given(username=VALUES, password=VALUES)
def test_the_sign_in_form(username: str, password: str) -> None:
    body = form_body({"username": username, "password": password})
    urlencoded = "application/x-www-form-urlencoded"
    checked(lambda: Client().post("/accounts/login/", body, content_type=urlencoded), body[:200])


@pytest.fixture
def reviewer(db: None, settings: pytest.FixtureRequest) -> Client:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # type: ignore[attr-defined]
    people: People = make_people()
    client = Client()
    client.force_login(people.reviewer_tcd)
    return client


@EXAMPLES
@given(value=VALUES)
def test_the_signed_in_forms(reviewer: Client, value: str) -> None:
    urlencoded = "application/x-www-form-urlencoded"
    token_body = form_body({"name": value})
    new_token = "/accounts/tokens/new/"
    added = frozenset({"accounts.ApiToken", "review.AuditEvent"})  # a token named like `value` is fine
    checked(lambda: reviewer.post(new_token, token_body, content_type=urlencoded), token_body, added)
    pending_device = frozenset({"otp_totp.TOTPDevice"})  # enrolment starts an unconfirmed device
    forms = {
        "/accounts/second-factor/": ({"code": value}, pending_device),
        "/accounts/second-factor/remove/": ({"code": value}, frozenset()),
        "/review/submissions/new/": ({"country": value, "note": value}, frozenset()),
        "/review/items/review/datasubmission/1/move/": ({"target": value, "comment": value}, frozenset()),
    }
    for path, (fields, may_add) in forms.items():
        body = form_body(fields)
        send = lambda p=path, b=body: reviewer.post(p, b, content_type=urlencoded)  # noqa: E731
        checked(send, f"{path} {body[:200]}", may_add)
    audit = f"/review/audit/review/datasubmission/{encoded(value)}/"
    checked(lambda: reviewer.get(audit), audit)
