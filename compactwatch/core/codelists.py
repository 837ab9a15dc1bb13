"""Matching the column headers and cell values of real files to codelists.

Source files name dimensions and codes their own way ("Gender: Female", "Sex: FEMALE", "SEX: F"); the
framework's codelists list the aliases met in real files, and everything is compared case-insensitively
with spaces collapsed. An empty cell means the total.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from compactwatch.core.framework import Codelist
from compactwatch.core.series import TOTAL

_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """Compare labels ignoring case, surrounding spaces and repeated spaces."""
    return _SPACES.sub(" ", text).strip().casefold()


def tidy(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


@dataclass(frozen=True)
class Dimension:
    code: str
    title: str
    is_open: bool
    codes: dict[str, str]  # folded code, label or alias -> code
    labels: dict[str, str]  # code -> label


class DimensionResolver:
    """Which codelist a column is, and which code a cell is."""

    def __init__(self, codelists: Iterable[Codelist]) -> None:
        self.dimensions: dict[str, Dimension] = {}
        self._columns: dict[str, str] = {}
        for codelist in codelists:
            codes: dict[str, str] = {}
            for code in codelist.codes:
                for name in (*code.aliases, code.label, code.code):
                    codes[fold(name)] = code.code
            codes.setdefault(fold(TOTAL), TOTAL)
            labels = {code.code: code.label for code in codelist.codes}
            self.dimensions[codelist.code] = Dimension(
                codelist.code, codelist.title, codelist.open, codes, labels
            )
            for name in (*codelist.column_aliases, codelist.title, codelist.code):
                self._columns[fold(name)] = codelist.code

    def dimension_for_column(self, header: str) -> str | None:
        return self._columns.get(fold(header))

    def code_for(self, dimension: str, cell: str) -> str | None:
        """The code a cell stands for; '' is the total; None when a closed codelist has no such code."""
        if not cell.strip():
            return TOTAL
        entry = self.dimensions[dimension]
        code = entry.codes.get(fold(cell))
        if code is not None:
            return code
        return tidy(cell) if entry.is_open else None

    def label(self, dimension: str, code: str) -> str:
        return self.dimensions[dimension].labels.get(code, code)


# ----------------------------------------------------------------------------------------------------
# Nested codes: each code has one parent (the total `_T` unless it says otherwise), and the children of one
# parent are disjoint, so adding up siblings never counts anyone twice.
# ----------------------------------------------------------------------------------------------------


def code_parents(codelist: Codelist) -> dict[str, str]:
    """Code -> parent code, every code but the total and standalone codes (top-level codes -> `_T`)."""
    return {
        code.code: code.parent or TOTAL
        for code in codelist.codes
        if code.code != TOTAL and not code.standalone
    }


def ancestors(parents: dict[str, str], code: str) -> list[str]:
    """`code`'s parent, grandparent ... up to the total; stops before repeating itself on a cycle."""
    chain: list[str] = []
    current = parents.get(code)
    while current is not None and current not in chain and current != code:
        chain.append(current)
        current = parents.get(current)
    return chain


def is_within(parents: dict[str, str], code: str, container: str) -> bool:
    """Whether every unit counted under `code` is counted under `container` too."""
    return code == container or container in ancestors(parents, code)


_AGE_BAND = re.compile(r"^(?P<unit>[YM])(?P<low>\d+)(?:T(?P<high>\d+))?$")
_AGE_OPEN = re.compile(r"^Y_(?P<side>LT|GE)(?P<years>\d+)$")
AgeSpan = tuple[int, float]  # [first month, month after the last) of an age band


def age_span(code: str) -> AgeSpan | None:
    """The ages an SDMX AGE code covers, in months (``Y12T16`` -> 144..204); None for `_U` and others."""
    if code == TOTAL:
        return 0, float("inf")
    band = _AGE_BAND.match(code)
    if band:
        months = 12 if band["unit"] == "Y" else 1
        low, high = int(band["low"]), int(band["high"] or band["low"])
        return low * months, (high + 1) * months
    limit = _AGE_OPEN.match(code)
    if limit:
        years = int(limit["years"]) * 12
        return (0, years) if limit["side"] == "LT" else (years, float("inf"))
    return None


def spans_overlap(first: AgeSpan, second: AgeSpan) -> bool:
    return first[0] < second[1] and second[0] < first[1]


def span_within(inner: AgeSpan, outer: AgeSpan) -> bool:
    return outer[0] <= inner[0] and inner[1] <= outer[1]
