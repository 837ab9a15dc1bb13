"""The monitoring framework as value objects: topics, goals, targets, indicators, commitments, crosswalks.

The framework is written as YAML in the repository (``framework/``) and reviewed like code. This module
defines its shape; ``framework_checks`` holds the rules that span elements (references, unique codes).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

Code = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$", max_length=60)]
Text = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]
Year = Annotated[int, Field(ge=1945, le=2100)]

ProvenanceKind = Literal["coalition", "unicef", "official", "compactwatch"]
IndicatorType = Literal["structural", "process", "outcome", "context"]
Direction = Literal["increase", "decrease", "reach", "none"]


class Element(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Provenance(Element):
    """Where an element comes from: quoted from a document, an official framework, or our proposal."""

    kind: ProvenanceKind
    document: Code | None = None
    reference: str | None = None
    note: str | None = None

    def describe(self) -> str:
        labels = {
            "coalition": "Coalition paper, word for word",
            "unicef": "UNICEF, word for word",
            "official": "Official framework",
            "compactwatch": "Proposed by compactwatch",
        }
        return ": ".join(part for part in (labels[self.kind], self.reference) if part)


class Document(Element):
    code: Code
    title: Text
    symbol: str | None = None
    publisher: str | None = None
    date: dt.date | None = None
    url: str | None = None


class Commitment(Element):
    code: Code
    document: Code
    paragraph: str | None = None
    quote: Text
    provenance: Provenance


class PolicyArea(Element):
    code: Code
    number: int
    title: Text
    provenance: Provenance


class NumberedReference(Element):
    """A GCM or GCR objective, a GCM guiding principle, an SDG target or a CRC article."""

    code: Code
    paragraph: str | None = None
    title: Text


class Crosswalk(Element):
    policy_areas: list[Code] = []
    gcm_objectives: list[Code] = []
    gcm_principles: list[Code] = []
    gcr_objectives: list[Code] = []
    sdg_targets: list[Code] = []
    crc_articles: list[Code] = []


class Target(Crosswalk):
    code: Code
    number: int
    text: Text
    target_year: Year | None = None
    provenance: Provenance
    commitments: list[Code] = []


class Goal(Crosswalk):
    code: Code
    number: int
    text: Text
    explanation: str | None = None
    provenance: Provenance
    commitments: list[Code] = []
    targets: list[Target] = []


class Topic(Element):
    code: Code
    number: int
    title: Text
    summary: str | None = None
    provenance: Provenance
    commitments: list[Code] = []
    goals: list[Goal] = Field(min_length=1)


class Indicator(Element):
    code: Code
    title: Text
    definition: Text
    type: IndicatorType
    unit: Code
    direction: Direction
    target_value: float | str | None = None
    target_year: Year | None = None
    goals: list[Code] = Field(min_length=1)
    targets: list[Code] = []
    disaggregations: list[Code] = []
    preferred_sources: list[str] = []
    sensitive: bool = False
    provenance: Provenance
    official_code: str | None = None
    notes: str | None = None


class Code_(Element):
    code: Annotated[str, StringConstraints(min_length=1, max_length=60)]
    label: Text
    aliases: list[str] = []
    description: str | None = None


class Codelist(Element):
    """An SDMX-style codelist for one disaggregation dimension (or for units)."""

    code: Code
    title: Text
    column_aliases: list[str] = []
    open: bool = False
    codes: list[Code_] = []


class Framework(Element):
    version: Annotated[str, StringConstraints(min_length=1, max_length=40)]
    title: Text
    documents: list[Document]
    commitments: list[Commitment] = []
    policy_areas: list[PolicyArea] = []
    gcm_objectives: list[NumberedReference] = []
    gcm_principles: list[NumberedReference] = []
    gcr_objectives: list[NumberedReference] = []
    sdg_targets: list[NumberedReference] = []
    crc_articles: list[NumberedReference] = []
    codelists: list[Codelist]
    units: list[Code_]
    topics: list[Topic] = Field(min_length=1)
    indicators: list[Indicator] = []

    def goals(self) -> list[Goal]:
        return [goal for topic in self.topics for goal in topic.goals]

    def targets(self) -> list[Target]:
        return [target for goal in self.goals() for target in goal.targets]

    def codelist(self, code: str) -> Codelist | None:
        return next((codelist for codelist in self.codelists if codelist.code == code), None)
