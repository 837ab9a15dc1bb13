"""ESCAP's Anticipated Progress: a time-weighted regression over every value from the base year on.

The UN regional commissions (ESCAP, ECE, ECA, ECLAC, ESCWA) fit the trend of all data points, giving
recent values more weight, extrapolate it to the target year and report the share of the required
progress expected by then. Their reports state the principle, not the weights; ours, fixed here so
every figure can be checked by hand:

- fit ln(y_i) = a + b (t_i - t_0) by weighted least squares over the values from the base year t_0 on,
  with weights w_i = 1 + (t_i - t_0): a value counts one more time for every year it is more recent (in
  a 2015-2025 yearly series the latest counts 11 times the first);
- b = sum w (x - x_w)(l - l_w) / sum w (x - x_w)^2 with x = t - t_0, l = ln y and x_w, l_w the
  weighted means; a = l_w - b x_w;
- anticipated value y_T' = exp(a + b (T - t_0)); share of the required progress expected by the target
  year P = (y_T' - y_0) / (y_T - y_0), with y_0 the observed base value.

P >= 1: on track (the target is expected to be met); 0 <= P < 1: progress too slow; P < 0: moving away
(ESCAP's "maintain progress", "accelerate progress" and "reverse trend"). With two values the fit is the
line through both, so y_T' equals the UN Statistics Division's extrapolation. The logarithm needs values
above 0: a series with a 0 or a negative value is not rated by this method (the linear-trend method
rates it). No -5..+5 score: ESCAP reports the share, not a score.
"""

from __future__ import annotations

import math

from compactwatch.core.progress import frame, growth, rules
from compactwatch.core.progress.model import Outcome, Series, Settings, Status, Target

NAME = "escap"
VERSION = "1.0"
TITLE = "UN ESCAP Anticipated Progress (time-weighted regression)"
DESCRIPTION = (
    "Fits the trend of every value from the base year on, counting recent values more, extends it to "
    "the target year and reports what share of the progress required from the base value to the target "
    "is expected by then. The method of the Asia-Pacific SDG Progress Report, used by all five UN "
    "regional commissions."
)
FORMULA = (
    "ln y_i = a + b (t_i - t_0), weighted least squares with w_i = 1 + (t_i - t_0); "
    "y_T' = exp(a + b (T - t_0)); P = (y_T' - y_0) / (y_T - y_0)"
)
THRESHOLDS = (
    ("on_track", "P >= 1 (the target is expected to be met)"),
    ("acceleration_needed", "0 <= P < 1"),
    ("deterioration", "P < 0 (moving away from the target)"),
)
SHARE_THRESHOLDS = (1.0, 0.0)
MAX_EXPONENT = 700.0  # exp(700) ~ 1e304: a projection beyond it is held there, not an overflow


def fit(years: tuple[int, ...], values: tuple[float, ...]) -> tuple[float, float]:
    """(a, b) of ln y = a + b (t - t_0), weighted by w = 1 + (t - t_0)."""
    x = [year - years[0] for year in years]
    w = [1.0 + xi for xi in x]
    logs = [math.log(value) for value in values]
    total = sum(w)
    x_mean = sum(wi * xi for wi, xi in zip(w, x, strict=True)) / total
    l_mean = sum(wi * li for wi, li in zip(w, logs, strict=True)) / total
    spread = sum(wi * (xi - x_mean) ** 2 for wi, xi in zip(w, x, strict=True))
    slope = sum(wi * (xi - x_mean) * (li - l_mean) for wi, xi, li in zip(w, x, logs, strict=True)) / spread
    return l_mean - slope * x_mean, slope


def _trend(
    window: rules.Window, settings: Settings, target: Target | None, f: frame.FieldMap
) -> growth.Rated:
    assert target is not None
    if min(window.values) <= 0:
        return growth.insufficient(f, rules.NOT_POSITIVE)
    intercept, slope = fit(window.years, window.values)
    projected = math.exp(min(intercept + slope * (target.year - window.years[0]), MAX_EXPONENT))
    f.update(slope_actual=slope, cagr_actual=math.exp(slope) - 1, thresholds=SHARE_THRESHOLDS)
    f.update(projected_year=target.year, projected_value=projected)
    y0 = window.values[0]
    if settings.direction.sign * (target.value - y0) <= 0:
        return Status.DETERIORATION, None  # the base was at or past the target; the latest value has left it
    share = (projected - y0) / (target.value - y0)
    f["ratio"] = share
    if share >= SHARE_THRESHOLDS[0]:
        return Status.ON_TRACK, None
    if share >= SHARE_THRESHOLDS[1]:
        return Status.ACCELERATION_NEEDED, None
    return Status.DETERIORATION, None


SPEC = frame.Spec(NAME, VERSION, needs_target=True, scored=False, trend=_trend)


def assess(series: Series, settings: Settings, percentage: bool = False) -> Outcome:
    return frame.assess(series, settings, percentage, SPEC)
