"""Worked examples of the shared rules, computed by hand: target years that have passed, a value at the
target from one point, the one-point tolerance, zero bases, zero-target projections, breaks, partial
years, thresholds set per indicator, the ESCAP method and the vocabulary of labels."""

from __future__ import annotations

import pytest

from compactwatch.core.progress import (
    STATUS_LABELS,
    Direction,
    Series,
    Settings,
    Status,
    Subject,
    Target,
    aggregate,
    rate,
    rate_side_by_side,
)
from compactwatch.core.progress.absolute import assess_linear_trend
from compactwatch.core.progress.escap import assess as escap_assess
from compactwatch.core.progress.registry import METHODS, describe
from compactwatch.core.progress.statcan import assess as statcan_assess

UP, DOWN = Direction.INCREASE, Direction.DECREASE
BIRTHS = Subject("Birth registration", "PERCENT")
REFUGEES = Subject("Refugee children", "NUMBER")


def test_met_by_the_target_year_and_held_is_achieved_with_the_trend_beside() -> None:
    # Target 100 by 2020, met in 2018 and held in 2022. Trend: v = (100/90)^(1/7) - 1 = 0.015165 >= 1.5%.
    outcome = statcan_assess(
        Series.of([(2015, 90), (2018, 100), (2022, 100)]), Settings(UP, Target(100, 2020))
    )
    c = outcome.components
    assert (outcome.status, outcome.score, c.met_year, c.evaluated_year) == (Status.ACHIEVED, 5.0, 2018, 2018)
    assert (c.trend_status, c.trend_score) == (
        "substantial_progress",
        pytest.approx(2.5 + 0.000165 / 0.005 * 2.5, abs=1e-3),
    )
    assert c.progress_value == pytest.approx(0.015165, abs=1e-6)


def test_met_after_the_target_year_is_achieved_late() -> None:
    # 90 in 2020, the target year, short of 100; 100 in 2023.
    rating = rate(Series.of([(2015, 80), (2020, 90), (2023, 100)]), Settings(UP, Target(100, 2020)), BIRTHS)
    c = rating.components
    assert (rating.status, c.evaluated_year, c.value_at_target_year, c.met_year) == (
        Status.ACHIEVED_LATE,
        2020,
        90,
        2023,
    )
    assert (
        "it was 90% in 2020, short of the target of 100% by 2020, and reached it in 2023"
        in rating.explanation
    )
    assert rating.explanation.split(" (the trend alone")[0].endswith("target achieved late")


def test_met_then_fell_back_is_never_achieved() -> None:
    rating = rate(Series.of([(2015, 80), (2018, 100), (2022, 95)]), Settings(UP, Target(100, 2020)), BIRTHS)
    assert (rating.status, rating.score, rating.components.met_year) == (
        Status.MET_THEN_FELL_BACK,
        -2.5,
        2018,
    )
    assert "it reached the target of 100% by 2020 in 2018, but was 95% in 2022" in rating.explanation


def test_missed_in_the_target_year_itself() -> None:
    rating = rate(Series.of([(2015, 50), (2020, 60)]), Settings(UP, Target(100, 2020)), BIRTHS)
    assert (rating.status, rating.score) == (Status.MISSED, -5.0)
    assert "in 2020, the target year, it was 60%, short of the target of 100% by 2020" in rating.explanation


def test_nigeria_is_missed_on_its_observed_2021_value_not_an_interpolated_2020_one() -> None:
    rating = rate(Series.of([(2017, 46.9), (2021, 57.0)]), Settings(UP, Target(100, 2020)), BIRTHS)
    assert "in 2021, the first value from the target year on, it was 57%" in rating.explanation
    assert "54.5" not in rating.explanation
    assert "2020, the target year" not in rating.explanation


def test_no_value_since_a_passed_target_year_is_not_guessed() -> None:
    settings = Settings(UP, Target(100, 2020), as_of_year=2026)
    rating = rate(Series.of([(2015, 50), (2018, 60)]), settings, BIRTHS)
    assert (rating.status, rating.components.reason) == (Status.INSUFFICIENT_DATA, "no-data-by-target-year")
    assert rating.components.trend_status == "substantial_progress"  # (60/50)^(1/3) - 1 = 6.3% a year


def test_a_first_value_at_the_target_after_its_year_is_achieved_timing_unknown() -> None:
    # Germany: 100% in 2021 only, target 100% by 2020: achieved from one point; whether by 2020 is unknown.
    germany = rate(Series.of([(2021, 100)]), Settings(UP, Target(100, 2020)), BIRTHS)
    assert germany.status is Status.ACHIEVED
    assert "earlier values are not known" in germany.explanation
    gap = rate(Series.of([(2016, 80), (2022, 100)]), Settings(UP, Target(100, 2020)), BIRTHS)
    assert (gap.status, gap.components.extra) == (Status.ACHIEVED, {"unknown_since": 2016})


@pytest.mark.parametrize("method", sorted(METHODS))
def test_one_value_at_the_target_is_achieved(method: str) -> None:
    assert METHODS[method].run(Series.of([(2019, 100)]), Settings(UP, Target(100, 2030)), False).status is (
        Status.ACHIEVED
    )
    assert METHODS[method].run(Series.of([(2023, 0)]), Settings(DOWN, Target(0, 2030)), False).status is (
        Status.ACHIEVED
    )


