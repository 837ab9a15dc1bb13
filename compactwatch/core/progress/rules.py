"""Minimum-data rules shared by the methods: a rating is never a guess.

A series is rated only when it has at least two values from the base year on, its latest value is not too
old, and (for growth-rate methods) its values keep one sign. Otherwise the rating is "insufficient data",
with the reason in its components.
"""

from __future__ import annotations

from dataclasses import dataclass

from compactwatch.core.progress.model import Series, Settings

FEWER_THAN_TWO_POINTS = "fewer-than-two-points"
TOO_OLD = "too-old"
BASE_AFTER_LATEST = "base-after-latest"
SIGN_CHANGE = "sign-change"
ZERO_BASE = "zero-base"
ZERO_TARGET = "zero-target"
NO_TARGET = "no-target"
NO_DATA_BY_TARGET_YEAR = "no-data-by-target-year"
NO_DATA = "no-data"
NOT_COMPARABLE = "no-common-years"


@dataclass(frozen=True, slots=True)
class Window:
    """The base and latest values a rating compares, and how many values lie between them (inclusive)."""

    base_year: int
    base_value: float
    latest_year: int
    latest_value: float
    points: int

    @property
    def years(self) -> int:
        return self.latest_year - self.base_year


def select_window(series: Series, settings: Settings) -> Window | str:
    """The base (the base year, or the first year after it with data) and the latest value, or a reason."""
    if len(series) < 2:
        return FEWER_THAN_TWO_POINTS
    latest_year = series.years[-1]
    if settings.as_of_year is not None and latest_year < settings.as_of_year - settings.max_data_age:
        return TOO_OLD
    from_base = [i for i, year in enumerate(series.years) if year >= settings.base_year]
    if not from_base:
        return BASE_AFTER_LATEST
    if len(from_base) < 2:
        return FEWER_THAN_TWO_POINTS
    first = from_base[0]
    return Window(series.years[first], series.values[first], latest_year, series.values[-1], len(from_base))


def growth_rate_problem(window: Window) -> str | None:
    """Why a compound growth rate cannot be computed from this window, if it cannot."""
    if window.base_value == 0:
        return ZERO_BASE
    if window.base_value * window.latest_value < 0:
        return SIGN_CHANGE
    return None


def cagr(start: float, end: float, years: float) -> float:
    """Compound annual growth rate from `start` to `end` over `years`."""
    return float((end / start) ** (1.0 / years) - 1.0)


def meets(value: float, target: float, sign: int, tolerance: float = 0.0) -> bool:
    """Whether a value has reached the target in the desired direction (sign +1 up, -1 down)."""
    return sign * (value - target) >= -tolerance


def value_at(series: Series, year: int) -> float | None:
    """The value in a year: observed, or interpolated linearly between the nearest years around it."""
    exact = series.value_in(year)
    if exact is not None:
        return exact
    before = [(y, v) for y, v in zip(series.years, series.values, strict=True) if y < year]
    after = [(y, v) for y, v in zip(series.years, series.values, strict=True) if y > year]
    if not before or not after:
        return None
    (y0, v0), (y1, v1) = before[-1], after[0]
    return v0 + (v1 - v0) * (year - y0) / (y1 - y0)
