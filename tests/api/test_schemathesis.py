"""schemathesis against the API's own OpenAPI document: no server error, no answer outside its schema.

The document is read from the running Django application (WSGI, in process), every operation it lists is
called with generated parameters and bodies (valid ones and broken ones), with and without an API token,
over the demo framework and a few observations (tests/api/conftest.py). Each answer must not be a 5xx,
must have a documented status, content type and headers, and its body must match the documented schema
(the error shape included). Small example counts keep the file fast; run it on both databases.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.accounts.personas import People

pytestmark = pytest.mark.django_db

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    negative_data_rejection,
]
# A few examples per operation keep the file fast; COMPACTWATCH_FUZZ_EXAMPLES=200 searches harder.
FEW = settings(
    max_examples=int(os.environ.get("COMPACTWATCH_FUZZ_EXAMPLES", "6")),
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)


@pytest.fixture(autouse=True)
def _one_connection() -> Iterator[None]:
    """The test's transaction stays open between calls, as with Django's test client (which does the same):
    the WSGI handler would otherwise close the database connection around each request."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.fixture
def token(people: People) -> str:
    return people.token("contributor_tcd")


@schema.parametrize()
@FEW
def test_every_operation_with_and_without_a_token(case: schemathesis.Case, data: None, token: str) -> None:
    case.call_and_validate(checks=CHECKS)
    case.call_and_validate(headers={"Authorization": f"Bearer {token}"}, checks=CHECKS)
