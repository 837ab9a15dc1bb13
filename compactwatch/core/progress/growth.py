"""The rate computations the methods share: growth rates (Statistics Canada) and paces in units a year.

Each writes what it computed into the component fields `f` and returns the status and the -5..+5 score.
"""

from __future__ import annotations

import math

from compactwatch.core.progress import rules
from compactwatch.core.progress.model import Settings, Status, Target
from compactwatch.core.progress.scoring import score_for_rate, score_for_ratio

FieldMap = dict[str, object]
Rated = tuple[Status, float | None]

RATIO_THRESHOLDS = (0.95, 0.60, 0.0)  # on track, acceleration needed, limited progress
RATE_THRESHOLDS = (0.015, 0.005, 0.0)  # substantial, moderate, limited progress (a year)
LIMIT_EXPONENT = 4.44


def insufficient(f: FieldMap, reason: str) -> Rated:
    f["reason"] = reason
    return Status.INSUFFICIENT_DATA, None


def use_window(window: rules.Window, f: FieldMap) -> None:
    f.update(base_year=window.years[0], base_value=window.values[0], points=len(window.years))


def ratio_status(ratio: float, thresholds: tuple[float, float, float] = RATIO_THRESHOLDS) -> Status:
    on_track, acceleration, limited = thresholds
    if ratio >= on_track:
        return Status.ON_TRACK
    if ratio >= acceleration:
        return Status.ACCELERATION_NEEDED
    if ratio >= limited:
        return Status.LIMITED_PROGRESS
    return Status.DETERIORATION


def rate_status(rate: float, thresholds: tuple[float, ...]) -> Status:
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
    if limit is None or (limit - base_value) * direction < 0:
        return 1.0
    base, bound = abs(base_value), abs(limit)
    if base >= 2 * bound:
        return 1.0
    if base <= bound:
        return float(1 - (base / bound) ** LIMIT_EXPONENT)
    return float(1 - ((2 * bound - base) / bound) ** LIMIT_EXPONENT)


def without_target(window: rules.Window, settings: Settings, f: FieldMap) -> Rated:
    """v = d * CAGR_a against the (scaled) rate thresholds; a base of 0 is moved, or its direction decides."""
    window, rule = rules.growth_window(window)
    d = settings.direction.sign
    if rule == rules.LINEAR_FROM_ZERO and window.values[-1] != 0:
        f["zero_base"] = rules.DIRECTION_FROM_ZERO
        better = d * window.values[-1] > 0
        return (Status.SUBSTANTIAL_PROGRESS, 5.0) if better else (Status.DETERIORATION, -5.0)
    if rule is not None:
        f["zero_base"] = rule
        use_window(window, f)
    if rules.sign_change(window):
        return insufficient(f, rules.SIGN_CHANGE)
    sign = -1 if window.values[0] < 0 else 1
    actual = (
        0.0
        if rule == rules.LINEAR_FROM_ZERO
        else rules.cagr(window.values[0], window.values[-1], window.span)
    )
    rate = d * sign * actual
    scaling = limit_scaling(window.values[0], settings.limit, d)
    published = settings.rate_thresholds or RATE_THRESHOLDS
    thresholds = tuple(t * scaling if t > 0 else t for t in published)
    f.update(cagr_actual=actual, progress_value=rate, limit=settings.limit, thresholds=thresholds)
    if settings.limit is not None:
        f["scaling_factor"] = scaling
    return rate_status(rate, thresholds), score_for_rate(rate, scaling, settings.rate_thresholds)


def with_target(window: rules.Window, settings: Settings, target: Target, f: FieldMap) -> Rated:
    """R = d * CAGR_a / |CAGR_r| (Statistics Canada); from a base of 0 no rate leaves, the linear pace."""
    if target.value == 0:
        return insufficient(f, rules.ZERO_TARGET)
    window, rule = rules.growth_window(window)
    if rule is not None:
        f["zero_base"] = rule
    if rule == rules.LINEAR_FROM_ZERO:
        return linear_ratio(window, settings, target, window.values[-1] / window.span, f)
    if rule is not None:
        use_window(window, f)
    y0, yt = window.values[0], window.values[-1]
    if y0 * yt < 0 or target.value * y0 < 0:
        return insufficient(f, rules.SIGN_CHANGE)
    actual = rules.cagr(y0, yt, window.span)
    required = rules.cagr(y0, target.value, target.year - window.years[0])
    thresholds = settings.ratio_thresholds or RATIO_THRESHOLDS
    f.update(cagr_actual=actual, cagr_required=required, thresholds=thresholds, projected_year=target.year)
    f["projected_value"] = rules.grown(yt, actual, target.year - window.years[-1])
    if required == 0:
        return Status.DETERIORATION, -5.0  # the base was at the target and the latest value has left it
    ratio = settings.direction.sign * (-1 if y0 < 0 else 1) * actual / abs(required)
    f["ratio"] = ratio
    return ratio_status(ratio, thresholds), score_for_ratio(ratio, settings.ratio_thresholds)


def linear_ratio(
    window: rules.Window, settings: Settings, target: Target, slope: float, f: FieldMap
) -> Rated:
    """R = d * slope / |slope_required|, slope_required = (yT - y0) / (T - t0); the straight-line projection
    never runs below 0 for values that are never negative, and says when it reaches the target."""
    y0, yt, t = window.values[0], window.values[-1], window.years[-1]
    required = (target.value - y0) / (target.year - window.years[0])
    projected = yt + slope * (target.year - t)
    if slope != 0 and (target.value - yt) * slope > 0:
        f["reaches_target_year"] = t + math.ceil((target.value - yt) / slope)
    if projected < 0 <= min(window.values):
        projected = 0.0
    thresholds = settings.ratio_thresholds or RATIO_THRESHOLDS
    f.update(slope_actual=slope, slope_required=required, thresholds=thresholds, projected_year=target.year)
    f["projected_value"] = projected
    if required == 0:
        return Status.DETERIORATION, -5.0
    ratio = settings.direction.sign * slope / abs(required)
    f["ratio"] = ratio
    return ratio_status(ratio, thresholds), score_for_ratio(ratio, settings.ratio_thresholds)
