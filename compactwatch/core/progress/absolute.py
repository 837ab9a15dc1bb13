"""Zero and absolute targets: progress measured in units a year, not as a growth rate.

A compound growth rate can never reach 0 (Open SDG substitutes 0.001, which makes the ratio depend on an
arbitrary constant). Here the pace is an absolute change a year, either between the base and the latest
value (absolute-change) or the least-squares slope of every value from the base year on (linear-trend):
slope_required = (yT - y0) / (T - t0); R = d * slope_actual / |slope_required|, classified with the
Statistics Canada thresholds (0.95, 0.60, 0) and scored on the same -5..+5 scale; the projection is
yt + slope_actual * (T - t).
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from compactwatch.core.progress import rules
from compactwatch.core.progress.deadline import assess_at_target_year, target_year_reached
from compactwatch.core.progress.model import Components, Outcome, Series, Settings, Status, Target
from compactwatch.core.progress.scoring import ACHIEVED_SCORE, score_for_ratio
from compactwatch.core.progress.statcan import RATIO_THRESHOLDS, insufficient, ratio_status

ABSOLUTE_CHANGE = "absolute-change"
LINEAR_TREND = "linear-trend"
VERSION = "1.0"


def assess_absolute_change(series: Series, settings: Settings) -> Outcome:
    return _assess(series, settings, ABSOLUTE_CHANGE)


def assess_linear_trend(series: Series, settings: Settings) -> Outcome:
    return _assess(series, settings, LINEAR_TREND)


def _assess(series: Series, settings: Settings, name: str) -> Outcome:
    base = Components(name, VERSION, direction=settings.direction.value)
    target = settings.target
    if target is None:
        return insufficient(base, rules.NO_TARGET)
    base = replace(base, target_value=target.value, target_year=target.year)
    window = rules.select_window(series, settings)
    if isinstance(window, str):
        if target_year_reached(series, target) and window != rules.TOO_OLD:
            return assess_at_target_year(series, settings, target, base)
        return insufficient(base, window)
    base = replace(
        base,
        base_year=window.base_year,
        base_value=window.base_value,
        latest_year=window.latest_year,
        latest_value=window.latest_value,
        points=window.points,
    )
    if target_year_reached(series, target):
        return assess_at_target_year(series, settings, target, base)
    if rules.meets(window.latest_value, target.value, settings.direction.sign):
        return Outcome(Status.ACHIEVED, ACHIEVED_SCORE, base)
    slope = _slope(series, window) if name == LINEAR_TREND else _change(window)
    return _rate(window, settings, target, base, slope)


def _change(window: rules.Window) -> float:
    return (window.latest_value - window.base_value) / window.years


def _slope(series: Series, window: rules.Window) -> float:
    years = np.array([y for y in series.years if y >= window.base_year], dtype=float)
    values = np.array(series.values[-len(years) :], dtype=float)
    centred = years - years.mean()
    return float((centred * (values - values.mean())).sum() / (centred**2).sum())


def _rate(
    window: rules.Window, settings: Settings, target: Target, base: Components, slope: float
) -> Outcome:
    required = (target.value - window.base_value) / (target.year - window.base_year)
    components = replace(
        base,
        slope_actual=slope,
        slope_required=required,
        thresholds=RATIO_THRESHOLDS,
        projected_year=target.year,
        projected_value=window.latest_value + slope * (target.year - window.latest_year),
    )
    if required == 0:
        return Outcome(Status.DETERIORATION, -5.0, components)
    ratio = settings.direction.sign * slope / abs(required)
    components = replace(components, ratio=ratio)
    return Outcome(ratio_status(ratio), score_for_ratio(ratio), components)
