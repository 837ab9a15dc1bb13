"""Browse and detail pages: only published practices, every filter, text escaped on output."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests.practices.conftest import Publish

LIST = reverse("practices:list")


def _listed(**params: str) -> str:
    response = Client().get(LIST, params)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
def test_the_detail_page_shows_a_published_practice(publish: Publish) -> None:
    practice = publish()

    page = Client().get(reverse("practices:detail", args=[practice.pk])).content.decode()

    for text in (
        "Foster care for unaccompanied children in Chad",
        "Chad",
        "Ministry of Social Action",
        "2019–2023",
        "Completed",
        "Unaccompanied children",
        "GCM7",
        "Child-sensitive",
        "Programme report",
        "https://example.org/foster-care",
        "CC-BY-4.0",
    ):
        assert text in page, text


@pytest.mark.django_db
@pytest.mark.parametrize("state", ["submitted", "approved"])
def test_unpublished_practices_are_not_shown(publish: Publish, state: str) -> None:
    practice = publish(state=state, title="Not yet public")

    assert Client().get(reverse("practices:detail", args=[practice.pk])).status_code == 404
    assert "Not yet public" not in _listed()


@pytest.mark.django_db
def test_a_withdrawn_practice_disappears(publish: Publish, people) -> None:
    from compactwatch.review.services import move

    practice = publish(title="Withdrawn later")
    move(practice, "withdrawn", actor=people.reviewer_all, comment="source no longer available")

    assert Client().get(reverse("practices:detail", args=[practice.pk])).status_code == 404
    assert "Withdrawn later" not in _listed()


@pytest.mark.django_db
def test_text_is_escaped_on_output(publish: Publish) -> None:
    practice = publish(summary='Fewer than 5 children & "families" < 10 > 2')

    page = Client().get(reverse("practices:detail", args=[practice.pk])).content.decode()

    assert "Fewer than 5 children &amp; &quot;families&quot; &lt; 10 &gt; 2" in page


FILTERS = [
    ("topic", "detention", {"topics": ["detention"]}),
    ("policy_area", "UP2", {"policy_areas": ["UP2"]}),
    ("gcm_objective", "GCM13", {"gcm_objectives": ["GCM13"]}),
    ("gcm_principle", "GCMP7", {"gcm_principles": ["GCMP7"]}),
    ("country", "NGA", {"countries": ["NGA"]}),
    ("level", "regional", {"level": "regional"}),
    ("target_group", "girls", {"target_groups": ["girls"]}),
    ("status", "ongoing", {"status": "ongoing"}),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "value", "tags"), FILTERS)
def test_each_tag_filters_the_list(publish: Publish, name: str, value: str, tags: dict) -> None:
    publish(title="The default practice")
    publish(title="The tagged practice", **tags)

    page = _listed(**{name: value})

    assert "The tagged practice" in page
    assert "The default practice" not in page
    assert "1 practice found." in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("topic", "nope", "unknown topic: nope"),
        ("country", "ZZZ", "unknown country"),
        ("level", "galactic", "unknown level: galactic"),
        ("gcm_objective", "GCMP1", "unknown GCM objective"),
    ],
)
def test_an_unknown_filter_says_so(publish: Publish, name: str, value: str, message: str) -> None:
    publish()

    response = Client().get(LIST, {name: value})

    assert response.status_code == 400
    assert message in response.content.decode()


@pytest.mark.django_db
def test_search_from_the_list_page(publish: Publish) -> None:
    publish(title="Cash transfers to families")
    publish(title="Legal aid")

    page = _listed(q="cash")

    assert "Cash transfers to families" in page
    assert "Legal aid" not in page
