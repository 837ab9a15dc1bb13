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
