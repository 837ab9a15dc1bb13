"""From stored observations to the plain values the progress engine rates (no writes)."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.conf import settings as django_settings

from compactwatch.core.progress import CodedSeries, Direction, Series, Settings, Subject, Target
from compactwatch.core.series import parse_key_text
from compactwatch.framework.models import Indicator
from compactwatch.observations.selectors import current_observations, thresholds

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

    @property
    def dimensions(self) -> dict[str, str]:
        return parse_key_text(self.key)

    def numeric(self) -> Series:
        return Series.of((y, float(v)) for y, v in self.points.items() if not isinstance(v, str))

    def coded(self) -> CodedSeries:
        return CodedSeries.of((y, v) for y, v in self.points.items() if isinstance(v, str))


def read_series(indicators: list[str], area: str | None) -> list[StoredSeries]:
    """Current observations of these indicators, one source per series: the one with most years."""
    rows = (
        current_observations(None, area)
        .filter(series__indicator__code__in=indicators)
        .values_list(
            "series_id",
            "series__indicator__code",
            "series__area__iso3",
            "series__key",
            "year",
            "value",
            "value_code",
            "source__code",
        )
    )
    by_source: dict[int, dict[str, dict[int, float | str]]] = defaultdict(lambda: defaultdict(dict))
    meta: dict[int, tuple[str, str, str]] = {}
    for series_id, indicator, iso3, key, year, value, code, source in rows.iterator(chunk_size=5000):
        point = value if value is not None else code
        if point in (None, "") or (isinstance(point, str) and point.startswith("<")):
            continue  # withheld at source: no value to rate
        by_source[series_id][source][year] = point
        meta[series_id] = (indicator, iso3, key)
    stored = []
    for series_id, sources in by_source.items():
        counts = Counter({source: len(points) for source, points in sources.items()})
        source = sorted(counts, key=lambda s: (-counts[s], s))[0]
        indicator, iso3, key = meta[series_id]
        stored.append(StoredSeries(series_id, indicator, iso3, key, sources[source], source))
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