def test_within_one_point_of_a_0_or_100_percent_target_counts_as_met() -> None:
    near = Series.of([(2015, 95), (2021, 99.2)])
    assert rate(near, Settings(UP, Target(100, 2030)), BIRTHS).status is Status.ACHIEVED
    assert rate(near, Settings(UP, Target(100, 2030)), Subject("Index", "INDEX")).status is Status.ON_TRACK
    low = rate(Series.of([(2015, 5), (2021, 0.8)]), Settings(DOWN, Target(0, 2030)), BIRTHS)
    assert low.status is Status.ACHIEVED
    assert rate(
        Series.of([(2015, 95), (2021, 98.9)]), Settings(UP, Target(100, 2030)), BIRTHS
    ).status is not (Status.ACHIEVED)


def test_zero_base_moves_to_the_first_value_after_it() -> None:
    # 0 (2015), 10 (2017), 12 (2021): base 10 in 2017; v = (12/10)^(1/4) - 1 = 0.046635 -> substantial.
    rating = rate(Series.of([(2015, 0), (2017, 10), (2021, 12)]), Settings(UP), REFUGEES)
    c = rating.components
    assert (rating.status, c.zero_base, c.base_year, c.base_value) == (
        Status.SUBSTANTIAL_PROGRESS,
        "moved-base",
        2017,
        10,
    )
    assert c.progress_value == pytest.approx(0.046635, abs=1e-6)
    assert "The base value was 0, from which no growth rate exists, so the base is the first value" in (
        rating.explanation
    )


def test_zero_base_with_only_the_latest_above_zero() -> None:
    # With a target: slope = 5/5 = 1 a year; required = 100/15 = 6.6667; R = 0.15 -> limited progress,
    # score = -2.5 + 0.15 / 0.6 * 2.5 = -1.875. Without a target the direction decides: +5 or -5.
    with_target = statcan_assess(Series.of([(2015, 0), (2020, 5)]), Settings(UP, Target(100, 2030)))
    assert (with_target.status, with_target.components.zero_base) == (
        Status.LIMITED_PROGRESS,
        "linear-from-zero",
    )
    assert with_target.components.ratio == pytest.approx(0.15)
    assert with_target.score == pytest.approx(-1.875)
    up = statcan_assess(Series.of([(2015, 0), (2020, 5)]), Settings(UP))
    down = statcan_assess(Series.of([(2015, 0), (2020, 5)]), Settings(DOWN))
    assert (up.status, up.score, down.status, down.score) == (
        Status.SUBSTANTIAL_PROGRESS,
        5.0,
        Status.DETERIORATION,
        -5.0,
    )


def test_zero_target_projection_stops_at_zero_and_says_when() -> None:
    # 100, 80, 60 in 2015-2017: slope -20 a year; 60 / 20 = 3 years: 0 by 2020; never -200 in 2030.
    rating = rate(
        Series.of([(2015, 100), (2016, 80), (2017, 60)]),
        Settings(DOWN, Target(0, 2030), method="linear-trend"),
        REFUGEES,
    )
    c = rating.components
    assert (c.slope_actual, c.projected_value, c.reaches_target_year) == (-20.0, 0.0, 2020)
    assert (
        "at that pace it would reach 0 by 2020, before the target year 2030: on track" in rating.explanation
    )
    # 100 -> 90 in 2015-2020: slope -2 a year; 90 / 2 = 45 years: 0 only by 2065; 90 - 2 * 10 = 70 in 2030.
    slow = assess_linear_trend(Series.of([(2015, 100), (2020, 90)]), Settings(DOWN, Target(0, 2030)))
    assert (slow.components.reaches_target_year, slow.components.projected_value) == (2065, 70.0)


def test_rated_from_the_last_break() -> None:
    # Türkiye: a new count from 2015 (break). From it: v = (30000/13600)^(1/7) - 1 = 0.119652.
    series = Series.of(
        [(2013, 100_000), (2014, 138_000), (2015, 13_600), (2018, 20_000), (2022, 30_000)], breaks=[2015]
    )
    rating = rate(series, Settings(UP), REFUGEES)
    c = rating.components
    assert (c.break_year, c.base_year, c.base_value, c.points) == (2015, 2015, 13_600, 3)
    assert c.progress_value == pytest.approx(0.119652, abs=1e-6)
    assert rating.explanation.endswith(
        "Rated from the series break in 2015; earlier values are not comparable."
    )


def test_not_rated_across_a_break() -> None:
    series = Series.from_observations([(2015, 10, "", False), (2018, 12, "A", False), (2021, 30, "B", False)])
    rating = rate(series, Settings(UP), REFUGEES)
    assert (rating.status, rating.components.reason) == (Status.INSUFFICIENT_DATA, "across-break")
    assert "not rated across a break: the series breaks in 2021" in rating.explanation


