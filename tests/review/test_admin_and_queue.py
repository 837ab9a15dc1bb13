"""Admin actions go through the workflow service; the queue shows each reviewer their countries only."""

from __future__ import annotations

import pytest

from compactwatch.core.workflow import State
from compactwatch.review.models import AuditEvent, DataSubmission
from compactwatch.review.services import move
from compactwatch.review.submissions import Upload, create_submission
from tests.accounts.personas import CHAD_FILE, People

pytestmark = pytest.mark.django_db


def submitted_by(author: object) -> DataSubmission:
    item = create_submission(Upload("chad.csv", CHAD_FILE.encode(), "TCD"), author=author, channel="web")
    move(item, State.SUBMITTED, actor=author)
    return item


def admin_action(people: People, action: str, item: DataSubmission) -> str:
    data = {"action": action, "_selected_action": [item.pk]}
    response = people.client("admin").post("/admin/review/datasubmission/", data, follow=True)
    return response.content.decode()


def test_an_admin_action_is_a_recorded_workflow_move(people: People) -> None:
    item = submitted_by(people.contributor_tcd)
    page = admin_action(people, "move_to_approved", item)
    assert "now approved" in page
    item.refresh_from_db()
    assert item.state == State.APPROVED
    last = item.transitions.last()
    assert (last.actor, last.source, last.target) == (people.admin, "submitted", "approved")
    assert AuditEvent.objects.filter(action="approved", channel="admin", object_id=str(item.pk)).exists()


def test_admin_actions_obey_the_rules(people: People) -> None:
    own = submitted_by(people.admin)
    assert "nobody may review their own submission" in admin_action(people, "move_to_approved", own)
    other = submitted_by(people.contributor_tcd)
    assert "cannot go from submitted to published" in admin_action(people, "move_to_published", other)
    assert set(DataSubmission.objects.values_list("state", flat=True)) == {"submitted"}


def test_state_cannot_be_edited_by_hand_in_the_admin(people: People) -> None:
    item = submitted_by(people.contributor_tcd)
    url = f"/admin/review/datasubmission/{item.pk}/change/"
    people.client("admin").post(url, {"state": "published"})
    item.refresh_from_db()
    assert item.state == State.SUBMITTED


@pytest.mark.parametrize(
    ("persona", "sees"),
    [
        ("reviewer_tcd", True),
        ("reviewer_all", True),
        ("admin", True),
        ("reviewer_nga", False),
        ("contributor_nga", False),
    ],
)
def test_the_queue_shows_only_items_in_scope(people: People, persona: str, sees: bool) -> None:
    submitted_by(people.contributor_tcd)
    page = people.client(persona).get("/review/").content.decode()
    assert ("chad.csv (TCD)" in page) == sees


def test_authors_see_what_they_sent_and_the_public_is_sent_to_sign_in(people: People) -> None:
    submitted_by(people.contributor_tcd)
    assert "chad.csv (TCD)" in people.client("contributor_tcd").get("/review/").content.decode()
    assert people.client(None).get("/review/").status_code == 302
    assert people.client("outsider").get("/review/").status_code == 403
