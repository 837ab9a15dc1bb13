"""Minimum-data rules: too little data is a status of its own, with its reason, never a guess."""

from __future__ import annotations

import pytest

from compactwatch.core.progress import Direction, InvalidSeries, Series, Settings, Status, Target
from compactwatch.core.progress.registry import METHODS

UP = Direction.INCREASE


@pytest.mark.parametrize("method", sorted(METHODS))
@pytest.mark.parametrize(
    ("points", "config", "reason"),
    [
        ([(2018, 50)], Settings(UP, Target(100, 2030)), "fewer-than-two-points"),
        ([(2010, 40), (2014, 50)], Settings(UP, Target(100, 2030)), "base-after-latest"),
        ([(2015, 40), (2016, 50)], Settings(UP, Target(100, 2040), as_of_year=2030), "too-old"),
        ([(2012, 40), (2019, 50)], Settings(UP, Target(100, 2030)), "fewer-than-two-points"),
    ],
)
def test_insufficient(method: str, points: list[tuple[int, float]], config: Settings, reason: str) -> None:
    outcome = METHODS[method].run(Series.of(points), config, False)
    assert (outcome.status, outcome.components.reason) == (Status.INSUFFICIENT_DATA, reason)


@pytest.mark.parametrize("method", ["statcan", "unsd-2023"])
def test_growth_rates_need_one_sign(method: str) -> None:
    settings = Settings(UP, Target(100, 2030))
    sign = METHODS[method].run(Series.of([(2015, -5), (2020, 5)]), settings, False)
    assert sign.components.reason == "sign-change"
    # A base of 0 is rated now (the rule is in test_rules_golden.py), never left without a rating.
    zero = METHODS[method].run(Series.of([(2015, 0), (2020, 5)]), settings, False)
    assert zero.status is not Status.INSUFFICIENT_DATA
    assert zero.components.zero_base == "linear-from-zero"


def test_duplicate_years_are_refused() -> None:
    with pytest.raises(InvalidSeries, match="2016"):
        Series.of([(2016, 1), (2016, 2)])
