"""Fixtures for the good-practice library: people (from tests/accounts/personas.py), valid input, and a
helper that publishes a practice through the real workflow service."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection

from compactwatch.core.workflow import State
from compactwatch.practices.models import Practice, PracticeSource, PracticeTargetGroup
from compactwatch.practices.services import create_practice
from compactwatch.practices.validation import validate_practice
from compactwatch.review.models import AuditEvent, Transition
from compactwatch.review.services import move
from tests.accounts.personas import People, make_people


@pytest.fixture(autouse=True)
def _fast_passwords(settings: Any) -> None:
    """The personas' passwords are hashed quickly (the hasher is not what these tests are about)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def people(db: None) -> People:
    return make_people()


def valid_input(**overrides: Any) -> dict[str, Any]:
    """A complete, valid practice (invented for tests only; never seeded)."""
    raw: dict[str, Any] = {
        "title": "Foster care for unaccompanied children in Chad",
        "summary": "Families host unaccompanied children while their cases are resolved.",
        "countries": ["TCD"],
        "level": "national",
        "implementers": "Ministry of Social Action",
        "partners": "A test partner",
        "start_year": 2019,
        "end_year": 2023,
        "status": "completed",
        "topics": ["child-protection"],
        "policy_areas": ["UP1"],
        "gcm_objectives": ["GCM7"],
        "gcm_principles": ["GCMP8"],
        "target_groups": ["unaccompanied"],
        "activities": "Recruiting and training foster families.",
        "results": "Children placed in families.",
        "evidence": "Programme reports.",
        "links": ["https://example.org/foster-care"],
        "contact": "programme@example.org",
        "licence": "CC-BY-4.0",
        "sources": [{"title": "Programme report", "publisher": "Test publisher", "year": 2023}],
    }
    raw.update(overrides)
    return raw


Publish = Callable[..., Practice]


@pytest.fixture
def publish(people: People) -> Publish:
    """Create a practice from `valid_input(**overrides)` and take it to `state` through `move`."""

    def make(state: str = State.PUBLISHED.value, **overrides: Any) -> Practice:
        practice = create_practice(validate_practice(valid_input(**overrides)), author=people.admin)
        path = [State.SUBMITTED, State.APPROVED, State.PUBLISHED]
        for target in path:
            if practice.state == state:
                break
            actor = people.admin if target == State.SUBMITTED else people.reviewer_all
            move(practice, target, actor=actor)
        return practice

    return make


def fts_rows() -> int:
    if connection.vendor != "sqlite":
        return 0
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM practices_practice_fts")
        return int(cursor.fetchone()[0])


def row_counts() -> dict[str, int]:
    return {
        "practices": Practice.objects.count(),
        "sources": PracticeSource.objects.count(),
        "target_groups": PracticeTargetGroup.objects.count(),
        "transitions": Transition.objects.count(),
        "audit": AuditEvent.objects.count(),
        "fts": fts_rows(),
    }
