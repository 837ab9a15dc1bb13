"""A signed-in contributor sends a practice as its author, within their country scope; a reviewer then
returns it with a comment, which the contributor's status page shows."""

from __future__ import annotations

import pytest
from django.urls import reverse

from compactwatch.practices.models import Practice
from compactwatch.review.services import move
from tests.practices.conftest import row_counts
from tests.practices.test_contribution_form import URL, form_data


@pytest.mark.django_db
def test_a_contributor_submits_for_their_country(people) -> None:
    client = people.client("contributor_tcd")

    response = client.post(URL, form_data(contributor_name="", contributor_email=""))

    assert response.status_code == 302
    practice = Practice.objects.get()
    assert practice.author == people.contributor_tcd
    assert practice.state == "submitted"
    assert list(practice.transitions.values_list("actor", "target")) == [
        (people.contributor_tcd.pk, "submitted")
    ]


@pytest.mark.django_db
def test_a_contributor_cannot_submit_for_another_country(people) -> None:
    before = row_counts()

    response = people.client("contributor_tcd").post(URL, form_data(countries=["NGA"]))

    assert response.status_code == 400
    assert "outside your scope" in response.content.decode()
    assert row_counts() == before


@pytest.mark.django_db
def test_a_returned_contribution_shows_the_comment(people) -> None:
    from django.test import Client

    Client().post(URL, form_data())
    practice = Practice.objects.get()
    move(practice, "returned", actor=people.reviewer_tcd, comment="Please add a source with a year.")

    page = Client().get(reverse("practices:status", args=[practice.reference])).content.decode()

    assert "Returned with comments" in page
    assert "Please add a source with a year." in page


@pytest.mark.django_db
def test_reviewers_see_the_contributor_on_the_review_page(people) -> None:
    from django.test import Client

    Client().post(URL, form_data())
    practice = Practice.objects.get()

    page = people.client("reviewer_tcd").get(
        reverse("review:item", args=["practices", "practice", practice.pk])
    )

    assert page.status_code == 200
    assert "amina@example.org" in page.content.decode()
    assert (
        people.client("reviewer_nga")
        .get(reverse("review:item", args=["practices", "practice", practice.pk]))
        .status_code
        == 404
    )
