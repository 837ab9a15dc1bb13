"""The entry points: rate a series (numeric, structural, or an equity pair) and roll ratings up.

Every rating carries the method, its version, its components and one sentence saying how it was reached.
`rate` is what production calls for every series (`assessments.services.assess`); `rate_many` is the
same call over a list, and `rate_side_by_side` rates one series by each method an indicator page shows.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from compactwatch.core.progress import equity, explain, structural
from compactwatch.core.progress.model import CodedSeries, Outcome, Rating, Series, Settings, Status, Subject
from compactwatch.core.progress.registry import METHODS, SIDE_BY_SIDE, default_method, get_method
from compactwatch.core.progress.scoring import status_for_score


def _rating(outcome: Outcome, subject: Subject, settings: Settings) -> Rating:
    sentence = explain.explain(outcome, subject, settings.base_year, settings.max_data_age)
    return Rating(outcome.status, outcome.score, outcome.components, sentence)


def rate(series: Series, settings: Settings, subject: Subject, method: str | None = None) -> Rating:
    chosen = get_method(method or default_method(settings))
    outcome = chosen.run(series, settings, subject.unit == "PERCENT")
    return _rating(outcome, subject, settings)


def rate_many(items: Iterable[tuple[Series, Settings, Subject]]) -> list[Rating]:
    """`rate` over many series, each by its indicator's method (what `assess` does for every series)."""
    return [rate(series, settings, subject) for series, settings, subject in items]


def rate_side_by_side(series: Series, settings: Settings, subject: Subject) -> dict[str, Rating]:
    """The indicator's own method, then each published method an indicator page shows beside it."""
    names = [default_method(settings)] + [name for name in SIDE_BY_SIDE if name != default_method(settings)]
    usable = [name for name in names if settings.target is not None or not METHODS[name].needs_target]
    return {name: rate(series, settings, subject, name) for name in usable}


def rate_structural(series: CodedSeries, settings: Settings, subject: Subject, target_code: str) -> Rating:
    return _rating(structural.assess(series, settings, target_code), subject, settings)


def rate_gap(
    group: Series, reference: Series, settings: Settings, subject: Subject, pair: equity.Pair
) -> Rating:
    return _rating(equity.assess(group, reference, settings, pair), subject, settings)


@dataclass(frozen=True, slots=True)
class Aggregate:
    """Several ratings as one: the mean score, its status, and how many ratings went into it."""

    status: Status
    score: float | None
    rated: int
    total: int


def aggregate(ratings: Sequence[Rating]) -> Aggregate:
    """Mean of the scores (Statistics Canada); achieved only when every rated series achieved its target.

    The mean's words claim a target ("on track to meet the target") only when every rating had one.
    """
    scored = [r for r in ratings if r.score is not None and r.status is not Status.INSUFFICIENT_DATA]
    if not scored:
        return Aggregate(Status.INSUFFICIENT_DATA, None, 0, len(ratings))
    mean = sum(r.score or 0.0 for r in scored) / len(scored)
    if all(r.status is Status.ACHIEVED for r in scored):
        return Aggregate(Status.ACHIEVED, mean, len(scored), len(ratings))
    with_target = all(r.components.target_value is not None for r in scored)
    return Aggregate(status_for_score(mean, with_target), mean, len(scored), len(ratings))
