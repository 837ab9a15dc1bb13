"""The UN Statistics Division's 2023 Progress Chart method, with the shared rules of frame.py.

The latest trend is extrapolated to the target year, y_T' = yt * (1 + CAGR_a)^(T - t), and compared with
the distance to cover: CR = (y_T' - y0) / (yT - y0). CR >= 0.95 on track; 0.10 <= CR < 0.95 acceleration
needed; CR < 0.10 stagnation or regression. A percentage within one point of a 0% or 100% target counts as
met. The method needs a target; a base already at or beyond the target that the latest value has left is
stagnation or regression. From a base of 0 with no later value but the latest, the extrapolation is a
straight line (never below 0 for values that are never negative).
"""

from __future__ import annotations

from compactwatch.core.progress import frame, growth, rules
from compactwatch.core.progress.model import Outcome, Series, Settings, Status, Target

NAME = "unsd-2023"
VERSION = "2.0"
TITLE = "UN Statistics Division 2023 Progress Chart"
DESCRIPTION = (
    "Extends the growth rate between the base and the latest value to the target year and asks what "
    "share of the distance from the base value to the target would then be covered. Used in the UN "
    "Secretary-General's yearly SDG Progress Report."
)
FORMULA = "y_T' = y_t x (1 + CAGR_a)^(T - t); CR = (y_T' - y_0) / (y_T - y_0)"
THRESHOLDS = (
    ("on_track", "CR >= 0.95"),
    ("acceleration_needed", "0.10 <= CR < 0.95"),
    ("stagnation_or_regression", "CR < 0.10"),
)
CR_THRESHOLDS = (0.95, 0.10)
PERCENT_TOLERANCE = rules.PERCENT_TOLERANCE


def tolerance(target: Target, percentage: bool) -> float:
    return rules.tolerance(target, percentage)


def _trend(
    window: rules.Window, settings: Settings, target: Target | None, f: frame.FieldMap
) -> growth.Rated:
    assert target is not None  # the frame refuses this method without a target
    window, rule = rules.growth_window(window)
    if rule is not None:
        f["zero_base"] = rule
        growth.use_window(window, f)
    if rules.sign_change(window):
        return growth.insufficient(f, rules.SIGN_CHANGE)
    y0, yt, ahead = window.values[0], window.values[-1], target.year - window.years[-1]
    if rule == rules.LINEAR_FROM_ZERO:
        projected = max(yt + (yt - y0) / window.span * ahead, 0.0)
    else:
        actual = rules.cagr(y0, yt, window.span)
        f["cagr_actual"] = actual
        projected = rules.grown(yt, actual, ahead)
    f.update(projected_year=target.year, projected_value=projected, thresholds=CR_THRESHOLDS)
    if settings.direction.sign * (target.value - y0) <= 0:
        return Status.STAGNATION_OR_REGRESSION, None
    ratio = (projected - y0) / (target.value - y0)
    f["ratio"] = ratio
    on_track, acceleration = CR_THRESHOLDS
    if ratio >= on_track:
        return Status.ON_TRACK, None
    if ratio >= acceleration:
        return Status.ACCELERATION_NEEDED, None
    return Status.STAGNATION_OR_REGRESSION, None


SPEC = frame.Spec(NAME, VERSION, needs_target=True, scored=False, trend=_trend)


def assess(series: Series, settings: Settings, percentage: bool = False) -> Outcome:
    return frame.assess(series, settings, percentage, SPEC)
