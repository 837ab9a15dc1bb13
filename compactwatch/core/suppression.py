"""The children's data rule for every published output (DESIGN.md section 5).

- A count from 1 to `threshold - 1` is never published: it reads "<5" (or "<10" for sensitive indicators,
  whose threshold is higher). Zero is published: it reveals no child.
- Complementary suppression: where a total is published and only one of the cells that add up to it is
  withheld, the withheld cell could be worked out by subtraction, so the smallest other cell is withheld
  too (shown empty, flagged confidential).
- Raw values stay in the store; this module only decides what a published table shows.
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Sequence
from dataclasses import dataclass

COUNT_UNITS = frozenset({"NUMBER"})


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


def is_small(cell: Cell, threshold: int) -> bool:
    return cell.unit in COUNT_UNITS and cell.value is not None and 0 < cell.value < threshold


def format_value(value: float) -> str:
    if value.is_integer():
        return str(int(value))
    return repr(round(value, 6))


def publish(cells: Sequence[Cell], thresholds: dict[str, int], default_threshold: int) -> list[Published]:
    """What each cell shows once small counts and the cells that would reveal them are withheld."""
    threshold_of = [thresholds.get(cell.indicator, default_threshold) for cell in cells]
    primary = {i for i, cell in enumerate(cells) if is_small(cell, threshold_of[i])}
    withheld = primary | {i for i, cell in enumerate(cells) if cell.value is None}
    secondary = _complementary(cells, withheld)
    published = []
    for i, cell in enumerate(cells):
        if i in primary:
            published.append(Published(below(threshold_of[i]), True))
        elif i in secondary:
            published.append(Published("", True))
        elif cell.value is None:
            published.append(Published(cell.withheld_text, True))
        else:
            published.append(Published(format_value(cell.value), False))
    return published


GroupKey = tuple[object, ...]


def _complementary(cells: Sequence[Cell], withheld: set[int]) -> set[int]:
    """Cells to withhold so that no withheld count can be found by subtracting from a published total."""
    counts = [i for i, cell in enumerate(cells) if cell.unit in COUNT_UNITS]
    every_dimension = _all_dimensions(cells, counts)
    # A group: the cells that differ in one dimension only, with the cell that leaves it out (the total).
    groups: dict[GroupKey, list[int]] = defaultdict(list)
    groups_of: dict[int, list[GroupKey]] = defaultdict(list)
    totals: dict[GroupKey, int] = {}
    for i in counts:
        cell = cells[i]
        dims = dict(cell.dimensions)
        for dimension in dims:
            rest = tuple(sorted((d, c) for d, c in dims.items() if d != dimension))
            key = (cell.indicator, cell.area, cell.source, cell.year, dimension, rest)
            groups[key].append(i)
            groups_of[i].append(key)
        for dimension in every_dimension - dims.keys():
            totals[(cell.indicator, cell.area, cell.source, cell.year, dimension, cell.dimensions)] = i
    hidden = set(withheld)
    secondary: set[int] = set()
    # Only groups with a hidden member can reveal one; hiding a cell puts its own groups back in the queue.
    queue: deque[GroupKey] = deque(k for k, members in groups.items() if any(i in hidden for i in members))
    while queue:
        group = queue.popleft()
        members = groups[group]
        total = totals.get(group)
        if total is None or total in hidden:
            continue
        if sum(1 for i in members if i in hidden) != 1:
            continue
        candidates = [i for i in members if i not in hidden]
        # With no other cell to withhold, only the total would reveal the cell: withhold the total instead.
        extra = min(candidates, key=lambda i: (cells[i].value or 0.0, i)) if candidates else total
        hidden.add(extra)
        secondary.add(extra)
        queue.extend(groups_of[extra])
        queue.append(group)
    return secondary - withheld


def _all_dimensions(cells: Sequence[Cell], indices: Sequence[int]) -> set[str]:
    return {dimension for i in indices for dimension, _ in cells[i].dimensions}


def publish_rate(
    numerator: float | None, base: float | None, *, per: int, min_base: int, threshold: int
) -> Published:
    """A rate (per 100, per 1,000 children...) as published: withheld on a base under `min_base`, since a
    rate on so few children is unstable and can reveal them, and withheld where its numerator is a count
    that would itself be withheld (base and rate together would give it back)."""
    if numerator is None or base is None or base <= 0:
        return Published("", True)
    if base < min_base or 0 < numerator < threshold:
        return Published("", True)
    return Published(format_value(round(numerator / base * per, 1)), False)
