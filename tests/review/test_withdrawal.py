"""Withdrawing a published data submission takes its values out of the public data, and keeps history."""

from __future__ import annotations

import pytest

from compactwatch.core.workflow import State
from compactwatch.observations.models import Observation
from compactwatch.review.models import AuditEvent, DataSubmission
from compactwatch.review.services import move
from compactwatch.review.submissions import Upload, create_submission
from tests.accounts.personas import CHAD_FILE, People

pytestmark = pytest.mark.django_db

GIRLS_0_4 = {"series__area__iso3": "TCD", "series__key": "AGE=Y0T4|MIGRATORY_STATUS=REF|SEX=F", "year": 2023}


def published(people: People, content: str) -> DataSubmission:
    item = create_submission(
        Upload("chad.csv", content.encode(), "TCD"), author=people.contributor_tcd, channel="web"
    )
    move(item, State.SUBMITTED, actor=people.contributor_tcd)
    move(item, State.APPROVED, actor=people.reviewer_tcd)
    move(item, State.PUBLISHED, actor=people.reviewer_tcd)
    return item


def public_csv(people: People) -> str:
    response = people.client(None).get("/indicators/refugee-children/download/csv/")
    assert response.status_code == 200
    return response.content.decode()


def test_withdrawn_values_leave_the_public_data_but_stay_in_the_store(people: People) -> None:
    item = published(people, CHAD_FILE)
    assert "61234" in public_csv(people)
    move(item, State.WITHDRAWN, actor=people.reviewer_tcd, comment="figures double-counted")
    assert "61234" not in public_csv(people)
    assert not Observation.objects.filter(is_current=True, **GIRLS_0_4).exists()
    assert Observation.objects.filter(value=61234, **GIRLS_0_4).count() == 1
    event = AuditEvent.objects.get(action="data-withdrawn", object_id=str(item.pk))
    assert event.summary.startswith("2 values no longer published, 0 restored")


def test_withdrawing_a_revision_brings_back_the_value_before_it(people: People) -> None:
    published(people, CHAD_FILE)
    revision = published(people, CHAD_FILE.replace("61234", "61300"))
    assert Observation.objects.get(is_current=True, **GIRLS_0_4).value == 61300
    move(revision, State.WITHDRAWN, actor=people.reviewer_tcd, comment="the first figures stand")
    assert Observation.objects.get(is_current=True, **GIRLS_0_4).value == 61234
    csv = public_csv(people)
    assert "61234" in csv
    assert "61300" not in csv
