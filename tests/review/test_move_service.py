"""The one workflow service: each allowed move recorded with who, when, from, to; refusals change nothing."""

from __future__ import annotations

import pytest

from compactwatch.core.workflow import MoveRefused, State
from compactwatch.observations.models import Observation
from compactwatch.review.models import AuditEvent, DataSubmission, Transition
from compactwatch.review.services import move
from compactwatch.review.submissions import Upload, create_submission
from tests.accounts.personas import CHAD_FILE, People

pytestmark = pytest.mark.django_db


def submission_by(author: object) -> DataSubmission:
    return create_submission(Upload("chad.csv", CHAD_FILE.encode(), "TCD"), author=author, channel="web")


def refused_code(item: DataSubmission, target: State, actor: object, comment: str = "") -> str:
    before = (Transition.objects.count(), AuditEvent.objects.count(), item.state)
    with pytest.raises(MoveRefused) as refused:
        move(item, target, actor=actor, comment=comment)
    item.refresh_from_db()
    assert (Transition.objects.count(), AuditEvent.objects.count(), item.state) == before
    return refused.value.code


def test_the_whole_way_to_publication_is_recorded_and_imports_the_data(people: People) -> None:
    item = submission_by(people.contributor_tcd)
    assert Observation.objects.count() == 0, "a draft publishes nothing"
    move(item, State.SUBMITTED, actor=people.contributor_tcd)
    move(item, State.RETURNED, actor=people.reviewer_tcd, comment="Add the 2022 figures")
    move(item, State.SUBMITTED, actor=people.contributor_tcd)
    move(item, State.APPROVED, actor=people.reviewer_tcd)
    assert Observation.objects.count() == 0, "approved is not yet published"
    move(item, State.PUBLISHED, actor=people.reviewer_tcd)
    moves = [(t.actor.username, t.source, t.target, t.comment) for t in item.transitions.all()]
    assert moves == [
        ("cora", "draft", "submitted", ""),
        ("rita", "submitted", "returned", "Add the 2022 figures"),
        ("cora", "returned", "submitted", ""),
        ("rita", "submitted", "approved", ""),
        ("rita", "approved", "published", ""),
    ]
    assert (
        Observation.objects.filter(
            series__area__iso3="TCD", batch__imported_by=people.contributor_tcd
        ).count()
        == 2
    )
    events = AuditEvent.objects.filter(content_type__model="datasubmission", object_id=str(item.pk))
    actions = list(events.order_by("pk").values_list("action", flat=True))
    assert actions == [
        "created",
        "submitted",
        "returned",
        "submitted",
        "approved",
        "data-imported",
        "published",
    ]


def test_nobody_approves_their_own_submission(people: People) -> None:
    item = submission_by(people.reviewer_all)
    move(item, State.SUBMITTED, actor=people.reviewer_all)
    assert refused_code(item, State.APPROVED, people.reviewer_all) == "own-submission"
    move(item, State.APPROVED, actor=people.admin)
    assert item.state == State.APPROVED


def test_a_return_needs_a_comment(people: People) -> None:
    item = submission_by(people.contributor_tcd)
    move(item, State.SUBMITTED, actor=people.contributor_tcd)
    assert refused_code(item, State.RETURNED, people.reviewer_tcd, comment="   ") == "comment-required"


def test_moves_outside_the_rules_are_refused(people: People) -> None:
    item = submission_by(people.contributor_tcd)
    assert refused_code(item, State.SUBMITTED, people.contributor_nga) == "out-of-scope"
    assert refused_code(item, State.PUBLISHED, people.reviewer_tcd) == "move-not-allowed"
    assert refused_code(item, "deleted", people.reviewer_tcd) == "unknown-state"  # type: ignore[arg-type]
    assert refused_code(item, State.SUBMITTED, people.outsider) == "sign-in-required"
    assert refused_code(item, State.SUBMITTED, None) == "sign-in-required"
    move(item, State.SUBMITTED, actor=people.contributor_tcd)
    assert refused_code(item, State.APPROVED, people.contributor_tcd) == "role-not-allowed"
    assert refused_code(item, State.APPROVED, people.contributor_nga) == "role-not-allowed"
    assert refused_code(item, State.RETURNED, people.reviewer_tcd, comment="x" * 2001) == "bad-comment"
    script = "<script>alert(1)</script>"
    assert refused_code(item, State.RETURNED, people.reviewer_tcd, comment=script) == "bad-comment"


def test_a_disabled_reviewer_can_no_longer_move_anything(people: People) -> None:
    item = submission_by(people.contributor_tcd)
    move(item, State.SUBMITTED, actor=people.contributor_tcd)
    people.reviewer_tcd.is_active = False
    people.reviewer_tcd.save()
    assert refused_code(item, State.APPROVED, people.reviewer_tcd) == "sign-in-required"
