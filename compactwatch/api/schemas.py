"""The shapes the API answers with (they are also its OpenAPI components)."""

from __future__ import annotations

import datetime as dt

from ninja import Schema


class ProvenanceOut(Schema):
    kind: str
    document: str | None = None
    reference: str | None = None
    note: str | None = None


class TopicOut(Schema):
    code: str
    number: int
    title: str
    summary: str
    provenance: ProvenanceOut | None
    goals: list[str]
    commitments: list[str]


class CommitmentOut(Schema):
    code: str
    document: str
    document_title: str
    paragraph: str
    quote: str


class GoalOut(Schema):
    code: str
    topic: str
    number: int
    text: str
    explanation: str
    provenance: ProvenanceOut | None
    targets: list[str]
    indicators: list[str]
    commitments: list[str]
    policy_areas: list[str]
    references: list[str]


class TargetOut(Schema):
    code: str
    goal: str
    number: int
    text: str
    target_year: int | None
    provenance: ProvenanceOut | None
    indicators: list[str]
    commitments: list[str]
    policy_areas: list[str]
    references: list[str]


class TopicDetail(TopicOut):
    goal_details: list[GoalOut]
    commitment_details: list[CommitmentOut]


class GoalDetail(GoalOut):
    target_details: list[TargetOut]


class UnitOut(Schema):
    code: str
    label: str


class IndicatorOut(Schema):
    code: str
    title: str
    definition: str
    type: str
    unit: UnitOut
    direction: str
    target_value: float | str | None
    target_year: int | None
    target_text: str
    goals: list[str]
    targets: list[str]
    disaggregations: list[str]
    preferred_sources: list[str]
    sensitive: bool
    official_code: str
    provenance: ProvenanceOut | None


class CodeOut(Schema):
    code: str
    label: str
    description: str


class CodelistOut(Schema):
    code: str
    title: str
    is_open: bool
    codes: list[CodeOut]


class DataCoverage(Schema):
    """What published data the indicator has."""

    observations: int
    series: int
    areas: int
    first_year: int | None
    last_year: int | None
    sources: list[str]


class IndicatorDetail(IndicatorOut):
    notes: str
    codelists: list[CodelistOut]
    data: DataCoverage
    observations_url: str


class RegionRef(Schema):
    m49: str
    name: str


class RegionOut(Schema):
    m49: str
    name: str
    level: str
    parent: str | None


class AreaOut(Schema):
    iso3: str
    iso2: str
    m49: str
    name: str
    independent: bool
    region: RegionRef | None
    subregion: RegionRef | None
    intermediate_region: RegionRef | None


class AreaDetail(AreaOut):
    name_fr: str
    name_es: str
    income_level: str
    groupings: list[RegionOut]


class RegionDetail(RegionOut):
    areas: list[str]


class SourceOut(Schema):
    code: str
    title: str
    producer: str
    url: str
    licence: str
    licence_url: str
    retrieved: dt.date | None
    citation: str


class TopicList(Schema):
    count: int
    results: list[TopicOut]


class GoalList(Schema):
    count: int
    results: list[GoalOut]


class TargetList(Schema):
    count: int
    results: list[TargetOut]


class IndicatorList(Schema):
    count: int
    results: list[IndicatorOut]


class CodelistList(Schema):
    count: int
    results: list[CodelistOut]


class AreaList(Schema):
    count: int
    results: list[AreaOut]


class RegionList(Schema):
    count: int
    results: list[RegionOut]


class SourceList(Schema):
    count: int
    results: list[SourceOut]


class ObservationOut(Schema):
    """One published value. Withheld values have `value` null and say how they read in `value_text`."""

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
    partial_period: bool = False  # the year is covered in part only, as its producer says


class ObservationPage(Schema):
    count: int
    limit: int
    offset: int
    next: str | None
    previous: str | None
    results: list[ObservationOut]


class SeriesOut(Schema):
    id: int
    indicator: str
    area: str
    key: str
    dimensions: dict[str, str]
    observations: int
    first_year: int | None
    last_year: int | None
    observations_url: str


class SeriesPage(Schema):
    count: int
    limit: int
    offset: int
    next: str | None
    previous: str | None
    results: list[SeriesOut]
