"""Read queries over indicator data, and the published tables every output is made from."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db.models import QuerySet

from compactwatch.core.series import key_text, parse_key_text
from compactwatch.core.suppression import Cell, format_value, publish
from compactwatch.framework.models import Indicator
from compactwatch.observations.models import Observation, Source

ROLE_COLUMNS_BEFORE = ("Indicator", "GeoCode", "Year")
ROLE_COLUMNS_AFTER = (
    "Value",
    "Units",
    "ObsStatus",
    "ConfStatus",
    "LowerBound",
    "UpperBound",
    "Footnote",
    "Evidence",
    "Source",
)
NUMERIC_COLUMNS = ("Year", "Value", "LowerBound", "UpperBound")


@dataclass
class PublishedTable:
    """Current observations as published: small counts withheld, one row per series, year and source."""

    dimensions: list[str]
    rows: list[list[str]] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)

    @property
    def columns(self) -> list[str]:
        return [*ROLE_COLUMNS_BEFORE, *self.dimensions, *ROLE_COLUMNS_AFTER]


def current_observations(indicator: str | None = None, area: str | None = None) -> QuerySet[Observation]:
    queryset = Observation.objects.filter(is_current=True)
    if indicator:
        queryset = queryset.filter(series__indicator__code=indicator)
    if area:
        queryset = queryset.filter(series__area__iso3=area.upper())
    return queryset.order_by(
        "series__indicator__code", "series__area__iso3", "series__key", "year", "source__code"
    )


def thresholds() -> dict[str, int]:
    sensitive = Indicator.objects.filter(sensitive=True).values_list("code", flat=True)
    return {code: settings.SENSITIVE_COUNT_THRESHOLD for code in sensitive}


def published_table(indicator: str | None = None, area: str | None = None) -> PublishedTable:
    fields = (
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
    records: list[tuple[Any, ...]] = list(current_observations(indicator, area).values_list(*fields))
    cells = []
    for ind, iso3, key, year, value, code, unit, _obs, _conf, *_rest, source in records:
        dimensions = tuple(sorted(parse_key_text(key).items()))
        withheld_text = code if value is None and code.startswith("<") else ""
        cells.append(Cell(ind, iso3, dimensions, year, unit, value, source, withheld_text))
    shown = publish(cells, thresholds(), settings.SMALL_COUNT_THRESHOLD)
    dimension_names = sorted({d for cell in cells for d, _ in cell.dimensions})
    table = PublishedTable(dimensions=dimension_names)
    for record, cell, published in zip(records, cells, shown, strict=True):
        ind, iso3, key, year, value, code, unit, obs, conf, lower, upper, footnote, evidence, source = record
        dims = dict(cell.dimensions)
        if unit == "YES_PARTIAL_NO":
            text, withheld = code, False
        else:
            text, withheld = published.text, published.withheld
        table.rows.append(
            [
                ind,
                iso3,
                str(year),
                *(dims.get(d, "") for d in dimension_names),
                text,
                unit,
                obs,
                "C" if withheld else conf,
                "" if withheld or lower is None else format_value(lower),
                "" if withheld or upper is None else format_value(upper),
                footnote,
                evidence,
                source,
            ]
        )
    used = {row[-1] for row in table.rows}
    table.sources = list(Source.objects.filter(code__in=used).order_by("code"))
    return table


@dataclass(frozen=True)
class Revision:
    """One revision of a value: what it was, and who brought it, when, from which file."""

    revision: int
    value: float | None
    value_code: str
    is_current: bool
    source: str
    file_name: str
    file_sha256: str
    source_row: int
    channel: str
    imported_by: str
    imported_at: datetime


def value_history(
    indicator: str, area: str, year: int, dimensions: dict[str, str] | None = None, source: str | None = None
) -> list[Revision]:
    """Every revision of one value, oldest first: raw values, for reviewers and audit, not for publishing."""
    observations = Observation.objects.filter(
        series__indicator__code=indicator,
        series__area__iso3=area.upper(),
        series__key=key_text(dimensions or {}),
        year=year,
    ).select_related("batch__imported_by", "source")
    if source:
        observations = observations.filter(source__code=source)
    return [
        Revision(
            revision=o.revision,
            value=o.value,
            value_code=o.value_code,
            is_current=o.is_current,
            source=o.source.code,
            file_name=o.batch.file_name,
            file_sha256=o.batch.sha256,
            source_row=o.source_row,
            channel=o.batch.channel,
            imported_by=o.batch.imported_by.get_username() if o.batch.imported_by else "",
            imported_at=o.batch.imported_at,
        )
        for o in observations.order_by("source__code", "revision")
    ]
