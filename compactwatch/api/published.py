"""Published observations a page at a time, with the children's data rule applied as on every output.

The rule (`compactwatch.core.suppression.publish`) decides each cell from the cells of the same indicator,
area, source and year only: a small count and the cells that would reveal it by subtraction are all in that
group. So a page is published correctly by fetching the page, then every current observation of the groups
the page touches, publishing those groups whole (in the order `published_table` uses, so that the same
cells are withheld as in pages and downloads), and keeping the page's rows. Filters on indicator, area,
year and source select whole groups and run in the database; a dimension filter selects cells inside
groups, so suppression never looks only at the filtered cells. Four queries per page, whatever its size.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import Count, Max, Min, Q, QuerySet

from compactwatch.core.series import TOTAL, parse_key_text
from compactwatch.core.suppression import Cell, Published, format_value, publish
from compactwatch.observations.models import Observation, Series
from compactwatch.observations.selectors import ROLE_COLUMNS_AFTER, current_observations, thresholds

CODED_UNIT = "YES_PARTIAL_NO"
ORDER = ("series__indicator__code", "series__area__iso3", "series__key", "year", "source__code")
FIELDS = (
    "id",
    "series__indicator_id",
    "series__area_id",
    "source_id",
    "series__indicator__code",
    "series__area__iso3",
    "series__key",
    "year",
    "value",
    "value_code",
    "unit__code",
    "obs_status",
    "conf_status",
    "lower_bound",
    "upper_bound",
    "footnote",
    "evidence",
    "source__code",
)
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
class Record:
    """One current observation as read from the database (raw: never returned as it is)."""

    id: int
    context: tuple[int, int, int, int]  # indicator, area, source, year: the group suppression looks at
    indicator: str
    area: str
    key: str
    year: int
    value: float | None
    value_code: str
    unit: str
    obs_status: str
    conf_status: str
    lower: float | None
    upper: float | None
    footnote: str
    evidence: str
    source: str

    @classmethod
    def from_row(cls, row: tuple[Any, ...]) -> Record:
        pk, indicator_id, area_id, source_id, indicator, area, key, year, *rest = row
        return cls(pk, (indicator_id, area_id, source_id, year), indicator, area, key, year, *rest)

    def cell(self) -> Cell:
        dimensions = tuple(sorted(parse_key_text(self.key).items()))
        withheld_text = self.value_code if self.value is None and self.value_code.startswith("<") else ""
        return Cell(
            self.indicator,
            self.area,
            dimensions,
            self.year,
            self.unit,
            self.value,
            self.source,
            withheld_text,
        )


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
    page = [Record.from_row(row) for row in queryset.values_list(*FIELDS)[offset : offset + limit]]
    if not page:
        return ObservationPage(total)
    shown = _publish_groups(page)
    return ObservationPage(total, [_published(record, shown[record.id]) for record in page])


def published_series(selection: ObservationFilter) -> QuerySet[Any]:
    """Series with published observations: how many, first and last year. Rows are dictionaries."""
    grouped = filtered(selection).order_by().values(*SERIES_FIELDS)
    summary = grouped.annotate(observations=Count("id"), first_year=Min("year"), last_year=Max("year"))
    return summary.order_by(*SERIES_FIELDS[1:])


def _publish_groups(page: list[Record]) -> dict[int, Published]:
    """What each observation of the groups `page` touches shows once the rule is applied."""
    contexts = {record.context for record in page}
    indicators, areas, sources, years = (sorted({c[i] for c in contexts}) for i in range(4))
    # Through the series first, so that the database reads the observations by their series index.
    series = Series.objects.filter(indicator_id__in=indicators, area_id__in=areas).values("id")
    candidates = current_observations().filter(series_id__in=series, source_id__in=sources, year__in=years)
    records = [Record.from_row(row) for row in candidates.order_by(*ORDER).values_list(*FIELDS)]
    groups: dict[tuple[int, int, int, int], list[Record]] = defaultdict(list)
    for record in records:
        if record.context in contexts:
            groups[record.context].append(record)
    limits = thresholds()
    shown: dict[int, Published] = {}
    for group in groups.values():
        # One group at a time: the rule never looks across groups, and small calls keep it fast.
        cells = publish([record.cell() for record in group], limits, settings.SMALL_COUNT_THRESHOLD)
        shown.update((record.id, cell) for record, cell in zip(group, cells, strict=True))
    return shown


def _published(record: Record, shown: Published) -> PublishedObservation:
    if record.unit == CODED_UNIT:
        text, withheld, value = record.value_code, False, None
    else:
        text, withheld = shown.text, shown.withheld
        value = None if withheld else record.value
    return PublishedObservation(
        indicator=record.indicator,
        area=record.area,
        year=record.year,
        dimensions=parse_key_text(record.key),
        value=value,
        value_text=text,
        unit=record.unit,
        obs_status=record.obs_status,
        conf_status="C" if withheld else record.conf_status,
        lower_bound=None if withheld else record.lower,
        upper_bound=None if withheld else record.upper,
        footnote=record.footnote,
        evidence=record.evidence,
        source=record.source,
    )
