"""The auditor: what an attacker holding every published figure can say about each withheld count.

Published figures are constants; each withheld one is a variable within what the public rules allow: a
"<N" count in 1..N-1, a blank count at least its threshold (a blank is never zero nor small), a value
withheld before it reached us in 1..N-1 under its publisher's "<N" (any count without a label), any value
for a figure that is not a count. The relations are every additive relation of each group (see
`relations`) and the linear facts the caller adds for derived figures it publishes: rates with their
bases, shares, slopes of ratings. A withheld count is exposed when its feasible minimum is above 1 or its
maximum below N-1. The ranges are those of the linear relaxation: an attacker who also uses integrality
may narrow a range further in rare cases.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from compactwatch.core.disclosure.complements import floors, relation_row
from compactwatch.core.disclosure.lp import Auditor, Bounds, Row, State
from compactwatch.core.disclosure.model import Cell, Hierarchy, Published, threshold_in
from compactwatch.core.disclosure.relations import Node, Table, build_table


@dataclass(frozen=True, slots=True)
class LinearFact:
    """A published fact over cells (by index): low <= sum(coef * value) <= high."""

    terms: tuple[tuple[int, float], ...]
    low: float
    high: float


@dataclass(frozen=True, slots=True)
class Exposure:
    """A withheld cell whose feasible range, given everything published, is narrower than its label."""

    cell: int
    label_low: float
    label_high: float
    feasible_low: float
    feasible_high: float
    possible_low: float = 0.0  # the range its label and its neighbours' labels alone leave it
    possible_high: float = 0.0


def audit(
    cells: Sequence[Cell],
    published: Sequence[Published],
    thresholds: Mapping[str, int],
    default_threshold: int,
    hierarchy: Hierarchy | None = None,
    facts: Sequence[LinearFact] = (),
) -> list[Exposure]:
    """Every withheld cell that the published cells, their relations and `facts` narrow."""
    threshold_of = [thresholds.get(cell.indicator, default_threshold) for cell in cells]
    table = build_table(cells, threshold_of, hierarchy or {})
    state = published_state(table, published)
    rows = [relation_row(r) for group in table.groups for r in group.relations]
    rows.extend(_fact_row(fact, table) for fact in facts)
    found = []
    for finding in Auditor(rows).exposures(state):
        label_low, label_high = state.bounds[finding.node]
        for i in table.nodes[finding.node].cells:
            if published[i].withheld and threshold_in(published[i].text) is not None:
                found.append(
                    Exposure(
                        i,
                        label_low,
                        label_high,
                        finding.low,
                        finding.high,
                        finding.possible_low,
                        finding.possible_high,
                    )
                )
    return sorted(found, key=lambda e: e.cell)


def published_state(table: Table, published: Sequence[Published]) -> State:
    """Constants for published figures; the public rules' bounds for withheld ones."""
    values: list[float | None] = []
    bounds: dict[int, Bounds] = {}
    targets: set[int] = set()
    for node_id, node in enumerate(table.nodes):
        shown = [published[i] for i in node.cells]
        values.append(node.value)
        if node.value is not None and any(not p.withheld for p in shown):
            continue
        labels = [n for n in (threshold_in(p.text) for p in shown) if n is not None]
        bounds[node_id] = _withheld_bounds(node, min(labels) if labels else None)
        if labels and node.count:
            targets.add(node_id)
    return State(values, bounds, frozenset(targets), floors(table))


def _withheld_bounds(node: Node, label: int | None) -> Bounds:
    if not node.count:
        return (-math.inf, math.inf)
    if label is not None:
        return (1.0, float(label - 1))
    if node.value is None:
        return node.unknown_range()
    return (float(node.threshold), math.inf)


def _fact_row(fact: LinearFact, table: Table) -> Row:
    coefs: dict[int, float] = {}
    for cell, coef in fact.terms:
        node = table.node_of_cell[cell]
        coefs[node] = coefs.get(node, 0.0) + coef
    return Row(tuple(coefs), tuple(coefs.values()), fact.low, fact.high, structural=False)


def rounded_fact(terms: tuple[tuple[int, float], ...], shown: float, decimals: int) -> LinearFact:
    """A published figure `shown`, rounded to `decimals`, that is the sum of `terms`."""
    half = 0.5 * 10.0**-decimals
    return LinearFact(terms, shown - half, shown + half)


def rate_facts(
    numerator: Sequence[int], base: Sequence[int], shown: float, *, per: float = 100.0, decimals: int = 1
) -> tuple[LinearFact, LinearFact]:
    """A rate per `per` shown rounded, over the sum of the numerator cells and the sum of the base cells:
    N - r_high * D <= 0 and N - r_low * D >= 0."""
    half = 0.5 * 10.0**-decimals
    low, high = (shown - half) / per, (shown + half) / per
    top = tuple((i, 1.0) for i in numerator)
    return (
        LinearFact((*top, *((i, -high) for i in base)), -math.inf, 0.0),
        LinearFact((*top, *((i, -low) for i in base)), 0.0, math.inf),
    )


def slope_fact(first: int, last: int, years: float, slope: float, decimals: int) -> LinearFact:
    """A linear slope shown rounded to `decimals` between two cells `years` apart: y_last - y_first."""
    half = 0.5 * 10.0**-decimals
    return LinearFact(((last, 1.0), (first, -1.0)), years * (slope - half), years * (slope + half))
