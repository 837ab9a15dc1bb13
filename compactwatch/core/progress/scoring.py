"""The -5..+5 progress score of the Statistics Canada method, and the status a mean score stands for.

Piecewise linear, clamped at -5 and +5. With a target the ratio R maps through (-0.6, -5), (0, -2.5),
(0.6, 0), (0.95, 2.5), (1.3, 5); without one the growth rate v maps through (-2%, -5), (0, -2.5),
(0.5% C, 0), (1.5% C, 2.5), (2% C, 5), where C scales the positive thresholds near a natural limit.
A series that has achieved its target scores 5.
"""

from __future__ import annotations

import numpy as np

from compactwatch.core.progress.model import Status

RATIO_POINTS = (-0.6, 0.0, 0.6, 0.95, 1.3)
RATE_POINTS = (-0.02, 0.0, 0.005, 0.015, 0.02)
SCORE_POINTS = (-5.0, -2.5, 0.0, 2.5, 5.0)
ACHIEVED_SCORE = 5.0


def score_for_ratio(ratio: float) -> float:
    return float(np.interp(ratio, RATIO_POINTS, SCORE_POINTS))


def score_for_rate(rate: float, scaling: float = 1.0) -> float:
    if rate >= 0 and scaling == 0:
        return ACHIEVED_SCORE  # held at the natural limit: nothing more to gain
    points = [p * scaling if p > 0 else p for p in RATE_POINTS]
    if rate < 0:
        return float(np.interp(rate, RATE_POINTS[:2], SCORE_POINTS[:2]))
    return float(np.interp(rate, points[1:], SCORE_POINTS[1:]))


def status_for_score(score: float, with_target: bool) -> Status:
    """The category a (mean) score falls in: [2.5, 5], [0, 2.5), [-2.5, 0), [-5, -2.5)."""
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