def test_a_partial_year_is_not_rated_as_a_full_year() -> None:
    # 2024 covers part of the year: the rating compares 2015 and 2020, v = 1.2^(1/5) - 1 = 0.037137.
    rating = rate(Series.of([(2015, 100), (2020, 120), (2024, 40)], partial=[2024]), Settings(UP), REFUGEES)
    c = rating.components
    assert (c.latest_year, c.partial_years, rating.status) == (2020, (2024,), Status.SUBSTANTIAL_PROGRESS)
    assert c.progress_value == pytest.approx(0.037137, abs=1e-6)
    assert "2024 is a partial year, not used as a full year." in rating.explanation


def test_thresholds_set_for_an_indicator() -> None:
    # R = 0.70557 (62 -> 71, target 100 by 2030) with thresholds (1.0, 0.8, 0.2): limited progress; score
    # through (-0.4, 0.2, 0.8, 1.0, 1.2): -2.5 + (0.70557 - 0.2) / 0.6 * 2.5 = -0.39346.
    settings = Settings(UP, Target(100, 2030), ratio_thresholds=(1.0, 0.8, 0.2))
    outcome = statcan_assess(Series.of([(2015, 62), (2021, 71)]), settings)
    assert outcome.status is Status.LIMITED_PROGRESS
    assert outcome.score == pytest.approx(-0.39346, abs=1e-5)


def test_escap_weighted_regression_by_hand() -> None:
    # 50, 60, 66 in 2015, 2017, 2019; x = 0, 2, 4; w = 1, 3, 5 (1 + years since 2015), sum 9.
    # x_w = 26/9 = 2.88889; ln y = 3.912023, 4.094345, 4.189655; l_w = 37.143330/9 = 4.127037.
    # sum w (x - x_w)^2 = 16.88889; sum w (x - x_w)(l - l_w) = 1.056208; b = 0.062539; a = 3.946370.
    # y_2030' = exp(3.946370 + 0.062539 * 15) = 132.2176; P = (132.2176 - 50) / (100 - 50) = 1.64435.
    outcome = escap_assess(Series.of([(2015, 50), (2017, 60), (2019, 66)]), Settings(UP, Target(100, 2030)))
    c = outcome.components
    assert (outcome.status, outcome.score) == (Status.ON_TRACK, None)
    assert c.slope_actual == pytest.approx(0.062539, abs=1e-6)
    assert c.projected_value == pytest.approx(132.2176, abs=1e-3)
    assert c.ratio == pytest.approx(1.64435, abs=1e-5)
    # A fall to 64 in 2021 (weight 7) bends the line: b = 0.026297, y_2030' = 83.401, P = 0.66802.
    later = escap_assess(
        Series.of([(2015, 50), (2017, 60), (2019, 66), (2021, 64)]), Settings(UP, Target(100, 2030))
    )
    assert later.status is Status.ACCELERATION_NEEDED
    assert later.components.ratio == pytest.approx(0.66802, abs=1e-5)


def test_escap_beside_the_others_and_equal_to_unsd_on_two_values() -> None:
    ratings = rate_side_by_side(Series.of([(2015, 62), (2021, 71)]), Settings(UP, Target(100, 2030)), BIRTHS)
    assert list(ratings) == ["statcan", "unsd-2023", "escap"]
    assert ratings["escap"].components.projected_value == pytest.approx(87.0078, abs=1e-3)
    assert ratings["escap"].components.projected_value == pytest.approx(
        ratings["unsd-2023"].components.projected_value
    )
    assert (
        "66% of the progress required from 2015" in ratings["escap"].explanation
    )  # (87.0078 - 62) / 38 = 0.658, 66%
    zero = escap_assess(Series.of([(2015, 0), (2020, 4)]), Settings(UP, Target(10, 2030)))
    assert zero.components.reason == "not-positive"


def test_one_vocabulary_of_labels() -> None:
    assert len(set(STATUS_LABELS.values())) == len(STATUS_LABELS) == len(Status)
    assert "target" in Status.ON_TRACK.label
    assert "no target" in Status.SUBSTANTIAL_PROGRESS.label
    with_target = rate(Series.of([(2015, 40), (2020, 20)]), Settings(DOWN, Target(10, 2030)), REFUGEES)
    without = rate(Series.of([(2015, 80), (2025, 95)]), Settings(UP), REFUGEES)
    assert (with_target.score, without.score) == (5.0, pytest.approx(3.6668, abs=1e-4))
    # A mean over ratings with and without a target claims no target.
    assert aggregate([with_target, without]).status is Status.SUBSTANTIAL_PROGRESS
    assert (
        aggregate([with_target]).status is Status.ACHIEVED
        or aggregate([with_target]).status is Status.ON_TRACK
    )


def test_methods_describe_themselves_for_the_methodology_page() -> None:
    pages = {entry["name"]: entry for entry in describe()}
    assert set(pages) == {"statcan", "unsd-2023", "escap", "absolute-change", "linear-trend"}
    assert "w_i = 1 + (t_i - t_0)" in str(pages["escap"]["formula"])
    assert pages["unsd-2023"]["thresholds"][0] == {
        "status": "on_track",
        "label": "On track to meet the target",
        "condition": "CR >= 0.95",
    }
