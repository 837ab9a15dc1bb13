"""Targets whose year has come: assessed as achieved or missed in that year, not projected past it."""

from __future__ import annotations

from compactwatch.core.progress.model import Components, Outcome, Series, Settings, Status, Target
from compactwatch.core.progress.rules import NO_DATA_BY_TARGET_YEAR, meets, value_at
from compactwatch.core.progress.scoring import ACHIEVED_SCORE


def target_year_reached(series: Series, target: Target) -> bool:
    """True when the data reach the target year, so the rating is achieved or missed in that year."""
    return bool(series.years) and target.year <= series.years[-1]


def assess_at_target_year(
    series: Series, settings: Settings, target: Target, base: Components, tolerance: float = 0.0
) -> Outcome:
    """Achieved when the value in the target year (observed or interpolated) had reached the target."""
    reached = value_at(series, target.year)
    if reached is None:
        return Outcome(Status.INSUFFICIENT_DATA, None, _with(base, reason=NO_DATA_BY_TARGET_YEAR))
    components = _with(base, evaluated_year=target.year, value_at_target_year=reached)
    if meets(reached, target.value, settings.direction.sign, tolerance):
        return Outcome(Status.ACHIEVED, ACHIEVED_SCORE, components)
    return Outcome(Status.MISSED, -5.0, components)


def _with(base: Components, **changes: object) -> Components:
    from dataclasses import replace

    return replace(base, **changes)  # type: ignore[arg-type]
