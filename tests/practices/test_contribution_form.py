"""The public contribution form: no account, lands as submitted with a status reference; bad input, bots
and floods are refused with a clear message and change nothing."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from compactwatch.practices.models import Practice
from compactwatch.practices.services import CONTRIBUTIONS_PER_ADDRESS
from tests.practices.conftest import row_counts

URL = reverse("practices:contribute")


def form_data(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "title": "Interpreters for children at the border",
        "summary": "Trained interpreters explain procedures to children.",
        "countries": ["TCD"],
        "level": "local",
        "status": "ongoing",
        "start_year": "2021",
        "topics": ["child-protection"],
        "target_groups": ["unaccompanied", "girls"],
        "links": "https://example.org/a\nhttps://example.org/b",
        "source_title": "Annual report",
        "source_year": "2022",
        "licence": "CC-BY-4.0",
        "contributor_name": "Amina",
        "contributor_email": "amina@example.org",
        "website": "",
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_the_form_page_shows_every_field() -> None:
    page = Client().get(URL)

    assert page.status_code == 200
    for name in ("title", "summary", "countries", "level", "topics", "policy_areas", "gcm_objectives"):
        assert f'name="{name}"' in page.content.decode()
    assert 'name="website"' in page.content.decode()  # the honeypot, hidden from people


@pytest.mark.django_db
def test_a_contribution_lands_as_submitted_without_author() -> None:
    response = Client().post(URL, form_data())

    practice = Practice.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("practices:status", args=[practice.reference])
    assert practice.state == "submitted"
    assert practice.author is None
    assert (practice.contributor_name, practice.contributor_email) == ("Amina", "amina@example.org")
    assert practice.links == ["https://example.org/a", "https://example.org/b"]
    assert practice.sources.get().year == 2022
    assert list(practice.transitions.values_list("actor", "source", "target")) == [
        (None, "draft", "submitted")
    ]
    assert len(practice.reference) >= 32


@pytest.mark.django_db
def test_the_status_page_follows_the_contribution() -> None:
    Client().post(URL, form_data())
    practice = Practice.objects.get()

    page = Client().get(reverse("practices:status", args=[practice.reference]))

    assert page.status_code == 200
    assert "Waiting for review" in page.content.decode()
    assert "amina@example.org" not in page.content.decode()
    assert Client().get(reverse("practices:status", args=["not-a-reference"])).status_code == 404


@pytest.mark.django_db
def test_a_submitted_contribution_is_not_public() -> None:
    Client().post(URL, form_data())
    practice = Practice.objects.get()

    assert Client().get(reverse("practices:detail", args=[practice.pk])).status_code == 404
    assert practice.title not in Client().get(reverse("practices:list")).content.decode()


BAD_INPUT = [
    ({"title": ""}, "title is required"),
    ({"summary": "x" * 3001}, "summary is longer than 3000 characters"),
    ({"summary": "Good <script>alert(1)</script>"}, "summary must be plain text"),
    ({"activities": '<a href="x">link</a>'}, "activities must be plain text"),
    ({"topics": ["no-such-topic"]}, "unknown topic: no-such-topic"),
    ({"countries": ["XYZ"]}, "unknown country (ISO 3166-1 alpha-3 code): XYZ"),
    ({"target_groups": ["grown-ups"]}, "unknown target group: grown-ups"),
    ({"level": "planetary"}, "level &#x27;planetary&#x27; is not one of"),
    ({"start_year": "next year"}, "start_year must be a year"),
    ({"start_year": "2020", "end_year": "2019"}, "the end year is before the start year"),
    ({"links": "javascript:alert(1)"}, "not a web address (http or https): javascript:alert(1)"),
    ({"links": "not a link"}, "not a web address"),
    ({"contributor_email": "nobody"}, "contributor_email is not an email address"),
    ({"contributor_name": ""}, "contributor_name is required"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("change", "message"), BAD_INPUT)
def test_bad_input_is_refused_with_a_message_and_changes_nothing(
    change: dict[str, Any], message: str
) -> None:
    before = row_counts()

    response = Client().post(URL, form_data(**change))

    assert response.status_code == 400
    assert message in response.content.decode()
    assert "Nothing was saved" in response.content.decode()
    assert row_counts() == before


@pytest.mark.django_db
def test_a_filled_honeypot_saves_nothing() -> None:
    before = row_counts()

    response = Client().post(URL, form_data(website="https://spam.example"))

    assert response.status_code == 400
    assert "filled in automatically" in response.content.decode()
    assert row_counts() == before


@pytest.mark.django_db
def test_one_address_may_send_only_a_few_an_hour() -> None:
    client = Client(REMOTE_ADDR="203.0.113.9")
    for number in range(CONTRIBUTIONS_PER_ADDRESS):
        assert client.post(URL, form_data(title=f"Practice {number}")).status_code == 302
    before = row_counts()

    refused = client.post(URL, form_data(title="One too many"))

    assert refused.status_code == 429
    assert "try again later" in refused.content.decode()
    assert row_counts() == before
    assert Client(REMOTE_ADDR="203.0.113.10").post(URL, form_data()).status_code == 302
