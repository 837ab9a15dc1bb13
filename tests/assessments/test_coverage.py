"""Coverage before verdict (DESIGN.md 5b): an overall status needs 3 rated indicators about children on the
move in 3 topics, each indicator counted for one topic only; roll-ups and the API say what they rest on."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from compactwatch.assessments import selectors
from compactwatch.assessments.selectors import Coverage, topics_covered
from compactwatch.assessments.services import assess
from compactwatch.framework.models import Indicator
from compactwatch.observations.models import ImportBatch, Observation, Source
from tests.assessments.conftest import AddSeries


def test_an_indicator_serving_two_topics_covers_one() -> None:
    assert topics_covered({1: frozenset({10, 20})}) == 1
    assert topics_covered({1: frozenset({10, 20}), 2: frozenset({10})}) == 2
    # the X(B, C), Y(A), Z(A) shape: three topics touched, but only two can be covered at once
    assert topics_covered({1: frozenset({20, 30}), 2: frozenset({10}), 3: frozenset({10})}) == 2
    assert topics_covered({1: frozenset({10, 20}), 2: frozenset({10, 20}), 3: frozenset({20, 30})}) == 3
    assert topics_covered({}) == 0


def test_the_rule_and_its_words() -> None:
    assert (selectors.MIN_RATED_INDICATORS, selectors.MIN_RATED_TOPICS) == (3, 3)
    short = Coverage(2, 29, 1, 6)
    assert not short.enough
    assert short.text == "rated on 2 of 29 indicators, in 1 of 6 topics"
    assert not Coverage(3, 29, 2, 6).enough
    assert not Coverage(2, 29, 3, 6).enough
    assert Coverage(3, 29, 3, 6).enough
    assert Coverage(1, 1).text == "rated on 1 of 1 indicator"
    assert Coverage(1, 3).enough
    assert not Coverage(0, 3).enough


def counted_indicators() -> int:
    active = Indicator.objects.filter(retired_in__isnull=True)
    return sum(1 for i in active if selectors.population_of(i) == selectors.CHILDREN_ON_THE_MOVE)


RISING = {2015: 40.0, 2022: 60.0}


@pytest.mark.django_db
def test_three_indicators_in_three_topics_carry_an_overall_status(
    client: Client, add_series: AddSeries
) -> None:
    add_series("guardian-appointed", "DEU", "", RISING)  # child protection
    add_series("indefinite-residence-permits", "DEU", "", {2015: 50.0, 2022: 70.0})  # durable solutions
    add_series("children-entering-detention", "DEU", "", {2015: 163, 2022: 232})  # detention
    assess()
    card = client.get("/api/v1/scorecards/DEU").json()
    total = counted_indicators()
    assert card["coverage"] == {
        "rated_indicators": 3,
        "indicators": total,
        "topics_covered": 3,
        "topics": 6,
        "enough_for_status": True,
        "text": f"rated on 3 of {total} indicators, in 3 of 6 topics",
    }
    assert card["overall"]["coverage"] == card["coverage"]
    # two series at +5 (growth well above 2% a year) and detention at -5: mean 5/3, with a target
    assert card["overall"]["status"] == "acceleration_needed"
    assert card["overall"]["score"] == pytest.approx(5 / 3, abs=0.01)
    listed = client.get("/api/v1/scorecards").json()
    assert [(c["iso3"], c["rollup"]["status"]) for c in listed] == [("DEU", "acceleration_needed")]
    page = client.get("/countries/DEU/").content.decode()
    assert 'data-status="acceleration_needed"' in page
    assert f"rated on 3 of {total} indicators, in 3 of 6 topics" in page


@pytest.mark.django_db
def test_three_indicators_in_two_topics_are_not_enough(client: Client, add_series: AddSeries) -> None:
    add_series("guardian-appointed", "DEU", "", RISING)  # child protection
    add_series("children-entering-detention", "DEU", "", {2015: 163, 2022: 232})  # detention
    law = add_series("detention-prohibited-law", "DEU", "", {})  # detention again
    Observation.objects.bulk_create(
        Observation(
            series=law, year=2020, value_code="YES", source=source, unit=law.indicator.unit, batch=batch
        )
        for source, batch in [(Source.objects.get(), ImportBatch.objects.get())]
    )
    assess()
    card = client.get("/api/v1/scorecards/DEU").json()
    assert card["overall"]["status"] == "not_enough_evidence"
    assert card["overall"]["status_label"] == "Not enough evidence"
    assert card["overall"]["score"] is None
    assert card["overall"]["counts"] == {"achieved": 1, "substantial_progress": 1, "deterioration": 1}
    assert (card["coverage"]["rated_indicators"], card["coverage"]["topics_covered"]) == (3, 2)
    detention = next(t for t in card["topics"] if t["code"] == "detention")
    assert detention["rollup"]["coverage"] == {
        "rated_indicators": 2,
        "indicators": 3,
        "topics_covered": None,
        "topics": None,
        "enough_for_status": True,
        "text": "rated on 2 of 3 indicators",
    }
    assert detention["rollup"]["counts"] == {"achieved": 1, "deterioration": 1}
    assert [g["rollup"]["coverage"]["text"] for g in detention["goals"]] == ["rated on 2 of 3 indicators"]
    page = client.get("/countries/DEU/").content.decode()
    assert 'data-status="not_enough_evidence"' in page
    assert re.search(
        r"Not enough evidence</a> <span class=\"coverage\">\(rated on 3 of \d+ indicators, in 2 of 6", page
    )
    assert "An overall status needs ratings on at least 3 indicators" in page
    countries = client.get("/countries/").content.decode()
    assert '<tr data-status="not_enough_evidence">' in countries


@pytest.mark.django_db
def test_insufficient_data_is_not_coverage(client: Client, add_series: AddSeries) -> None:
    add_series("guardian-appointed", "DEU", "", {2022: 60.0})  # one value: not rated
    add_series("children-entering-detention", "DEU", "", {2015: 163, 2022: 232})
    assess()
    card = client.get("/api/v1/scorecards/DEU").json()
    assert card["coverage"]["rated_indicators"] == 1
    assert card["overall"]["counts"] == {"insufficient_data": 1, "deterioration": 1}
    protection = next(t for t in card["topics"] if t["code"] == "child-protection")
    assert protection["rollup"]["status"] == "not_enough_evidence"
    assert protection["rollup"]["coverage"]["rated_indicators"] == 0


@pytest.mark.django_db
def test_a_context_indicator_is_shown_apart_and_never_carries_a_topic(
    client: Client, add_series: AddSeries
) -> None:
    assert Indicator.objects.get(code="birth-registration").population == "all-children"  # as declared
    add_series("birth-registration", "GBR", "", {2015: 100.0, 2021: 100.0})
    add_series("children-entering-detention", "GBR", "", {2015: 163, 2022: 232})
    assess()
    card = client.get("/api/v1/scorecards/GBR").json()
    assert card["coverage"]["rated_indicators"] == 1
    equality = next(t for t in card["topics"] if t["code"] == "non-discrimination")
    assert equality["rollup"]["status"] == "not_enough_evidence"
    assert equality["rollup"]["counts"] == {}
    populations = {a["indicator"]: a["population"] for a in card["indicators"]}
    assert populations == {
        "birth-registration": "all-children",
        "children-entering-detention": "children-on-the-move",
    }
    page = client.get("/countries/GBR/").content.decode()
    assert '<section class="population" data-population="all-children"' in page
    assert "Indicators: All children (context)" in page
    assert '<tr class="apart"><th scope="row">&emsp;<a href="#birth-registration">' in page
    assert "All children (context), not counted:" in page
    topic = client.get("/api/v1/topics/non-discrimination/countries").json()
    assert topic["countries"] == []


@pytest.mark.django_db
def test_every_indicator_declares_its_population() -> None:
    declared = dict(Indicator.objects.values_list("code", "population"))
    assert len(declared) == 29
    assert {code for code, p in declared.items() if p == "data-system"} == {
        "migratory-status-disaggregation",
        "refugee-age-data-coverage",
    }
    assert declared["birth-registration"] == declared["dtp3-coverage"] == "all-children"
    assert declared["children-entering-detention"] == declared["legal-identity"] == "children-on-the-move"
