"""The Statistics Canada method over many series at once, with numpy: a panel of values by year.

`values` is an (n, k) array over the year grid `years` (k,), NaN where a series has no value. Rows whose
target year has been reached by their data (assessed at that year) are left to the one-series path and
listed in `deferred`. Results agree with `statcan.assess` row by row (a test keeps them so).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from compactwatch.core.progress import rules
from compactwatch.core.progress.model import DEFAULT_BASE_YEAR, DEFAULT_MAX_DATA_AGE, Status
from compactwatch.core.progress.scoring import RATE_POINTS, RATIO_POINTS, SCORE_POINTS
from compactwatch.core.progress.statcan import LIMIT_EXPONENT, RATE_THRESHOLDS, RATIO_THRESHOLDS

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
STATUSES = tuple(Status)
_CODE = {status: index for index, status in enumerate(STATUSES)}


@dataclass(frozen=True)
class Panel:
    years: IntArray  # (k,)
    values: FloatArray  # (n, k), NaN = no value
    direction: IntArray  # (n,), +1 or -1
    target_value: FloatArray  # (n,), NaN = no target
    target_year: IntArray  # (n,)
    limit: FloatArray  # (n,), NaN = no natural limit
    base_year: int = DEFAULT_BASE_YEAR
    as_of_year: int | None = None
    max_data_age: int = DEFAULT_MAX_DATA_AGE


@dataclass(frozen=True)
class BatchResult:
    status: IntArray  # index into STATUSES
    score: FloatArray  # NaN where none
    ratio: FloatArray
    progress_value: FloatArray
    reason: npt.NDArray[np.str_]
    deferred: IntArray  # rows to assess one by one

    def statuses(self) -> list[Status]:
        return [STATUSES[i] for i in self.status]


def assess_panel(panel: Panel) -> BatchResult:
    n = panel.values.shape[0]
    valid = ~np.isnan(panel.values)
    rows = np.arange(n)
    count = valid.sum(axis=1)
    latest_idx = panel.years.size - 1 - np.argmax(valid[:, ::-1], axis=1)
    from_base = valid & (panel.years >= panel.base_year)
    base_count = from_base.sum(axis=1)
    base_idx = np.argmax(from_base, axis=1)
    t0, t = panel.years[base_idx].astype(float), panel.years[latest_idx].astype(float)
    y0, yt = panel.values[rows, base_idx], panel.values[rows, latest_idx]
    has_target = ~np.isnan(panel.target_value)
    target, target_year = panel.target_value, panel.target_year.astype(float)

    reason = np.full(n, "", dtype=object)
    too_old = np.zeros(n, dtype=bool)
    if panel.as_of_year is not None:
        too_old = t < panel.as_of_year - panel.max_data_age
    _first(reason, count < 2, rules.FEWER_THAN_TWO_POINTS)
    _first(reason, too_old, rules.TOO_OLD)
    _first(reason, base_count == 0, rules.BASE_AFTER_LATEST)
    _first(reason, base_count < 2, rules.FEWER_THAN_TWO_POINTS)
    reached = has_target & (target_year <= np.where(count > 0, t, -np.inf))
    deferred = reached & (reason != rules.TOO_OLD)
    achieved = has_target & (reason == "") & ~deferred & (panel.direction * (yt - target) >= 0)
    open_rows = (reason == "") & ~deferred & ~achieved
    _first(reason, open_rows & (y0 == 0), rules.ZERO_BASE)
    _first(reason, open_rows & (y0 * yt < 0), rules.SIGN_CHANGE)
    _first(reason, open_rows & has_target & (target == 0), rules.ZERO_TARGET)
    _first(reason, open_rows & has_target & (target * y0 < 0), rules.SIGN_CHANGE)
    computed = (reason == "") & ~deferred & ~achieved

    with np.errstate(divide="ignore", invalid="ignore"):
        sign = np.where(y0 < 0, -1, 1) * panel.direction
        actual = (yt / y0) ** (1 / (t - t0)) - 1
        required = (target / y0) ** (1 / (target_year - t0)) - 1
        ratio = np.where(required == 0, -np.inf, sign * actual / np.abs(required))
        rate = sign * actual
        scaling = _scaling(y0, panel.limit, panel.direction)

    status = np.full(n, _CODE[Status.INSUFFICIENT_DATA])
    score = np.full(n, np.nan)
    with_target = computed & has_target
    status[with_target] = _ratio_codes(ratio[with_target])
    score[with_target] = np.where(
        np.isinf(ratio[with_target]), -5.0, np.interp(ratio[with_target], RATIO_POINTS, SCORE_POINTS)
    )
    no_target = computed & ~has_target
    status[no_target] = _rate_codes(rate[no_target], scaling[no_target])
    score[no_target] = _rate_scores(rate[no_target], scaling[no_target])
    status[achieved] = _CODE[Status.ACHIEVED]
    score[achieved] = 5.0
    return BatchResult(
        status=status,
        score=score,
        ratio=np.where(with_target & np.isfinite(ratio), ratio, np.nan),
        progress_value=np.where(no_target, rate, np.nan),
        reason=reason.astype(str),
        deferred=np.flatnonzero(deferred),
    )


def _first(reason: npt.NDArray[np.object_], mask: npt.NDArray[np.bool_], code: str) -> None:
    reason[mask & (reason == "")] = code


def _scaling(base: FloatArray, limit: FloatArray, direction: IntArray) -> FloatArray:
    b, lim = np.abs(base), np.abs(limit)
    near = np.where(b <= lim, 1 - (b / lim) ** LIMIT_EXPONENT, 1 - ((2 * lim - b) / lim) ** LIMIT_EXPONENT)
    applies = ~np.isnan(limit) & ((limit - base) * direction >= 0) & (b < 2 * lim)
    return np.where(applies, near, 1.0)


def _ratio_codes(ratio: FloatArray) -> IntArray:
    on_track, acceleration, limited = RATIO_THRESHOLDS
    choices = [_CODE[Status.ON_TRACK], _CODE[Status.ACCELERATION_NEEDED], _CODE[Status.LIMITED_PROGRESS]]
    conditions = [ratio >= on_track, ratio >= acceleration, ratio >= limited]
    return np.select(conditions, choices, _CODE[Status.DETERIORATION])


def _rate_codes(rate: FloatArray, scaling: FloatArray) -> IntArray:
    substantial, moderate, limited = (np.asarray(t) * (scaling if t > 0 else 1) for t in RATE_THRESHOLDS)
    choices = [
        _CODE[Status.SUBSTANTIAL_PROGRESS],
        _CODE[Status.MODERATE_PROGRESS],
        _CODE[Status.LIMITED_PROGRESS],
    ]
    return np.select(
        [rate >= substantial, rate >= moderate, rate >= limited], choices, _CODE[Status.DETERIORATION]
    )


def _rate_scores(rate: FloatArray, scaling: FloatArray) -> FloatArray:
    negative = np.interp(rate, RATE_POINTS[:2], SCORE_POINTS[:2])
    with np.errstate(divide="ignore", invalid="ignore"):
        unit = rate / np.where(scaling == 0, np.nan, scaling)  # thresholds scale, so scale the rate instead
    positive = np.where(scaling == 0, 5.0, np.interp(np.nan_to_num(unit), RATE_POINTS[1:], SCORE_POINTS[1:]))
    return np.where(rate < 0, negative, positive)
