"""Worked examples of the UNSD 2023, absolute-change, linear-trend, structural and equity-gap methods."""

from __future__ import annotations

import pytest

from compactwatch.core.progress import (
    CodedSeries,
    Direction,
    Series,
    Settings,
    Status,
    Target,
    absolute,
    equity,
    structural,
    unsd,
)

UP, DOWN = Direction.INCREASE, Direction.DECREASE


def test_unsd_completion_ratio() -> None:
    # 62 (2015) -> 71 (2021), target 100 by 2030: y_T' = 71 * 1.022848^9 = 87.0078;
    # CR = (87.0078 - 62) / (100 - 62) = 0.65810 -> acceleration needed.
    outcome = unsd.assess(Series.of([(2015, 62), (2021, 71)]), Settings(UP, Target(100, 2030)))
    assert outcome.status is Status.ACCELERATION_NEEDED
    assert outcome.components.projected_value == pytest.approx(87.0078, abs=1e-3)
    assert outcome.components.ratio == pytest.approx(0.65810, abs=1e-5)


def test_unsd_stagnation_and_one_point_tolerance() -> None:
    flat = unsd.assess(Series.of([(2015, 62), (2021, 62.5)]), Settings(UP, Target(100, 2030)))
    assert flat.status is Status.STAGNATION_OR_REGRESSION  # CR = (62.5*1.00134^9 - 62)/38 = 0.029
    near = Series.of([(2015, 90), (2021, 99.2)])
    assert unsd.assess(near, Settings(UP, Target(100, 2030)), percentage=True).status is Status.ACHIEVED
    assert unsd.assess(near, Settings(UP, Target(100, 2030))).status is not Status.ACHIEVED


def test_unsd_needs_a_target() -> None:
    outcome = unsd.assess(Series.of([(2015, 62), (2021, 71)]), Settings(UP))
    assert (outcome.status, outcome.components.reason) == (Status.INSUFFICIENT_DATA, "no-target")


def test_absolute_change_zero_target_on_track() -> None:
    # 163 (2015) -> 80 (2022), target 0 by 2030: slope = -83/7 = -11.857; required = -163/15 = -10.867;
    # R = 1.09115 -> on track, score = 2.5 + (1.09115 - 0.95) / 0.35 * 2.5 = 3.5082;
    # projection 80 - 8 * 11.857 = -14.857 stops at 0: the line reaches 0 after 80 / 11.857 = 6.75 years,
    # so by 2022 + 7 = 2029.
    outcome = absolute.assess_absolute_change(
        Series.of([(2015, 163), (2022, 80)]), Settings(DOWN, Target(0, 2030))
    )
    c = outcome.components
    assert outcome.status is Status.ON_TRACK
    assert c.slope_actual == pytest.approx(-11.857, abs=1e-3)
    assert c.slope_required == pytest.approx(-10.8667, abs=1e-4)
    assert c.ratio == pytest.approx(1.09115, abs=1e-5)
    assert outcome.score == pytest.approx(3.5082, abs=1e-4)
    assert c.projected_value == 0.0
    assert c.reaches_target_year == 2029


def test_absolute_change_deterioration() -> None:
    # 163 -> 232: slope +9.857, R = -0.9071 -> deterioration, score clamped at -5.
    outcome = absolute.assess_absolute_change(
        Series.of([(2015, 163), (2022, 232)]), Settings(DOWN, Target(0, 2030))
    )
    assert outcome.status is Status.DETERIORATION
    assert outcome.components.ratio == pytest.approx(-0.9071, abs=1e-4)
    assert outcome.score == -5.0


def test_linear_trend_uses_every_point() -> None:
    # 10, 8, 6 in 2015-2017: slope -2; required (0 - 10) / 10 = -1; R = 2 -> on track, score 5.
    outcome = absolute.assess_linear_trend(
        Series.of([(2015, 10), (2016, 8), (2017, 6)]), Settings(DOWN, Target(0, 2025))
    )
    assert outcome.components.slope_actual == pytest.approx(-2.0)
    assert (outcome.status, outcome.score) == (Status.ON_TRACK, 5.0)


@pytest.mark.parametrize(
    ("points", "status"),
    [
        ([(2015, "NO"), (2018, "PARTIAL")], Status.IN_PROGRESS),
        ([(2015, "NO"), (2019, "YES")], Status.ACHIEVED),
        ([(2016, "YES"), (2020, "PARTIAL")], Status.MOVED_BACKWARDS),
        ([(2016, "NO")], Status.NOT_ACHIEVED),
        ([], Status.INSUFFICIENT_DATA),
    ],
)
def test_structural(points: list[tuple[int, str]], status: Status) -> None:
    assert structural.assess(CodedSeries.of(points), Settings(UP, Target(0, 2030))).status is status


def test_structural_dates() -> None:
    outcome = structural.assess(CodedSeries.of([(2014, "NO"), (2017, "YES"), (2020, "YES")]), Settings(UP))
    c = outcome.components
    assert (c.latest_code, c.previous_code, c.extra["since"], c.base_year) == ("YES", "NO", 2017, 2014)


def test_equity_gap_closing_and_widening() -> None:
    pair = equity.Pair("SEX", "F", "M")
    girls, boys = Series.of([(2017, 50), (2021, 60)]), Series.of([(2017, 55), (2021, 62)])
    closing = equity.assess(girls, boys, Settings(UP), pair)
    assert (closing.status, closing.components.gap_base, closing.components.gap_latest) == (
        Status.GAP_CLOSING,
        -5.0,
        -2.0,
    )
    widening = equity.assess(Series.of([(2017, 50), (2021, 51)]), boys, Settings(UP), pair)
    assert widening.status is Status.GAP_WIDENING
    assert equity.disadvantaged(-2.0, Settings(UP))
    assert not equity.disadvantaged(-2.0, Settings(DOWN))
