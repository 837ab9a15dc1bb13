"""The children's data rule for every published output (DESIGN.md section 5).

- A count from 1 to `threshold - 1` is never published: it reads "<5" (or "<10" for sensitive indicators,
  whose threshold is higher). Zero is published: it reveals no child.
- Think like the attacker: someone who holds every published figure and can add and subtract. Within an
  indicator, area and year, across sources, a figure is at least the sum of its parts along each dimension
  (nested codes included: a decision total, its grant and refusal groups, their kinds; ages under 18 and
  their bands), equal to it where the raw values add up, and a total one source publishes stands in for
  another's. Complementary suppression blanks further counts (shown empty, flagged confidential) until,
  given all of that, every withheld count can still be any value its label claims: a "<10" count must
  remain possibly 1 and possibly 9. A blank is always a count of at least the threshold, the smallest that
  does the job; the rule being public, an attacker knows that too, and the audit assumes it.
- `compactwatch.core.disclosure.audit` proves it by linear programming, and takes the published derived
  figures (rates, slopes) as further linear facts.
- Raw values stay in the store; this module only decides what a published table shows.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from compactwatch.core.disclosure.complements import choose_blanks
from compactwatch.core.disclosure.model import (
    COUNT_UNITS,
    Cell,
    Hierarchy,
    Published,
    below,
    format_value,
    is_small,
)
from compactwatch.core.disclosure.relations import build_table

__all__ = [
    "COUNT_UNITS",
    "Cell",
    "Hierarchy",
    "Published",
    "below",
    "format_value",
    "is_small",
    "publish",
    "publish_rate",
]


def publish(
    cells: Sequence[Cell],
    thresholds: Mapping[str, int],
    default_threshold: int,
    hierarchy: Hierarchy | None = None,
) -> list[Published]:
    """What each cell shows once small counts and the counts that would narrow them are withheld.

    `hierarchy` gives each dimension's nested codes (code -> parent code, "_T" at the top); a code it
    does not list is a direct part of the total."""
    threshold_of = [thresholds.get(cell.indicator, default_threshold) for cell in cells]
    table = build_table(cells, threshold_of, hierarchy or {})
    primary = frozenset(
        table.node_of_cell[i] for i, cell in enumerate(cells) if is_small(cell, threshold_of[i])
    )
    blanks = choose_blanks(table, primary)
    published = []
    for i, cell in enumerate(cells):
        node = table.node_of_cell[i]
        if node in primary:
            published.append(Published(below(threshold_of[i]), True))
        elif node in blanks:
            published.append(Published("", True))
        elif cell.value is None:
            published.append(Published(cell.withheld_text, True))
        else:
            published.append(Published(format_value(cell.value), False))
    return published


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
