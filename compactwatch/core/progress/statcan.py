"""Statistics Canada's method, as used by Open SDG, with the shared rules of frame.py.

With a target: achieved once the latest value has reached it; otherwise R = d * CAGR_a / |CAGR_r| with
CAGR_a = (yt / y0)^(1 / (t - t0)) - 1 and CAGR_r = (yT / y0)^(1 / (T - t0)) - 1; R >= 0.95 on track,
0.60 <= R < 0.95 acceleration needed, 0 <= R < 0.60 limited progress, R < 0 deterioration.
Without a target: v = d * CAGR_a; v >= 1.5% C substantial, 0.5% C <= v < 1.5% C moderate, 0 <= v < 0.5% C
limited, v < 0 deterioration, where C = 1 - (y0 / limit)^4.44 (for y0 <= limit; mirrored for
limit < y0 < 2 limit; 1 beyond) scales the positive thresholds near a natural limit, and C = 0 with v >= 0
is substantial progress. A series whose values are all negative has its direction flipped (sign s).
Unlike Open SDG, a target of 0 is never replaced by 0.001 (this method then says it cannot rate; the
absolute-change method, the default for a target of 0, can), and a base of 0 is rated (rules.py).
"""

from __future__ import annotations

from compactwatch.core.progress import frame, growth, rules
from compactwatch.core.progress.growth import (
    LIMIT_EXPONENT,
    RATE_THRESHOLDS,
    RATIO_THRESHOLDS,
    limit_scaling,
    ratio_status,
)
from compactwatch.core.progress.model import Outcome, Series, Settings, Target

NAME = "statcan"
VERSION = "2.0"
TITLE = "Statistics Canada / Open SDG (growth rates)"
DESCRIPTION = (
    "Compares the yearly growth rate between the base year (2015, or the first later year with a value) "
    "and the latest value with the rate needed to reach the target by the target year. Without a target, "
    "the growth rate itself is rated. Used by Open SDG national reporting platforms."
)
FORMULA = (
    "CAGR_a = (y_t / y_0)^(1 / (t - t_0)) - 1; CAGR_r = (y_T / y_0)^(1 / (T - t_0)) - 1; "
    "with a target R = d x CAGR_a / |CAGR_r|; without one v = d x CAGR_a"
)
THRESHOLDS = (
    ("on_track", "R >= 0.95"),
    ("acceleration_needed", "0.60 <= R < 0.95"),
    ("limited_progress", "0 <= R < 0.60, or 0 <= v < 0.5% a year"),
    ("deterioration", "R < 0, or v < 0"),
    ("substantial_progress", "v >= 1.5% a year (lowered near a natural limit)"),
    ("moderate_progress", "0.5% <= v < 1.5% a year"),
)
__all__ = ["LIMIT_EXPONENT", "RATE_THRESHOLDS", "RATIO_THRESHOLDS", "assess", "limit_scaling", "ratio_status"]


def _trend(
    window: rules.Window, settings: Settings, target: Target | None, f: frame.FieldMap
) -> growth.Rated:
    if target is None:
        return growth.without_target(window, settings, f)
    return growth.with_target(window, settings, target, f)


SPEC = frame.Spec(NAME, VERSION, needs_target=False, scored=True, trend=_trend)


def assess(series: Series, settings: Settings, percentage: bool = False) -> Outcome:
    return frame.assess(series, settings, percentage, SPEC)
