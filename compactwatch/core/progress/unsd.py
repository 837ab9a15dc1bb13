"""The UN Statistics Division's 2023 Progress Chart method.

The latest trend is extrapolated to the target year, y_T' = yt * (1 + CAGR_a)^(T - t), and compared with
the distance to cover: CR = (y_T' - y0) / (yT - y0). CR >= 0.95 on track; 0.10 <= CR < 0.95 acceleration
needed; CR < 0.10 stagnation or regression. A percentage within one point of a 0% or 100% target counts as
met. The method needs a target; a base already at or beyond the target that the latest value has left is
stagnation or regression.
"""

from __future__ import annotations

from dataclasses import replace

from compactwatch.core.progress import rules
from compactwatch.core.progress.deadline import assess_at_target_year, target_year_reached
from compactwatch.core.progress.model import Components, Outcome, Series, Settings, Status, Target
from compactwatch.core.progress.statcan import insufficient

NAME = "unsd-2023"
VERSION = "1.0"
CR_THRESHOLDS = (0.95, 0.10)
PERCENT_TOLERANCE = 1.0  # one percentage point around a 0% or 100% target


def tolerance(target: Target, percentage: bool) -> float:
    return PERCENT_TOLERANCE if percentage and target.value in (0.0, 100.0) else 0.0


def assess(series: Series, settings: Settings, percentage: bool = False) -> Outcome:
    base = Components(NAME, VERSION, direction=settings.direction.value)
    target = settings.target
    if target is None:
        return insufficient(base, rules.NO_TARGET)
    base = replace(base, target_value=target.value, target_year=target.year)
    slack = tolerance(target, percentage)
    window = rules.select_window(series, settings)
    if isinstance(window, str):
        if target_year_reached(series, target) and window != rules.TOO_OLD:
            return assess_at_target_year(series, settings, target, base, slack)
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
        return assess_at_target_year(series, settings, target, base, slack)
    if rules.meets(window.latest_value, target.value, settings.direction.sign, slack):
        return Outcome(Status.ACHIEVED, None, base)
    problem = rules.growth_rate_problem(window)
    if problem is not None:
        return insufficient(base, problem)
    return _completion(window, settings, target, base)


def _completion(window: rules.Window, settings: Settings, target: Target, base: Components) -> Outcome:
    actual = rules.cagr(window.base_value, window.latest_value, window.years)
    projected = window.latest_value * (1 + actual) ** (target.year - window.latest_year)
    components = replace(
        base,
        cagr_actual=actual,
        projected_year=target.year,
        projected_value=projected,
        thresholds=CR_THRESHOLDS,
    )
    if settings.direction.sign * (target.value - window.base_value) <= 0:
        return Outcome(Status.STAGNATION_OR_REGRESSION, None, components)
    ratio = (projected - window.base_value) / (target.value - window.base_value)
    components = replace(components, ratio=ratio)
    on_track, acceleration = CR_THRESHOLDS
    if ratio >= on_track:
        return Outcome(Status.ON_TRACK, None, components)
    if ratio >= acceleration:
        return Outcome(Status.ACCELERATION_NEEDED, None, components)
    return Outcome(Status.STAGNATION_OR_REGRESSION, None, components)
