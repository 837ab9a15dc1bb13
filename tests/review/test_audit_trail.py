"""The audit trail: framework loads and edits, data imports and publications, workflow moves, per object."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import call_command

from compactwatch.core.workflow import State
from compactwatch.framework.models import FrameworkVersion, Unit
from compactwatch.review.models import AuditEvent
from compactwatch.review.services import move
from compactwatch.review.submissions import Upload, create_submission
from tests.accounts.personas import CHAD_FILE, People, write_file

pytestmark = pytest.mark.django_db


def published_csv(client: object) -> str:
    response = client.get("/indicators/refugee-children/download/csv/")  # type: ignore[attr-defined]
    assert response.status_code == 200
    return response.content.decode()


def test_a_publication_is_browsable_per_object_and_only_then_public(people: People) -> None:
    item = create_submission(
        Upload("chad.csv", CHAD_FILE.encode(), "TCD"), author=people.contributor_tcd, channel="web"
    )
    move(item, State.SUBMITTED, actor=people.contributor_tcd)
    move(item, State.APPROVED, actor=people.reviewer_tcd)
    public = people.client(None)
    assert "61234" not in published_csv(public), "approved but unpublished data is not public"
    move(item, State.PUBLISHED, actor=people.reviewer_tcd)
    assert "61234" in published_csv(public)
    page = (
        people.client("reviewer_all").get(f"/review/audit/review/datasubmission/{item.pk}/").content.decode()
    )
    for action, who in [
        ("created", "cora"),
        ("submitted", "cora"),
        ("approved", "rita"),
        ("published", "rita"),
    ]:
        assert f"<td>{who}</td><td>{action}</td>" in page
    assert "2 added, 0 revised, 0 unchanged" in page


def test_framework_loads_and_admin_edits_are_recorded(people: People) -> None:
    version = FrameworkVersion.objects.get(is_current=True)
    loaded = AuditEvent.objects.get(content_type__model="frameworkversion", object_id=str(version.pk))
    assert loaded.action == "framework-loaded"
    assert version.label in loaded.summary
    unit = Unit.objects.get(code="NUMBER")
    admin = people.client("admin")
    admin.post(
        f"/admin/framework/unit/{unit.pk}/change/", {"code": "NUMBER", "label": "Count", "description": ""}
    )
    page = admin.get(f"/review/audit/framework/unit/{unit.pk}/").content.decode()
    assert "<td>ada</td><td>framework-edited</td>" in page
    assert "changed: label" in page


def test_command_line_imports_appear_in_the_trail(people: People, tmp_path: Path) -> None:
    call_command("import", str(write_file(tmp_path)), stdout=io.StringIO(), stderr=io.StringIO())
    page = people.client("reviewer_tcd").get("/review/audit/").content.decode()
    assert "data-imported" in page
    assert "chad.csv" in page
    assert "2 rows read; 2 added" in page


@pytest.mark.parametrize(
    ("persona", "status"), [("contributor_tcd", 403), ("outsider", 403), ("anonymous", 302)]
)
def test_only_reviewers_and_admins_see_the_trail(people: People, persona: str, status: int) -> None:
    client = people.client(persona)
    assert client.get("/review/audit/").status_code == status
    version = FrameworkVersion.objects.get(is_current=True)
    assert client.get(f"/review/audit/framework/frameworkversion/{version.pk}/").status_code == status


def test_an_object_with_no_record_is_not_found(people: People) -> None:
    client = people.client("admin")
    assert client.get("/review/audit/framework/unit/999999/").status_code == 404
    assert client.get("/review/audit/nosuchapp/thing/1/").status_code == 404
