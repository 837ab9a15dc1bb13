"""The monitoring framework as value objects: topics, goals, targets, indicators, commitments, crosswalks.

The framework is written as YAML in the repository (``framework/``) and reviewed like code. This module
defines its shape; ``framework_checks`` holds the rules that span elements (references, unique codes).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SerializerFunctionWrapHandler,
    StringConstraints,
    model_serializer,
)

Code = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$", max_length=60)]
CodeValue = Annotated[str, StringConstraints(min_length=1, max_length=60)]
Text = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]
Year = Annotated[int, Field(ge=1945, le=2100)]

ProvenanceKind = Literal["coalition", "unicef", "official", "compactwatch"]
IndicatorType = Literal["structural", "process", "outcome", "context"]
# Whose data an indicator measures: children on the move; every child (context, not counted towards a
# status for children on the move); or the statistics themselves (the data system).
Population = Literal["children-on-the-move", "all-children", "data-system"]
Direction = Literal["increase", "decrease", "reach", "none"]


class Element(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _without(data: dict[str, Any], defaults: dict[str, Any]) -> dict[str, Any]:
    """`data` less the fields that hold their default: a framework that does not use a field added later
    dumps, and so hashes, exactly as it did before the field existed."""
    return {key: value for key, value in data.items() if key not in defaults or value != defaults[key]}


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


CodeSelection = dict[Code, list[CodeValue]]
RATE_UNITS = {100: "PERCENT", 1000: "PER_1000", 100000: "PER_100000"}


class Derivation(Element):
    """A rate or share computed from the counts of another indicator: `per` x numerator / denominator.

    Numerator and denominator name one dimension of the source, the same, and the codes of it whose
    counts are added up; the numerator counts a part of the denominator.
    """

    indicator: Code
    numerator: CodeSelection = Field(min_length=1)
    denominator: CodeSelection = Field(min_length=1)
    per: Literal[100, 1000, 100000]


class Indicator(Element):
    code: Code
    title: Text
    definition: Text
    type: IndicatorType
    population: Population = "children-on-the-move"
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
    derived_from: Derivation | None = None

    @model_serializer(mode="wrap")
    def _dump(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        return _without(handler(self), {"derived_from": None})


class Code_(Element):
    """A code of a codelist (or a unit). `parent` nests it: no parent means a child of the total `_T`.

    `standalone` marks a code that overlaps codes at every level of its codelist (an age band across two
    others): it has no parent and no children, and no additive relation is claimed for it.
    """

    code: CodeValue
    label: Text
    aliases: list[str] = []
    description: str | None = None
    parent: CodeValue | None = None
    standalone: bool = False

    @model_serializer(mode="wrap")
    def _dump(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        return _without(handler(self), {"parent": None, "standalone": False})


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

    def indicator(self, code: str) -> Indicator | None:
        return next((indicator for indicator in self.indicators if indicator.code == code), None)


@dataclass(frozen=True)
class RateDerivation:
    """How a rate indicator is computed from a count indicator, for one key of the rate's dimensions:
    ``per * sum(source cells matching numerator) / sum(source cells matching denominator)``.

    A selection maps one dimension (the same in both) to the codes added up; the rate's own dimensions are
    kept as they are and every other dimension of the source is at its total.
    """

    indicator: str
    source: str
    numerator: Mapping[str, tuple[str, ...]]
    denominator: Mapping[str, tuple[str, ...]]
    per: int

    @classmethod
    def declared(cls, indicator: str, derivation: Derivation) -> RateDerivation:
        return cls(
            indicator=indicator,
            source=derivation.indicator,
            numerator={dim: tuple(codes) for dim, codes in derivation.numerator.items()},
            denominator={dim: tuple(codes) for dim, codes in derivation.denominator.items()},
            per=derivation.per,
        )

    @property
    def dimensions(self) -> frozenset[str]:
        """The dimensions the selections fix (the rate is never broken down by them)."""
        return frozenset(self.numerator) | frozenset(self.denominator)

    def numerator_parts(self) -> tuple[tuple[str, str], ...]:
        """The (dimension, code) of each source cell added up into the numerator."""
        return tuple((dimension, code) for dimension, codes in self.numerator.items() for code in codes)

    def denominator_parts(self) -> tuple[tuple[str, str], ...]:
        return tuple((dimension, code) for dimension, codes in self.denominator.items() for code in codes)

    def parts(self) -> tuple[tuple[str, str], ...]:
        """Every source cell the rate is made of, each once: the denominator's, then the numerator's."""
        return tuple(dict.fromkeys((*self.denominator_parts(), *self.numerator_parts())))
