"""Statistics Canada's method, as used by Open SDG.

With a target: achieved once the latest value has reached it; otherwise R = d * CAGR_a / |CAGR_r| with
CAGR_a = (yt / y0)^(1 / (t - t0)) - 1 and CAGR_r = (yT / y0)^(1 / (T - t0)) - 1; R >= 0.95 on track,
0.60 <= R < 0.95 acceleration needed, 0 <= R < 0.60 limited progress, R < 0 deterioration.
Without a target: v = d * CAGR_a; v >= 1.5% C substantial, 0.5% C <= v < 1.5% C moderate, 0 <= v < 0.5% C
limited, v < 0 deterioration, where C = 1 - (y0 / limit)^4.44 (for y0 <= limit; mirrored for
limit < y0 < 2 limit; 1 beyond) scales the positive thresholds near a natural limit, and C = 0 with v >= 0
is substantial progress. A series whose values are all negative has its direction flipped (sign s).
Unlike Open SDG, a zero base or target is never replaced by 0.001: it is insufficient data for this
method (use the absolute-change method for zero targets).
"""

from __future__ import annotations

from dataclasses import replace

from compactwatch.core.progress import rules
from compactwatch.core.progress.deadline import assess_at_target_year, target_year_reached
from compactwatch.core.progress.model import Components, Outcome, Series, Settings, Status, Target
from compactwatch.core.progress.scoring import ACHIEVED_SCORE, score_for_rate, score_for_ratio

NAME = "statcan"
VERSION = "1.0"
RATIO_THRESHOLDS = (0.95, 0.60, 0.0)
RATE_THRESHOLDS = (0.015, 0.005, 0.0)
LIMIT_EXPONENT = 4.44


def assess(series: Series, settings: Settings) -> Outcome:
    base = Components(NAME, VERSION, direction=settings.direction.value)
    target = settings.target
    if target is not None:
        base = replace(base, target_value=target.value, target_year=target.year)
    window = rules.select_window(series, settings)
    if isinstance(window, str):
        if target is not None and target_year_reached(series, target) and window != rules.TOO_OLD:
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
    if target is not None and target_year_reached(series, target):
        return assess_at_target_year(series, settings, target, base)
    if target is not None and rules.meets(window.latest_value, target.value, settings.direction.sign):
        return Outcome(Status.ACHIEVED, ACHIEVED_SCORE, base)
    problem = rules.growth_rate_problem(window) or _target_problem(window, target)
    if problem is not None:
        return insufficient(base, problem)
    if target is None:
        return _without_target(window, settings, base)
    return _with_target(window, settings, target, base)


def _target_problem(window: rules.Window, target: Target | None) -> str | None:
    if target is None:
        return None
    if target.value == 0:
        return rules.ZERO_TARGET
    return rules.SIGN_CHANGE if target.value * window.base_value < 0 else None


def insufficient(base: Components, reason: str) -> Outcome:
    return Outcome(Status.INSUFFICIENT_DATA, None, replace(base, reason=reason))


def _with_target(window: rules.Window, settings: Settings, target: Target, base: Components) -> Outcome:
    sign = -1 if window.base_value < 0 else 1
    d = settings.direction.sign * sign
    actual = rules.cagr(window.base_value, window.latest_value, window.years)
    required = rules.cagr(window.base_value, target.value, target.year - window.base_year)
    projected = window.latest_value * (1 + actual) ** (target.year - window.latest_year)
    components = replace(
        base,
        cagr_actual=actual,
        cagr_required=required,
        thresholds=RATIO_THRESHOLDS,
        projected_year=target.year,
        projected_value=projected,
    )
    if required == 0:
        # The base was already at the target and the latest value has left it: movement away from it.
        return Outcome(Status.DETERIORATION, -5.0, components)
    ratio = d * actual / abs(required)
    components = replace(components, ratio=ratio)
    return Outcome(ratio_status(ratio), score_for_ratio(ratio), components)


def ratio_status(ratio: float) -> Status:
    on_track, acceleration, limited = RATIO_THRESHOLDS
    if ratio >= on_track:
        return Status.ON_TRACK
    if ratio >= acceleration:
        return Status.ACCELERATION_NEEDED
    if ratio >= limited:
        return Status.LIMITED_PROGRESS
    return Status.DETERIORATION


def _without_target(window: rules.Window, settings: Settings, base: Components) -> Outcome:
    sign = -1 if window.base_value < 0 else 1
    actual = rules.cagr(window.base_value, window.latest_value, window.years)
    rate = settings.direction.sign * sign * actual
    scaling = limit_scaling(window.base_value, settings.limit, settings.direction.sign)
    thresholds = tuple(t * scaling if t > 0 else t for t in RATE_THRESHOLDS)
    components = replace(
        base,
        cagr_actual=actual,
        progress_value=rate,
        limit=settings.limit,
        scaling_factor=scaling if settings.limit is not None else None,
        thresholds=thresholds,
    )
    return Outcome(_rate_status(rate, thresholds), score_for_rate(rate, scaling), components)


def _rate_status(rate: float, thresholds: tuple[float, ...]) -> Status:
    substantial, moderate, limited = thresholds
    if rate >= substantial:
        return Status.SUBSTANTIAL_PROGRESS
    if rate >= moderate:
        return Status.MODERATE_PROGRESS
    if rate >= limited:
        return Status.LIMITED_PROGRESS
    return Status.DETERIORATION


def limit_scaling(base_value: float, limit: float | None, direction: int) -> float:
    """The factor C in [0, 1] that lowers the positive thresholds as the base nears a natural limit.

    Only a limit in the desired direction counts: a maximum (limit above the base) when an increase is
    wanted, a minimum (limit below the base) when a decrease is wanted.
    """
    if limit is None:
        return 1.0
    if (limit - base_value) * direction < 0:
        return 1.0
    base, bound = abs(base_value), abs(limit)
    if base >= 2 * bound:
        return 1.0
    if base <= bound:
        return float(1 - (base / bound) ** LIMIT_EXPONENT)
    return float(1 - ((2 * bound - base) / bound) ** LIMIT_EXPONENT)
