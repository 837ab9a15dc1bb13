"""The records the children's data rule works on: a cell as stored, and what it shows once published."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

COUNT_UNITS = frozenset({"NUMBER"})
TOTAL = "_T"

# dimension -> code -> parent code; "_T" (the dimension left out of the key) is the top of every tree.
Hierarchy = Mapping[str, Mapping[str, str]]
Key = tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class Cell:
    """One published cell: a series (indicator, area, dimension codes without totals) in one year."""

    indicator: str
    area: str
    dimensions: tuple[tuple[str, str], ...]
    year: int
    unit: str
    value: float | None
    source: str = ""
    withheld_text: str = ""  # for a value withheld before it reached us: how its publisher showed it ("<5")


@dataclass(frozen=True, slots=True)
class Published:
    text: str  # what the cell shows: the value, "<5", or "" when withheld to protect another cell
    withheld: bool


def below(threshold: int) -> str:
    return f"<{threshold}"


def threshold_in(text: str) -> int | None:
    """The N of a "<N" label, or None when the text is no such label."""
    if text.startswith("<") and text[1:].isdigit():
        return int(text[1:])
    return None


def is_count(cell: Cell) -> bool:
    return cell.unit in COUNT_UNITS


def is_small(cell: Cell, threshold: int) -> bool:
    return is_count(cell) and cell.value is not None and 0 < cell.value < threshold


def format_value(value: float) -> str:
    if value.is_integer():
        return str(int(value))
    return repr(round(value, 6))
