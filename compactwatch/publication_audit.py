"""The disclosure audit of everything compactwatch publishes (DESIGN.md section 5, "think like the attacker").

It gathers what an attacker would hold at once: every published value (the same values every page, API
answer and download shows, from `compactwatch.observations.publication`), the derived rates with the counts
they are made of, and the figures the ratings publish (base and latest values, slopes, equity gaps). Then
`compactwatch.core.disclosure.audit` computes, by linear programming, the range each withheld count can still
take. A withheld count whose range is narrower than its label ("<10": possibly 1, possibly 9) is exposed.

This module sits above the apps: it reads observations, the framework and the stored ratings.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from django.conf import settings

from compactwatch.assessments.models import Assessment
from compactwatch.assessments.selectors import public_components
from compactwatch.core.disclosure import Cell, Exposure, LinearFact, Published, audit, rate_facts
from compactwatch.core.framework import RateDerivation
from compactwatch.core.series import key_text, parse_key_text
from compactwatch.core.suppression import COUNT_UNITS
from compactwatch.framework.selectors import codelist_hierarchy, rate_derivations
from compactwatch.observations.publication import (
    PublishedValue,
    current_observations,
    published_beside_raw,
    thresholds,
)

ROUNDING = 0.5  # the widest rounding of a figure a rating publishes (counts are shown as whole numbers)
SLOPE_ROUNDING = 1e-6  # slopes are published with their full precision
LINEAR_TREND = "linear-trend"


@dataclass(frozen=True)
class AuditedExposure:
    """An exposed withheld count, named the way a reader finds it."""

    indicator: str
    area: str
    key: str
    year: int
    source: str
    label: str
    feasible_low: float
    feasible_high: float

    def describe(self) -> str:
        where = f"{self.indicator} {self.area} {self.year} [{self.key or 'total'}] ({self.source})"
        low, high = self.feasible_low, self.feasible_high
        return f"{where}: shown {self.label!r}, yet it can only be {low:g} to {high:g}"


@dataclass
class Holdings:
    """Everything published, as the auditor reads it: cells with their raw values and what each shows."""

    values: list[PublishedValue]
    cells: list[Cell]
    index: dict[tuple[int, int, str], int]  # (series id, year, source) -> position

    @classmethod
    def of(cls, values: list[PublishedValue], cells: list[Cell]) -> Holdings:
        index = {(v.series_id, v.year, v.source): i for i, v in enumerate(values)}
        return cls(values, cells, index)

    def shown(self) -> list[Published]:
        return [Published(v.text, v.withheld) for v in self.values]


def audit_publication(extra_facts: Sequence[LinearFact] = ()) -> list[AuditedExposure]:
    """Every withheld count that what compactwatch publishes narrows below its label; none is the aim."""
    holdings = holdings_now()
    facts = [*rate_facts_of(holdings, rate_derivations()), *rating_facts(holdings), *extra_facts]
    found = audit(
        holdings.cells,
        holdings.shown(),
        thresholds(),
        settings.SMALL_COUNT_THRESHOLD,
        hierarchy=codelist_hierarchy(),
        facts=facts,
    )
    return [_named(holdings.values[e.cell], e) for e in found]


def holdings_now() -> Holdings:
    values, cells = published_beside_raw(current_observations())
    return Holdings.of(values, cells)


def _named(value: PublishedValue, exposure: Exposure) -> AuditedExposure:
    return AuditedExposure(
        value.indicator,
        value.area,
        value.key,
        value.year,
        value.source,
        value.text,
        exposure.feasible_low,
        exposure.feasible_high,
    )


def rate_facts_of(holdings: Holdings, derivations: Mapping[str, RateDerivation]) -> Iterator[LinearFact]:
    """A published derived rate, with the counts it is made of: numerator - rate x base = 0, rounded."""
    counts = _count_positions(holdings)
    for value in holdings.values:
        derivation = derivations.get(value.indicator)
        if derivation is None or value.value is None:
            continue
        where = (derivation.source, value.area, value.year, value.source)
        rest = parse_key_text(value.key)
        numerator = list(_positions(counts.get(where, {}), rest, derivation.numerator))
        base = list(_positions(counts.get(where, {}), rest, derivation.denominator))
        if base:
            yield from rate_facts(numerator, base, value.value, per=float(derivation.per), decimals=1)


def _count_positions(holdings: Holdings) -> dict[tuple[str, str, int, str], dict[str, int]]:
    positions: dict[tuple[str, str, int, str], dict[str, int]] = {}
    for i, value in enumerate(holdings.values):
        if value.unit in COUNT_UNITS:
            positions.setdefault((value.indicator, value.area, value.year, value.source), {})[value.key] = i
    return positions


def _positions(
    cells: Mapping[str, int], rest: Mapping[str, str], selection: Mapping[str, Iterable[str]]
) -> Iterator[int]:
    for dimension, codes in selection.items():
        for code in codes:
            position = cells.get(key_text({**rest, dimension: code}))
            if position is not None:
                yield position


def rating_facts(holdings: Holdings) -> Iterator[LinearFact]:
    """What the ratings of counts publish about their series (as the API and pages show them): base and
    latest values, and the least-squares slope of a linear trend, which involves every point it used."""
    ratings = Assessment.objects.filter(
        indicator__unit__code__in=COUNT_UNITS, series__isnull=False
    ).select_related("indicator__unit")
    for rating in ratings:
        source = str(rating.parameters.get("source", ""))
        yield from _series_facts(holdings, rating.series_id, source, public_components(rating))


def _series_facts(
    holdings: Holdings, series_id: int | None, source: str, components: Mapping[str, object]
) -> Iterator[LinearFact]:
    for name in ("base", "latest"):
        year, value = components.get(f"{name}_year"), _number(components.get(f"{name}_value"))
        position = holdings.index.get((series_id or 0, year, source)) if isinstance(year, int) else None
        if position is not None and value is not None:
            yield LinearFact(((position, 1.0),), value - ROUNDING, value + ROUNDING)
    slope = _number(components.get("slope_actual"))
    if components.get("method") == LINEAR_TREND and slope is not None:
        fact = _trend_fact(holdings, series_id or 0, source, components, slope)
        if fact is not None:
            yield fact


def _trend_fact(
    holdings: Holdings, series_id: int, source: str, components: Mapping[str, object], slope: float
) -> LinearFact | None:
    """slope = sum of w_i y_i over the points the trend used, w_i = (t_i - mean t) / sum (t_j - mean t)^2."""
    first, last = components.get("base_year"), components.get("latest_year")
    if not isinstance(first, int) or not isinstance(last, int):
        return None
    window = [
        (year, position)
        for year in range(first, last + 1)
        if (position := holdings.index.get((series_id, year, source))) is not None
    ]
    used = [(y, p) for y, p in window if not holdings.values[p].withheld]
    if len(used) != components.get("points"):
        used = window  # a rating computed before withheld values were left out used them all
    if len(used) < 2:
        return None
    mean = sum(y for y, _ in used) / len(used)
    spread = sum((y - mean) ** 2 for y, _ in used)
    terms = tuple((p, (y - mean) / spread) for y, p in used)
    return LinearFact(terms, slope - SLOPE_ROUNDING, slope + SLOPE_ROUNDING)


def _number(value: object) -> float | None:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    try:
        return float(str(value).replace(",", ""))
    except ValueError:
        return None  # withheld ("<10") or not a figure
