"""Progress assessment: are we on track? Methods behind a registry, each rating explained.

- statcan: Statistics Canada / Open SDG growth-rate method (with and without a target, natural limits,
  the -5..+5 score and mean aggregation);
- unsd-2023: the UN Statistics Division 2023 Progress Chart method;
- escap: the UN regional commissions' Anticipated Progress (time-weighted regression of all values);
- absolute-change and linear-trend: zero and absolute targets, paced in units a year;
- structural: YES / PARTIAL / NO with dates;
- equity-gap: the gap between two groups, closing or widening.

Shared rules (frame.py, rules.py, deadline.py): breaks and partial years, target years that have passed,
a value at the target achieved from one point, one point of tolerance at 0% and 100%, zero bases rated,
no interpolation.
"""

from compactwatch.core.progress.engine import (
    Aggregate,
    aggregate,
    rate,
    rate_gap,
    rate_many,
    rate_side_by_side,
    rate_structural,
)
from compactwatch.core.progress.model import (
    STATUS_DESCRIPTIONS,
    STATUS_LABELS,
    CodedSeries,
    Components,
    Direction,
    InvalidSeries,
    Outcome,
    Rating,
    Series,
    Settings,
    Status,
    Subject,
    Target,
)
from compactwatch.core.progress.registry import METHODS, UnknownMethod, default_method, describe, get_method

__all__ = [
    "METHODS",
    "STATUS_DESCRIPTIONS",
    "STATUS_LABELS",
    "Aggregate",
    "CodedSeries",
    "Components",
    "Direction",
    "InvalidSeries",
    "Outcome",
    "Rating",
    "Series",
    "Settings",
    "Status",
    "Subject",
    "Target",
    "UnknownMethod",
    "aggregate",
    "default_method",
    "describe",
    "get_method",
    "rate",
    "rate_gap",
    "rate_many",
    "rate_side_by_side",
    "rate_structural",
]
