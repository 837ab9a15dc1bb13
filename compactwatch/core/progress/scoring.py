"""The -5..+5 progress score of the Statistics Canada method, and the status a mean score stands for.

Piecewise linear, clamped at -5 and +5. With a target the ratio R maps through (-0.6, -5), (0, -2.5),
(0.6, 0), (0.95, 2.5), (1.3, 5); without one the growth rate v maps through (-2%, -5), (0, -2.5),
(0.5% C, 0), (1.5% C, 2.5), (2% C, 5), where C scales the positive thresholds near a natural limit.
Thresholds set for an indicator move the points with them: (limited - (acceleration - limited), limited,
acceleration, on track, on track + (on track - acceleration)) for R, and (limited - 2 (substantial -
moderate), limited, moderate, substantial, substantial + (substantial - moderate) / 2) for v.
Target-year statuses score: achieved and achieved late +5, met then fell back -2.5, missed -5.
"""

from __future__ import annotations

from collections.abc import Sequence

from compactwatch.core.progress.model import Status

RATIO_POINTS = (-0.6, 0.0, 0.6, 0.95, 1.3)
RATE_POINTS = (-0.02, 0.0, 0.005, 0.015, 0.02)
SCORE_POINTS = (-5.0, -2.5, 0.0, 2.5, 5.0)
ACHIEVED_SCORE = 5.0
DEADLINE_SCORES = {
    Status.ACHIEVED: 5.0,
    Status.ACHIEVED_LATE: 5.0,
    Status.MET_THEN_FELL_BACK: -2.5,
    Status.MISSED: -5.0,
}


def interpolate(x: float, xs: Sequence[float], ys: Sequence[float]) -> float:
    """Piecewise linear through (xs, ys), flat beyond the ends (as numpy.interp, for one number, faster)."""
    if x <= xs[0]:
        return ys[0]
    for i in range(1, len(xs)):
        if x <= xs[i]:
            x0, x1 = xs[i - 1], xs[i]
            return ys[i - 1] + (ys[i] - ys[i - 1]) * (x - x0) / (x1 - x0) if x1 > x0 else ys[i]
    return ys[-1]


def ratio_points(thresholds: tuple[float, float, float]) -> tuple[float, ...]:
    on_track, acceleration, limited = thresholds
    return (limited - (acceleration - limited), limited, acceleration, on_track, 2 * on_track - acceleration)


def rate_points(thresholds: tuple[float, float, float]) -> tuple[float, ...]:
    substantial, moderate, limited = thresholds
    step = substantial - moderate
    return (limited - 2 * step, limited, moderate, substantial, substantial + step / 2)


def score_for_ratio(ratio: float, thresholds: tuple[float, float, float] | None = None) -> float:
    points = RATIO_POINTS if thresholds is None else ratio_points(thresholds)
    return interpolate(ratio, points, SCORE_POINTS)


def score_for_rate(
    rate: float, scaling: float = 1.0, thresholds: tuple[float, float, float] | None = None
) -> float:
    if rate >= 0 and scaling == 0:
        return ACHIEVED_SCORE  # held at the natural limit: nothing more to gain
    base = RATE_POINTS if thresholds is None else rate_points(thresholds)
    if rate < base[1]:
        return interpolate(rate, base[:2], SCORE_POINTS[:2])
    points = tuple(p * scaling if p > 0 else p for p in base)
    return interpolate(rate, points[1:], SCORE_POINTS[1:])


def status_for_score(score: float, with_target: bool) -> Status:
    """The category a (mean) score falls in: [2.5, 5], [0, 2.5), [-2.5, 0), [-5, -2.5).

    `with_target`: every rating behind the score had a target. A mean over ratings with and without
    targets uses the no-target words, which claim no target.
    """
    if score >= 2.5:
        return Status.ON_TRACK if with_target else Status.SUBSTANTIAL_PROGRESS
    if score >= 0:
        return Status.ACCELERATION_NEEDED if with_target else Status.MODERATE_PROGRESS
    if score >= -2.5:
        return Status.LIMITED_PROGRESS
    return Status.DETERIORATION


BAND_SCORES = {"achieved": 5.0, "good": 3.75, "fair": 1.25, "poor": -1.25, "bad": -3.75}


def band_score(status: Status) -> float | None:
    """A score for methods that rate by category only (structural): the middle of the status's band."""
    return BAND_SCORES.get(status.band)
