"""Rules every numeric method shares: which values are compared, and when a rating is not a guess.

- Breaks and partial years: a year flagged partial is left out (it is not a full year); values before the
  last break (OBS_STATUS "B") are not compared with values from it on, so a rating starts at the break.
- Minimum data: two values from the base year on (the base is the base year, or the first year after it
  with a value), the latest no older than the maximum age. Otherwise "insufficient data", with the reason.
- No interpolation: only observed values are compared; a value for a year without one is never made up.
- Within one point of a 0% or 100% target counts as met (UN Statistics Division), for every method.
- A base value of 0 is rated (growth rates cannot start from 0): see ZERO_BASE_RULES.
"""

from __future__ import annotations

import sys
from typing import NamedTuple

from compactwatch.core.progress.model import Series, Settings, Target

FEWER_THAN_TWO_POINTS = "fewer-than-two-points"
ACROSS_BREAK = "across-break"
TOO_OLD = "too-old"
BASE_AFTER_LATEST = "base-after-latest"
SIGN_CHANGE = "sign-change"
ZERO_BASE = "zero-base"
ZERO_TARGET = "zero-target"
NOT_POSITIVE = "not-positive"
NO_TARGET = "no-target"
NO_DATA_BY_TARGET_YEAR = "no-data-by-target-year"
NO_DATA = "no-data"
NOT_COMPARABLE = "no-common-years"

PERCENT_TOLERANCE = 1.0  # one percentage point around a 0% or 100% target (UN Statistics Division)

MOVED_BASE = "moved-base"
LINEAR_FROM_ZERO = "linear-from-zero"
DIRECTION_FROM_ZERO = "direction-from-zero"
ZERO_BASE_RULES = {
    MOVED_BASE: "the base value was 0, from which no growth rate exists, so the base is the first value "
    "after it that is not 0",
    LINEAR_FROM_ZERO: "the base value was 0, from which no growth rate exists, and no later value but the "
    "latest differs from 0, so the pace is the change in units a year",
    DIRECTION_FROM_ZERO: "the base value was 0, from which no growth rate exists, and no target is set, so "
    "the direction of the change from 0 decides",
}


class Segment(NamedTuple):  # a named tuple, not a dataclass: made for every rating, and tuples are cheap
    """The values a rating may compare: partial years left out, and only those from the last break on."""

    years: tuple[int, ...]
    values: tuple[float, ...]
    break_year: int | None
    partial_years: tuple[int, ...]
    before_break: int  # how many usable values precede the break


class Window(NamedTuple):
    """The values from the base on: the base and latest values a rating compares, and all between."""

    years: tuple[int, ...]
    values: tuple[float, ...]

    @property
    def base_year(self) -> int:
        return self.years[0]

    @property
    def base_value(self) -> float:
        return self.values[0]

    @property
    def latest_year(self) -> int:
        return self.years[-1]

    @property
    def latest_value(self) -> float:
        return self.values[-1]

    @property
    def points(self) -> int:
        return len(self.years)

    @property
    def span(self) -> int:
        return self.years[-1] - self.years[0]


def segment(series: Series) -> Segment:
    years, values = series.years, series.values
    partial: tuple[int, ...] = ()
    if series.partial:
        partial = tuple(y for y in years if y in series.partial)
        kept = [(y, v) for y, v in zip(years, values, strict=True) if y not in series.partial]
        years, values = tuple(y for y, _ in kept), tuple(v for _, v in kept)
    breaks = [b for b in series.breaks if years and years[0] < b <= years[-1]]
    if not breaks:
        return Segment(years, values, None, partial, 0)
    start = next(i for i, y in enumerate(years) if y >= breaks[-1])
    return Segment(years[start:], values[start:], years[start], partial, start)


def select_window(part: Segment, settings: Settings) -> Window | str:
    """The values from the base (the base year, or the first year after it with data), or a reason."""
    years = part.years
    if len(years) < 2:
        return ACROSS_BREAK if part.before_break else FEWER_THAN_TWO_POINTS
    if settings.as_of_year is not None and years[-1] < settings.as_of_year - settings.max_data_age:
        return TOO_OLD
    base_year = settings.base_year
    if years[0] >= base_year:
        return Window(years, part.values)
    first = next((i for i, year in enumerate(years) if year >= base_year), None)
    if first is None:
        return BASE_AFTER_LATEST
    if first == len(years) - 1:
        return ACROSS_BREAK if part.before_break else FEWER_THAN_TWO_POINTS
    return Window(years[first:], part.values[first:])


def too_old(part: Segment, settings: Settings) -> bool:
    return settings.as_of_year is not None and part.years[-1] < settings.as_of_year - settings.max_data_age


def growth_window(window: Window) -> tuple[Window, str | None]:
    """A window a compound growth rate can start from: a base of 0 moves to the next value that is not 0.

    Returns the window and the zero-base rule applied (None when the base was not 0); LINEAR_FROM_ZERO
    when only the latest value (or none) differs from 0, so no growth rate exists at all.
    """
    if window.values[0] != 0:
        return window, None
    first = next((i for i, value in enumerate(window.values) if value != 0), None)
    if first is None or first == len(window.values) - 1:
        return window, LINEAR_FROM_ZERO
    return Window(window.years[first:], window.values[first:]), MOVED_BASE


def tolerance(target: Target | None, percentage: bool) -> float:
    if target is not None and percentage and target.value in (0.0, 100.0):
        return PERCENT_TOLERANCE
    return 0.0


LARGEST = sys.float_info.max  # stands for "beyond any number" where a power overflows (JSON has no inf)


def power(base: float, exponent: float) -> float:
    """base ** exponent, held at the largest float rather than overflowing."""
    try:
        return min(float(base**exponent), LARGEST)
    except OverflowError:
        return LARGEST


def cagr(start: float, end: float, years: float) -> float:
    """Compound annual growth rate from `start` to `end` over `years`."""
    return min(power(min(end / start, LARGEST), 1.0 / years) - 1.0, LARGEST)


def grown(value: float, rate: float, years: float) -> float:
    """value * (1 + rate)^years, held at the largest float."""
    return min(value * power(1 + rate, years), LARGEST)


def meets(value: float, target: float, sign: int, slack: float = 0.0) -> bool:
    """Whether a value has reached the target in the desired direction (sign +1 up, -1 down)."""
    return sign * (value - target) >= -slack


def sign_change(window: Window) -> bool:
    return window.base_value * window.latest_value < 0
