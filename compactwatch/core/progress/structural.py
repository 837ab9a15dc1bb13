"""Structural indicators: a law or policy in place (YES), in part (PARTIAL) or not (NO), with dates.

Achieved when the latest value has reached the target level (YES unless the indicator says otherwise);
moved backwards when an earlier value was higher than the latest; in progress when the latest is PARTIAL;
otherwise not achieved. One dated value is enough to rate.
"""

from __future__ import annotations

from compactwatch.core.progress.model import CodedSeries, Components, InvalidSeries, Outcome, Settings, Status
from compactwatch.core.progress.rules import NO_DATA
from compactwatch.core.progress.scoring import band_score

NAME = "structural"
VERSION = "1.0"
LEVELS = {"NO": 0, "PARTIAL": 1, "YES": 2}


def level(code: str) -> int:
    try:
        return LEVELS[code]
    except KeyError:
        raise InvalidSeries(f"{code!r} is not YES, PARTIAL or NO") from None


def assess(series: CodedSeries, settings: Settings, target_code: str = "YES") -> Outcome:
    components = Components(NAME, VERSION, direction="reach", target_value=target_code)
    if settings.target is not None:
        components = _replace(components, target_year=settings.target.year)
    if not series.years:
        return Outcome(Status.INSUFFICIENT_DATA, None, _replace(components, reason=NO_DATA))
    levels = [level(code) for code in series.codes]
    since = _since(series, levels)
    components = _replace(
        components,
        base_year=series.years[0],
        base_code=series.codes[0],
        latest_year=series.years[-1],
        latest_code=series.codes[-1],
        previous_code=_previous(series, levels),
        points=len(series.years),
        extra={"since": since},
    )
    status = _status(levels, level(target_code))
    return Outcome(status, band_score(status), components)


def _status(levels: list[int], target: int) -> Status:
    latest = levels[-1]
    if latest >= target:
        return Status.ACHIEVED
    if max(levels) > latest:
        return Status.MOVED_BACKWARDS
    if latest == LEVELS["PARTIAL"]:
        return Status.IN_PROGRESS
    return Status.NOT_ACHIEVED


def _since(series: CodedSeries, levels: list[int]) -> int:
    """The first year of the run of equal values that ends with the latest."""
    index = len(levels) - 1
    while index > 0 and levels[index - 1] == levels[-1]:
        index -= 1
    return series.years[index]


def _previous(series: CodedSeries, levels: list[int]) -> str | None:
    """The value before the latest run, if the value has changed."""
    for index in range(len(levels) - 1, -1, -1):
        if levels[index] != levels[-1]:
            return series.codes[index]
    return None


def _replace(components: Components, **changes: object) -> Components:
    from dataclasses import replace

    return replace(components, **changes)  # type: ignore[arg-type]
