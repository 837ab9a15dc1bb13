"""Derived figures are linear facts for the auditor: a slope or a rate computed from raw values gives a
withheld count back, and the auditor says so; the same figures over published values do not."""

from __future__ import annotations

import math

from compactwatch.core.disclosure import LinearFact, audit, rate_facts, slope_fact
from compactwatch.core.suppression import Cell, publish

SENSITIVE = {"children-entering-detention": 10, "uasc-grant": 10}


def ages_0_to_4() -> list[Cell]:
    """UK children aged 0-4 entering detention: 38 in 2015, 1 in 2022."""
    return [
        Cell("children-entering-detention", "GBR", (("AGE", "Y0T4"),), 2015, "NUMBER", 38.0),
        Cell("children-entering-detention", "GBR", (("AGE", "Y0T4"),), 2022, "NUMBER", 1.0),
    ]


def test_a_slope_of_raw_values_gives_back_the_last_year() -> None:
    cells = ages_0_to_4()
    shown = publish(cells, SENSITIVE, 5)
    assert [p.text for p in shown] == ["38", "<10"]
    assert audit(cells, shown, SENSITIVE, 5) == []
    # The rating published (1 - 38) / 7 = -5.2857: 38 + 7 x -5.2857 = 1.
    found = audit(cells, shown, SENSITIVE, 5, facts=[slope_fact(0, 1, 7, -5.2857, 4)])
    assert [(e.cell, round(e.feasible_low, 3), round(e.feasible_high, 3)) for e in found] == [(1, 1.0, 1.0)]
    # Rounded to a whole number it still bounds the count to 1..6 (38 - 7 x 5.5 = -0.5; 38 - 7 x 4.5 = 6.5).
    found = audit(cells, shown, SENSITIVE, 5, facts=[slope_fact(0, 1, 7, -5.0, 0)])
    assert [(e.cell, e.feasible_low, e.feasible_high) for e in found] == [(1, 1.0, 6.5)]


def test_a_fact_over_published_values_only_reveals_nothing() -> None:
    cells = [
        *ages_0_to_4(),
        Cell("children-entering-detention", "GBR", (("AGE", "Y0T4"),), 2016, "NUMBER", 52.0),
    ]
    shown = publish(cells, SENSITIVE, 5)
    assert audit(cells, shown, SENSITIVE, 5, facts=[slope_fact(0, 2, 1, 14.0, 1)]) == []


def grants() -> list[Cell]:
    return [
        Cell("uasc-grant", "GBR", (("DECISION", "GRANT_PROT"),), 2014, "NUMBER", 4.0),
        Cell("uasc-grant", "GBR", (("DECISION", "REFUSED"),), 2014, "NUMBER", 36.0),
    ]


def test_a_grant_rate_of_raw_values_gives_back_the_grants() -> None:
    cells = grants()
    shown = publish(cells, SENSITIVE, 5)
    assert [p.text for p in shown] == ["<10", "36"]
    # 4 / (4 + 36) = 10.0%: g / (g + 36) in [0.0995, 0.1005] puts g within 3.98..4.02.
    facts = rate_facts([0], [0, 1], 10.0, per=100, decimals=1)
    found = audit(cells, shown, SENSITIVE, 5, facts=facts)
    assert [(e.cell, round(e.feasible_low, 2), round(e.feasible_high, 2)) for e in found] == [(0, 3.98, 4.02)]


def test_a_fact_the_caller_writes_by_hand() -> None:
    cells = grants()
    shown = publish(cells, SENSITIVE, 5)
    # A share of 4 in 10 of the grants and refusals' sum, without bounds on one side.
    fact = LinearFact(((0, 1.0), (1, -0.1)), -math.inf, 0.4)
    found = audit(cells, shown, SENSITIVE, 5, facts=[fact])
    assert [(e.cell, e.feasible_high) for e in found] == [(0, 4.0)]
