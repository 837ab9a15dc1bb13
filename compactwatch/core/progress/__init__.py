"""Progress assessment: are we on track? Methods behind a registry, each rating explained.

- statcan: Statistics Canada / Open SDG growth-rate method (with and without a target, natural limits,
  the -5..+5 score and mean aggregation);
- unsd-2023: the UN Statistics Division 2023 Progress Chart method;
- absolute-change and linear-trend: zero and absolute targets, paced in units a year;
- structural: YES / PARTIAL / NO with dates;
- equity-gap: the gap between two groups, closing or widening.
"""

from compactwatch.core.progress.engine import Aggregate, aggregate, rate, rate_gap, rate_structural
from compactwatch.core.progress.model import (
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
from compactwatch.core.progress.registry import METHODS, UnknownMethod, default_method, get_method

__all__ = [
    "METHODS",
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
    "get_method",
    "rate",
    "rate_gap",
    "rate_structural",
]
