"""Editing a practice's content: only its author, only while draft or returned; the admin re-indexes and
records every save, and cannot change the state."""

from __future__ import annotations

import pytest
from django.urls import reverse

from compactwatch.core.workflow import MoveRefused
from compactwatch.practices.models import Practice
from compactwatch.practices.selectors import PracticeFilters, search_practices
from compactwatch.practices.services import create_practice, update_practice
from compactwatch.practices.validation import validate_practice
from compactwatch.review.models import AuditEvent
from tests.practices.conftest import Publish, row_counts, valid_input


@pytest.mark.django_db
def test_only_the_author_edits_a_draft(people) -> None:
    draft = create_practice(validate_practice(valid_input()), author=people.contributor_tcd)
    before = row_counts()

    with pytest.raises(MoveRefused, match="only the author"):
        update_practice(draft, validate_practice(valid_input(title="Changed")), actor=people.reviewer_all)

    assert row_counts() == before
    assert Practice.objects.get().title == valid_input()["title"]


@pytest.mark.django_db
def test_a_published_practice_is_not_edited_in_place(publish: Publish, people) -> None:
    practice = publish()

    with pytest.raises(MoveRefused, match="cannot be edited"):
        update_practice(practice, validate_practice(valid_input(title="Changed")), actor=people.admin)


@pytest.mark.django_db
def test_the_admin_edits_content_and_keeps_the_index(publish: Publish, people) -> None:
    practice = publish(title="Before the edit")
    client = people.client("admin")
    page = client.get(reverse("admin:practices_practice_change", args=[practice.pk]))
    assert page.status_code == 200
    assert 'name="state"' not in page.content.decode()  # the state is read-only here

    form = page.context["adminform"].form
    data = {key: value for key, value in form.initial.items() if value is not None}
    data.update(
        {
            "title": "Revised wording",
            "countries": [a.pk for a in practice.countries.all()],
            "topics": [t.pk for t in practice.topics.all()],
            "policy_areas": [p.pk for p in practice.policy_areas.all()],
            "gcm_objectives": [r.pk for r in practice.gcm_objectives.all()],
            "gcm_principles": [r.pk for r in practice.gcm_principles.all()],
            "links": '["https://example.org/foster-care"]',
            "target_groups-TOTAL_FORMS": "0",
            "target_groups-INITIAL_FORMS": "0",
            "sources-TOTAL_FORMS": "0",
            "sources-INITIAL_FORMS": "0",
        }
    )
    response = client.post(reverse("admin:practices_practice_change", args=[practice.pk]), data)

    assert response.status_code == 302, response.content.decode()[:2000]
    assert [p.title for p in search_practices("revised", PracticeFilters())] == ["Revised wording"]
    assert AuditEvent.objects.filter(object_id=str(practice.pk), action="edited", channel="admin").exists()
    assert Practice.objects.get(pk=practice.pk).state == "published"
