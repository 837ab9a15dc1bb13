"""Zero and absolute targets: progress measured in units a year, not as a growth rate.

A compound growth rate can never reach 0 (Open SDG substitutes 0.001, which makes the ratio depend on an
arbitrary constant). Here the pace is an absolute change a year, either between the base and the latest
value (absolute-change) or the least-squares slope of every value from the base year on (linear-trend):
slope_required = (yT - y0) / (T - t0); R = d * slope_actual / |slope_required|, classified with the
Statistics Canada thresholds (0.95, 0.60, 0) and scored on the same -5..+5 scale. The projection
yt + slope_actual * (T - t) stops at 0 for values that are never negative (a count of children), and the
year the line reaches the target is reported ("reaches 0 by 2027").
"""

from __future__ import annotations

from compactwatch.core.progress import frame, growth, rules
from compactwatch.core.progress.model import Outcome, Series, Settings, Target

ABSOLUTE_CHANGE = "absolute-change"
LINEAR_TREND = "linear-trend"
VERSION = "2.0"
ABSOLUTE_TITLE = "Absolute change a year (zero targets)"
LINEAR_TITLE = "Linear trend of all values (zero targets)"
ABSOLUTE_DESCRIPTION = (
    "For targets a growth rate cannot reach, such as ending child immigration detention (0): compares "
    "the change in units a year between the base and the latest value with the change a year needed to "
    "reach the target by the target year."
)
LINEAR_DESCRIPTION = (
    "As the absolute change, but the pace is the straight line fitted by least squares through every "
    "value from the base year on, so one unusual year weighs less."
)
ABSOLUTE_FORMULA = (
    "slope = (y_t - y_0) / (t - t_0); slope_r = (y_T - y_0) / (T - t_0); R = d x slope / |slope_r|; "
    "projection y_t + slope x (T - t), never below 0 for counts"
)
LINEAR_FORMULA = (
    "slope = sum((t_i - mean t)(y_i - mean y)) / sum((t_i - mean t)^2) over the values from t_0 on; "
    "R = d x slope / |slope_r|, as the absolute change"
)
THRESHOLDS = (
    ("on_track", "R >= 0.95"),
    ("acceleration_needed", "0.60 <= R < 0.95"),
    ("limited_progress", "0 <= R < 0.60"),
    ("deterioration", "R < 0"),
)


def _change(window: rules.Window) -> float:
    return (window.values[-1] - window.values[0]) / window.span


def _slope(window: rules.Window) -> float:
    n = len(window.years)
    mean_t, mean_y = sum(window.years) / n, sum(window.values) / n
    spread = sum((t - mean_t) ** 2 for t in window.years)
    return sum((t - mean_t) * (y - mean_y) for t, y in zip(window.years, window.values, strict=True)) / spread


def _absolute(
    window: rules.Window, settings: Settings, target: Target | None, f: frame.FieldMap
) -> growth.Rated:
    assert target is not None
    return growth.linear_ratio(window, settings, target, _change(window), f)


def _linear(
    window: rules.Window, settings: Settings, target: Target | None, f: frame.FieldMap
) -> growth.Rated:
    assert target is not None
    return growth.linear_ratio(window, settings, target, _slope(window), f)


ABSOLUTE_SPEC = frame.Spec(ABSOLUTE_CHANGE, VERSION, needs_target=True, scored=True, trend=_absolute)
LINEAR_SPEC = frame.Spec(LINEAR_TREND, VERSION, needs_target=True, scored=True, trend=_linear)


def assess_absolute_change(series: Series, settings: Settings, percentage: bool = False) -> Outcome:
    return frame.assess(series, settings, percentage, ABSOLUTE_SPEC)


def assess_linear_trend(series: Series, settings: Settings, percentage: bool = False) -> Outcome:
    return frame.assess(series, settings, percentage, LINEAR_SPEC)
