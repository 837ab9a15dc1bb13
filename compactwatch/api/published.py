"""Published observations a page at a time, through the one publication path.

`compactwatch.observations.publication.published` decides each value with every observation of its group
(indicator, area and year, across sources), so a page shows exactly what the full download shows. Filters on
indicator, area, year and source run in the database; a dimension filter selects cells inside groups, and
suppression still sees the whole groups.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Max, Min, Q, QuerySet

from compactwatch.core.series import TOTAL
from compactwatch.core.suppression import format_value
from compactwatch.observations.models import Observation
from compactwatch.observations.publication import ORDER, PublishedValue, current_observations, published
from compactwatch.observations.selectors import ROLE_COLUMNS_AFTER

SERIES_FIELDS = ("series_id", "series__indicator__code", "series__area__iso3", "series__key")


@dataclass(frozen=True)
class ObservationFilter:
    """Which published observations to return; empty means no restriction."""

    indicators: tuple[str, ...] = ()
    areas: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    year_from: int | None = None
    year_to: int | None = None
    dimensions: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (SEX, (F,)), (AGE, (Y0T4, Y5T11))
    series_id: int | None = None


@dataclass(frozen=True)
class PublishedObservation:
    indicator: str
    area: str
    year: int
    dimensions: dict[str, str]
    value: float | None
    value_text: str
    unit: str
    obs_status: str
    conf_status: str
    lower_bound: float | None
    upper_bound: float | None
    footnote: str
    evidence: str
    source: str
    partial_period: bool = False

    def tidy_row(self, dimension_names: list[str]) -> list[str]:
        """The row as `published_table` writes it (tidy CSV and every download)."""
        bound = ["" if b is None else format_value(b) for b in (self.lower_bound, self.upper_bound)]
        return [
            self.indicator,
            self.area,
            str(self.year),
            *(self.dimensions.get(name, "") for name in dimension_names),
            self.value_text,
            self.unit,
            self.obs_status,
            self.conf_status,
            *bound,
            self.footnote,
            self.evidence,
            self.source,
            "true" if self.partial_period else "",
        ]


@dataclass
class ObservationPage:
    total: int
    rows: list[PublishedObservation] = field(default_factory=list)

    @property
    def dimension_names(self) -> list[str]:
        return sorted({name for row in self.rows for name in row.dimensions})

    @property
    def columns(self) -> list[str]:
        return ["Indicator", "GeoCode", "Year", *self.dimension_names, *ROLE_COLUMNS_AFTER]


def dimension_condition(dimension: str, codes: Iterable[str], field: str = "series__key") -> Q:
    """Series keys (``AGE=Y0T4|SEX=F``) holding one of `codes` for `dimension`; `_T` is the total."""
    condition = Q()
    for code in codes:
        if code == TOTAL:
            named_first = Q(**{f"{field}__startswith": f"{dimension}="})
            named_later = Q(**{f"{field}__contains": f"|{dimension}="})
            condition |= ~named_first & ~named_later
            continue
        part = f"{dimension}={code}"
        condition |= (
            Q(**{field: part})
            | Q(**{f"{field}__startswith": f"{part}|"})
            | Q(**{f"{field}__endswith": f"|{part}"})
            | Q(**{f"{field}__contains": f"|{part}|"})
        )
    return condition


def filtered(selection: ObservationFilter) -> QuerySet[Observation]:
    queryset = current_observations()
    if selection.indicators:
        queryset = queryset.filter(series__indicator__code__in=selection.indicators)
    if selection.areas:
        queryset = queryset.filter(series__area__iso3__in=selection.areas)
    if selection.sources:
        queryset = queryset.filter(source__code__in=selection.sources)
    if selection.year_from is not None:
        queryset = queryset.filter(year__gte=selection.year_from)
    if selection.year_to is not None:
        queryset = queryset.filter(year__lte=selection.year_to)
    if selection.series_id is not None:
        queryset = queryset.filter(series_id=selection.series_id)
    for dimension, codes in selection.dimensions:
        queryset = queryset.filter(dimension_condition(dimension, codes))
    return queryset.order_by(*ORDER)


def published_page(selection: ObservationFilter, offset: int, limit: int) -> ObservationPage:
    queryset = filtered(selection)
    total = queryset.count()
    page = published(queryset[offset : offset + limit])
    return ObservationPage(total, [_observation(value) for value in page])


def published_series(selection: ObservationFilter) -> QuerySet[Any]:
    """Series with published observations: how many, first and last year. Rows are dictionaries."""
    grouped = filtered(selection).order_by().values(*SERIES_FIELDS)
    summary = grouped.annotate(observations=Count("id"), first_year=Min("year"), last_year=Max("year"))
    return summary.order_by(*SERIES_FIELDS[1:])


def _observation(value: PublishedValue) -> PublishedObservation:
    return PublishedObservation(
        indicator=value.indicator,
        area=value.area,
        year=value.year,
        dimensions=value.dimensions,
        value=value.value,
        value_text=value.text,
        unit=value.unit,
        obs_status=value.obs_status,
        conf_status=value.conf_status,
        lower_bound=value.lower_bound,
        upper_bound=value.upper_bound,
        footnote=value.footnote,
        evidence=value.evidence,
        source=value.source,
        partial_period=value.partial_period,
    )
