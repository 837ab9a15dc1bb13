"""Everything the demo database publishes, held at once and added up, narrows no withheld count.

The auditor (linear programming over every published value, relation, derived rate and rating figure) is
run over the bundled real data after `assess()`, as an attacker would hold them.
"""

from __future__ import annotations

import pytest
from django.conf import settings

from compactwatch.assessments.services import assess
from compactwatch.core.disclosure import LinearFact
from compactwatch.observations.bundled import load_bundled_data
from compactwatch.publication_audit import audit_publication, holdings_now


@pytest.fixture
def demo_database(db: None) -> None:
    load_bundled_data(settings.BUNDLED_DATA_DIR)
    assess()


@pytest.mark.django_db
def test_nothing_published_narrows_a_withheld_count(demo_database: None) -> None:
    exposures = audit_publication()
    assert [e.describe() for e in exposures] == []


@pytest.mark.django_db
def test_the_audit_finds_a_slope_computed_from_a_withheld_value(demo_database: None) -> None:
    """The leak of the assessment API before ratings read published values: UK detention, ages 0-4,
    38 children in 2015, then 38 + 7 x (-5.2857) = 1 in 2022. Given as a fact, the audit pins the value."""
    holdings = holdings_now()
    positions = {
        (v.key, v.year): i
        for i, v in enumerate(holdings.values)
        if v.indicator == "children-entering-detention" and v.area == "GBR"
    }
    base, latest = positions[("AGE=Y0T4", 2015)], positions[("AGE=Y0T4", 2022)]
    assert holdings.values[latest].text == "<10"
    assert holdings.values[base].value == 38
    slope = (holdings.cells[latest].value - 38) / 7  # type: ignore[operator]
    leak = LinearFact(((latest, 1.0), (base, -1.0)), 7 * slope - 1e-4, 7 * slope + 1e-4)
    exposed = audit_publication(extra_facts=[leak])
    assert [(e.indicator, e.key, e.year) for e in exposed] == [
        ("children-entering-detention", "AGE=Y0T4", 2022)
    ]
    pinned = (exposed[0].feasible_low, exposed[0].feasible_high)
    assert pinned == pytest.approx((1.0, 1.0), abs=1e-3)  # shown "<10", yet it can only be 1


@pytest.mark.django_db
def test_uk_detention_2022_keeps_both_small_ages_unknown(demo_database: None) -> None:
    """Total 232 = 0-4 + 5-11 + 12-16 + 17: with 12-16 (132) and 17 (96) shown, the two "<10" cells would
    add up to 4. Another cell is withheld so each stays possibly 1 and possibly 9."""
    shown = {
        v.key: v.text
        for v in holdings_now().values
        if v.indicator == "children-entering-detention" and v.area == "GBR" and v.year == 2022
    }
    assert shown["AGE=Y0T4"] == "<10"
    assert shown["AGE=Y5T11"] == "<10"
    assert [shown[""], shown["AGE=Y12T16"], shown["AGE=Y17"]].count("") >= 1
