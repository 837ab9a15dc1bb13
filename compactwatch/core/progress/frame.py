"""The steps every numeric method takes before its own computation, in one place.

1. Partial years are left out and only values from the last break on are compared (rules.segment).
2. A latest value older than the maximum age: insufficient data.
3. With a target whose year has passed: achieved, achieved late, met then fell back, or missed
   (deadline.py), with the trend rated beside it (the Statistics Canada rate without a target).
4. With a target still ahead: a latest value at the target level is achieved, even a single value.
5. Otherwise the method's own trend, from two or more values from the base year on.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from compactwatch.core.progress import deadline, growth, rules
from compactwatch.core.progress.model import Components, Outcome, Series, Settings, Status, Target
from compactwatch.core.progress.scoring import ACHIEVED_SCORE, DEADLINE_SCORES

FieldMap = dict[str, object]
Trend = Callable[[rules.Window, Settings, Target | None, FieldMap], growth.Rated]


@dataclass(frozen=True, slots=True)
class Spec:
    name: str
    version: str
    needs_target: bool
    scored: bool  # whether the method gives a -5..+5 score
    trend: Trend


def assess(series: Series, settings: Settings, percentage: bool, spec: Spec) -> Outcome:
    target = settings.target
    f: FieldMap = {"direction": settings.direction.value}
    if target is not None:
        f["target_value"], f["target_year"] = target.value, target.year
    elif spec.needs_target:
        return _outcome(spec, f, *growth.insufficient(f, rules.NO_TARGET))
    part = rules.segment(series)
    if part.break_year is not None:
        f["break_year"] = part.break_year
    if part.partial_years:
        f["partial_years"] = part.partial_years
    if not part.years:
        return _outcome(spec, f, *growth.insufficient(f, rules.NO_DATA))
    f["latest_year"], f["latest_value"] = part.years[-1], part.values[-1]
    if rules.too_old(part, settings):
        return _outcome(spec, f, *growth.insufficient(f, rules.TOO_OLD))
    window = rules.select_window(part, settings)
    if isinstance(window, rules.Window):
        growth.use_window(window, f)
    if target is not None:
        slack = rules.tolerance(target, percentage)
        if deadline.passed(part.years[-1], target, settings.as_of_year):
            return _deadline(part, window, settings, target, slack, spec, f)
        if rules.meets(part.values[-1], target.value, settings.direction.sign, slack):
            return _outcome(spec, f, Status.ACHIEVED, ACHIEVED_SCORE)
    if isinstance(window, str):
        return _outcome(spec, f, *growth.insufficient(f, window))
    return _outcome(spec, f, *spec.trend(window, settings, target, f))


def _deadline(
    part: rules.Segment,
    window: rules.Window | str,
    settings: Settings,
    target: Target,
    slack: float,
    spec: Spec,
    f: FieldMap,
) -> Outcome:
    if isinstance(window, rules.Window):
        trend_status, trend_score = growth.without_target(window, settings, f)
        f["trend_status"] = trend_status.value
        if trend_status is Status.INSUFFICIENT_DATA:
            f.pop("reason", None)  # the trend's reason; the target-year status may still stand
        elif spec.scored:
            f["trend_score"] = trend_score
    verdict = deadline.status(part.years, part.values, target, settings.direction.sign, slack, f)
    if verdict is None:
        return _outcome(spec, f, *growth.insufficient(f, rules.NO_DATA_BY_TARGET_YEAR))
    return _outcome(spec, f, verdict, DEADLINE_SCORES[verdict])


def _outcome(spec: Spec, f: FieldMap, status: Status, score: float | None) -> Outcome:
    return Outcome(status, score if spec.scored else None, Components.build(spec.name, spec.version, f))
