"""Worked examples of the Statistics Canada / Open SDG method, computed by hand from the published formulas.

CAGR_a = (yt / y0)^(1 / (t - t0)) - 1; CAGR_r = (yT / y0)^(1 / (T - t0)) - 1; R = d * CAGR_a / |CAGR_r|.
"""

from __future__ import annotations

import pytest

from compactwatch.core.progress import Direction, Series, Settings, Status, Target
from compactwatch.core.progress.statcan import assess as statcan_assess

UP, DOWN = Direction.INCREASE, Direction.DECREASE


def test_with_target_acceleration_needed() -> None:
    # 62 (2015) -> 71 (2021), target 100 by 2030:
    # CAGR_a = (71/62)^(1/6) - 1 = 0.022848; CAGR_r = (100/62)^(1/15) - 1 = 0.032382; R = 0.70557;
    # score = (0.70557 - 0.6) / 0.35 * 2.5 = 0.7541.
    outcome = statcan_assess(Series.of([(2015, 62), (2021, 71)]), Settings(UP, Target(100, 2030)))
    c = outcome.components
    assert outcome.status is Status.ACCELERATION_NEEDED
    assert c.cagr_actual == pytest.approx(0.022848, abs=1e-6)
    assert c.cagr_required == pytest.approx(0.032382, abs=1e-6)
    assert c.ratio == pytest.approx(0.70557, abs=1e-5)
    assert outcome.score == pytest.approx(0.7541, abs=1e-4)
    assert (c.base_year, c.base_value, c.latest_year, c.latest_value) == (2015, 62, 2021, 71)
    assert c.thresholds == (0.95, 0.60, 0.0)


def test_with_target_deterioration_scores_minus_five() -> None:
    # 100 (2015) -> 90 (2020), target 120 by 2030: CAGR_a = 0.9^(1/5) - 1 = -0.020852;
    # CAGR_r = 1.2^(1/15) - 1 = 0.012231; R = -1.70511 < -0.6, so the score is clamped at -5.
    outcome = statcan_assess(Series.of([(2015, 100), (2020, 90)]), Settings(UP, Target(120, 2030)))
    assert outcome.status is Status.DETERIORATION
    assert outcome.components.ratio == pytest.approx(-1.70511, abs=1e-5)
    assert outcome.score == -5.0


def test_target_achieved_scores_five() -> None:
    outcome = statcan_assess(Series.of([(2015, 90), (2020, 101)]), Settings(UP, Target(100, 2030)))
    assert (outcome.status, outcome.score) == (Status.ACHIEVED, 5.0)


def test_decrease_with_target_on_track() -> None:
    # 40 (2015) -> 20 (2020), target 10 by 2030, decrease wanted:
    # CAGR_a = 0.5^(1/5) - 1 = -0.129449; CAGR_r = 0.25^(1/15) - 1 = -0.088278; R = 1.46639 -> score 5.
    outcome = statcan_assess(Series.of([(2015, 40), (2020, 20)]), Settings(DOWN, Target(10, 2030)))
    assert outcome.status is Status.ON_TRACK
    assert outcome.components.ratio == pytest.approx(1.46639, abs=1e-5)
    assert outcome.score == 5.0


def test_without_target_substantial_progress() -> None:
    # 80 (2015) -> 95 (2025): v = (95/80)^(1/10) - 1 = 0.017334 >= 1.5%;
    # score = 2.5 + (0.017334 - 0.015) / 0.005 * 2.5 = 3.6668.
    outcome = statcan_assess(Series.of([(2015, 80), (2025, 95)]), Settings(UP))
    assert outcome.status is Status.SUBSTANTIAL_PROGRESS
    assert outcome.components.progress_value == pytest.approx(0.017334, abs=1e-6)
    assert outcome.score == pytest.approx(3.6668, abs=1e-4)


def test_without_target_moderate_and_limited() -> None:
    # 100 -> 110 over 10 years: v = 1.1^(0.1) - 1 = 0.009577 (moderate), score = (0.009577-0.005)/0.01*2.5.
    moderate = statcan_assess(Series.of([(2015, 100), (2025, 110)]), Settings(UP))
    assert moderate.status is Status.MODERATE_PROGRESS
    assert moderate.score == pytest.approx(1.1441, abs=1e-4)
    # 100 -> 102 over 10 years: v = 0.001982 (limited), score = -2.5 + 0.001982 / 0.005 * 2.5 = -1.509.
    limited = statcan_assess(Series.of([(2015, 100), (2025, 102)]), Settings(UP))
    assert limited.status is Status.LIMITED_PROGRESS
    assert limited.score == pytest.approx(-1.509, abs=1e-3)


def test_natural_limit_scales_the_thresholds() -> None:
    # C = 1 - (80/100)^4.44 = 0.628705; thresholds 1.5% C = 0.0094306 and 0.5% C = 0.0031435;
    # v = 0.017334 >= 2% C = 0.012574, so the score is 5.
    outcome = statcan_assess(Series.of([(2015, 80), (2025, 95)]), Settings(UP, limit=100))
    c = outcome.components
    assert c.scaling_factor == pytest.approx(0.628705, abs=1e-6)
    assert c.thresholds == pytest.approx((0.0094306, 0.0031435, 0.0), abs=1e-7)
    assert (outcome.status, outcome.score) == (Status.SUBSTANTIAL_PROGRESS, 5.0)


def test_base_at_the_limit_and_held_is_substantial() -> None:
    outcome = statcan_assess(Series.of([(2015, 100), (2025, 100)]), Settings(UP, limit=100))
    assert outcome.components.scaling_factor == 0
    assert (outcome.status, outcome.score) == (Status.SUBSTANTIAL_PROGRESS, 5.0)


def test_past_target_year_is_assessed_on_observed_values() -> None:
    # 46.9 (2017), 57.0 (2021), target 100 by 2020: no value in 2020 is made up (it used to be interpolated,
    # 54.475); 57.0 in 2021, the first value from the target year on, is short of 100 -> missed.
    # The trend beside it: v = (57 / 46.9)^(1/4) - 1 = 0.049967 -> substantial progress.
    outcome = statcan_assess(Series.of([(2017, 46.9), (2021, 57.0)]), Settings(UP, Target(100, 2020)))
    c = outcome.components
    assert outcome.status is Status.MISSED
    assert (c.evaluated_year, c.value_at_target_year) == (2021, 57.0)
    assert c.trend_status == "substantial_progress"
    assert c.progress_value == pytest.approx(0.049967, abs=1e-6)


def test_zero_target_is_not_replaced_by_a_small_number() -> None:
    outcome = statcan_assess(Series.of([(2015, 163), (2022, 80)]), Settings(DOWN, Target(0, 2030)))
    assert outcome.status is Status.INSUFFICIENT_DATA
    assert outcome.components.reason == "zero-target"
