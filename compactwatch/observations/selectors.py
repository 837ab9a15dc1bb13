"""Read queries over indicator data: the published table every download is made from (through the
publication path, `compactwatch.observations.publication`), and the raw history of a value for reviewers."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from compactwatch.core.series import key_text
from compactwatch.core.suppression import format_value
from compactwatch.observations.models import Observation, Source
from compactwatch.observations.publication import (
    PublishedValue,
    current_observations,
    published,
    thresholds,
)

__all__ = [
    "NUMERIC_COLUMNS",
    "ROLE_COLUMNS_AFTER",
    "PublishedTable",
    "Revision",
    "current_observations",
    "published_table",
    "thresholds",
    "tidy_row",
    "value_history",
]

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
    "PartialPeriod",
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


def published_table(indicator: str | None = None, area: str | None = None) -> PublishedTable:
    """Every current observation of the selection as published, one row per series, year and source."""
    values = published(current_observations(indicator, area), whole_groups=True)
    dimension_names = sorted({d for value in values for d in value.dimensions})
    table = PublishedTable(dimensions=dimension_names)
    table.rows = [tidy_row(value, dimension_names) for value in values]
    used = {value.source for value in values}
    table.sources = list(Source.objects.filter(code__in=used).order_by("code"))
    return table


def tidy_row(value: PublishedValue, dimension_names: list[str]) -> list[str]:
    """A published value as a row of the tidy table every download is written from."""
    dimensions = value.dimensions
    return [
        value.indicator,
        value.area,
        str(value.year),
        *(dimensions.get(d, "") for d in dimension_names),
        value.text,
        value.unit,
        value.obs_status,
        value.conf_status,
        "" if value.lower_bound is None else format_value(value.lower_bound),
        "" if value.upper_bound is None else format_value(value.upper_bound),
        value.footnote,
        value.evidence,
        value.source,
        "true" if value.partial_period else "",
    ]


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
