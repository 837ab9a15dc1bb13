"""From stored observations to the plain values the progress engine rates (no writes)."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace

from django.conf import settings as django_settings

from compactwatch.core.progress import CodedSeries, Direction, Series, Settings, Subject, Target
from compactwatch.core.series import BREAK_IN_SERIES, parse_key_text
from compactwatch.framework.models import Indicator
from compactwatch.observations.publication import current_observations, published, thresholds

PERCENT_LIMIT = 100.0


@dataclass
class StoredSeries:
    """One stored series with its current values, read from a single source (a trend never mixes sources)."""

    series_id: int
    indicator: str
    area: str
    key: str
    points: dict[int, float | str] = field(default_factory=dict)
    source: str = ""
    breaks: frozenset[int] = frozenset()  # years whose value starts a new comparable stretch (OBS_STATUS B)
    partial: frozenset[int] = frozenset()  # years the producer covers only in part

    @property
    def dimensions(self) -> dict[str, str]:
        return parse_key_text(self.key)

    def numeric(self) -> Series:
        numbers = [(y, float(v)) for y, v in self.points.items() if not isinstance(v, str)]
        return Series.of(numbers, breaks=self.breaks, partial=self.partial)

    def coded(self) -> CodedSeries:
        return CodedSeries.of((y, v) for y, v in self.points.items() if isinstance(v, str))


def read_series(indicators: list[str], area: str | None) -> list[StoredSeries]:
    """Published values of these indicators, one source per series: the one with most years.

    Ratings are computed from published values only: a withheld value is a gap in the series, so no slope,
    projection or gap published with a rating can give a withheld count back.
    """
    selection = current_observations(None, area).filter(series__indicator__code__in=indicators)
    by_source: dict[int, dict[str, dict[int, float | str]]] = defaultdict(lambda: defaultdict(dict))
    flags: dict[tuple[int, str], tuple[set[int], set[int]]] = defaultdict(lambda: (set(), set()))
    meta: dict[int, tuple[str, str, str]] = {}
    for value in published(selection, whole_groups=True):
        point = value.value if value.value is not None else value.text
        if value.withheld or point in (None, ""):
            continue
        by_source[value.series_id][value.source][value.year] = point
        breaks, partial = flags[(value.series_id, value.source)]
        if value.obs_status.strip().upper() == BREAK_IN_SERIES:
            breaks.add(value.year)
        if value.partial_period:
            partial.add(value.year)
        meta[value.series_id] = (value.indicator, value.area, value.key)
    stored = []
    for series_id, sources in by_source.items():
        counts = Counter({source: len(points) for source, points in sources.items()})
        source = sorted(counts, key=lambda s: (-counts[s], s))[0]
        indicator, iso3, key = meta[series_id]
        breaks, partial = flags[(series_id, source)]
        found = StoredSeries(series_id, indicator, iso3, key, sources[source], source)
        stored.append(replace(found, breaks=frozenset(breaks), partial=frozenset(partial)))
    return stored


def settings_for(indicator: Indicator, as_of_year: int) -> Settings | None:
    """The engine settings an indicator implies; None when it has no desired direction to rate against."""
    if indicator.direction == Indicator.Direction.INCREASE:
        direction = Direction.INCREASE
    elif indicator.direction == Indicator.Direction.DECREASE:
        direction = Direction.DECREASE
    elif indicator.direction == Indicator.Direction.REACH and indicator.unit.code == "YES_PARTIAL_NO":
        direction = Direction.INCREASE  # structural: YES is above PARTIAL, above NO
    else:
        return None
    target = None
    if isinstance(indicator.target_value, int | float) and indicator.target_year:
        target = Target(float(indicator.target_value), indicator.target_year)
    elif indicator.target_year:
        target = Target(0.0, indicator.target_year)  # structural target: only its year is used
    limit = PERCENT_LIMIT if indicator.unit.code == "PERCENT" else None
    return Settings(direction, target, limit=limit, as_of_year=as_of_year)


def subject_for(indicator: Indicator) -> Subject:
    threshold = thresholds().get(indicator.code, django_settings.SMALL_COUNT_THRESHOLD)
    return Subject(indicator.title, indicator.unit.code, threshold)
