"""The demo database (bundled real data, rated): real, explained ratings for the UK and the countries
hosting many refugee children, and no overall status that rests on fewer than 3 indicators in 3 topics."""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations, permutations

import pytest
from django.conf import settings
from django.test import Client

from compactwatch.assessments import selectors
from compactwatch.assessments.models import Assessment
from compactwatch.assessments.services import assess
from compactwatch.framework.models import Indicator
from compactwatch.observations.bundled import load_bundled_data

COUNTRIES = ["GBR", "TUR", "DEU", "UGA", "PAK", "COL", "TCD"]


def three_in_three(topics_of: dict[int, set[int]]) -> bool:
    """Brute force: three different rated indicators, each standing for a different topic."""
    for trio in combinations(topics_of, 3):
        for order in permutations(trio):
            if any(
                len({a, b, c}) == 3
                for a in topics_of[order[0]]
                for b in topics_of[order[1]]
                for c in topics_of[order[2]]
            ):
                return True
    return False


def evidence_by_country() -> dict[str, dict[int, set[int]]]:
    """For each country, its rated indicators about children on the move and the topics each serves."""
    counted = {
        i.id: {g.topic_id for g in i.goals.all()}
        for i in Indicator.objects.filter(retired_in__isnull=True).prefetch_related("goals")
        if selectors.population_of(i) == selectors.CHILDREN_ON_THE_MOVE
    }
    evidence: dict[str, dict[int, set[int]]] = defaultdict(dict)
    rated = Assessment.objects.filter(level="indicator").exclude(status="insufficient_data")
    for iso3, indicator_id in rated.values_list("area__iso3", "indicator_id"):
        if indicator_id in counted:
            evidence[iso3][indicator_id] = counted[indicator_id]
    return evidence


def check_countries(client: Client) -> None:
    for iso3 in COUNTRIES:
        rated = Assessment.objects.filter(area__iso3=iso3, level="indicator").exclude(
            status="insufficient_data"
        )
        assert rated.exists(), iso3
        assert all(a.explanation.endswith(".") for a in rated)
        page = client.get(f"/countries/{iso3}/").content.decode()
        assert rated.first().explanation.split(":")[0] in page  # type: ignore[union-attr]
    uk = Assessment.objects.get(
        area__iso3="GBR", level="indicator", indicator__code="children-entering-detention"
    )
    assert uk.status == "deterioration"  # 163 children in 2015, 232 in 2022; the target is 0 by 2030


def check_coverage(client: Client) -> None:
    evidence = evidence_by_country()
    listed = client.get("/api/v1/scorecards").json()
    assert len(listed) > 150  # every country with a rating, with or without an overall status
    for country in listed:
        rollup = country["rollup"]
        enough = three_in_three(evidence.get(country["iso3"], {}))
        assert (rollup["status"] != "not_enough_evidence") == enough, country
        assert rollup["coverage"]["enough_for_status"] == enough
        assert rollup["coverage"]["rated_indicators"] == len(evidence.get(country["iso3"], {}))
        assert rollup["coverage"]["text"].startswith(f"rated on {rollup['coverage']['rated_indicators']} of ")
    page = client.get("/countries/AFG/").content.decode()  # "On track" on one indicator before the rule
    afghanistan = next(c for c in listed if c["iso3"] == "AFG")
    assert afghanistan["rollup"]["status"] == "not_enough_evidence"
    assert f"({afghanistan['rollup']['coverage']['text']})" in page
    assert afghanistan["rollup"]["coverage"]["text"] in client.get("/countries/").content.decode()


@pytest.mark.django_db
def test_scorecards_from_bundled_data(client: Client) -> None:
    load_bundled_data(settings.BUNDLED_DATA_DIR)
    assess()
    check_countries(client)
    check_coverage(client)
