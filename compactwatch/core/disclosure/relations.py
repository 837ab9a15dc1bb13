"""The additive relations an attacker can use within one (indicator, area, year) group, across sources.

A group's figures become nodes: the cells of every source that show the same key with the same raw value
are one node (publishing one publishes the other). Along each dimension, with the other dimensions equal,
a code's figure is at least the sum of the figures of its nearest present descendants (a code between them
that is not in the table is skipped, so 0-4, 5-11, 12-16 and 17 still add up to the total when 12-17 is
missing). The relation is an equality where the raw values satisfy it exactly (an attacker may know the
codes partition their parent), an inequality where children are missing, and is left out where the raw
values contradict it. Each source's relations use its own figures; a key it does not publish is taken
from another source, as an attacker would substitute it.
"""

from __future__ import annotations

import itertools
import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from compactwatch.core.disclosure.model import TOTAL, Cell, Hierarchy, Key, is_count, threshold_in

MAX_SUBSTITUTIONS = 16  # relation variants per source when several other sources offer a missing figure
MAX_DEPTH = 32  # a guard against a hierarchy that loops
TOLERANCE = 1e-9


@dataclass(frozen=True, slots=True)
class Node:
    """One figure: its key (dimension codes without totals), raw value and the cells that show it."""

    key: Key
    value: float | None
    cells: tuple[int, ...]
    threshold: int
    count: bool
    text: str = ""  # for a value withheld before it reached us: its publisher's label ("<5")

    def unknown_range(self) -> tuple[float, float]:
        """What a value withheld before it reached us may be: 1..N-1 under a "<N" label, else any count."""
        label = threshold_in(self.text)
        return (1.0, float(label - 1)) if label is not None else (0.0, math.inf)


@dataclass(frozen=True, slots=True)
class Relation:
    """parent = sum(children) when exact, else parent >= sum(children)."""

    parent: int
    children: tuple[int, ...]
    exact: bool


@dataclass(frozen=True, slots=True)
class Group:
    nodes: tuple[int, ...]
    relations: tuple[Relation, ...]


@dataclass(frozen=True, slots=True)
class Table:
    nodes: tuple[Node, ...]
    node_of_cell: tuple[int, ...]
    groups: tuple[Group, ...]


def build_table(cells: Sequence[Cell], threshold_of: Sequence[int], hierarchy: Hierarchy) -> Table:
    """Nodes and relations of every group; cells that are not counts become nodes of no group."""
    grouped: dict[tuple[str, str, int], list[int]] = defaultdict(list)
    for i, cell in enumerate(cells):
        if is_count(cell):
            grouped[(cell.indicator, cell.area, cell.year)].append(i)
    nodes: list[Node] = []
    node_of_cell = [-1] * len(cells)
    groups = []
    for group_key in sorted(grouped):
        members = sorted(grouped[group_key], key=lambda i: canonical(cells[i]))
        first = len(nodes)
        own = _add_nodes(cells, members, threshold_of, nodes, node_of_cell)
        groups.append(Group(tuple(range(first, len(nodes))), _relations(own, nodes, hierarchy)))
    for i, cell in enumerate(cells):
        if node_of_cell[i] < 0:
            node_of_cell[i] = len(nodes)
            nodes.append(Node(key_of(cell), cell.value, (i,), threshold_of[i], False, cell.withheld_text))
    return Table(tuple(nodes), tuple(node_of_cell), tuple(groups))


def key_of(cell: Cell) -> Key:
    return tuple(sorted((d, c) for d, c in cell.dimensions if c != TOTAL))


def canonical(cell: Cell) -> tuple[object, ...]:
    """An order of a group's cells that does not depend on the order they came in."""
    value = cell.value
    return (key_of(cell), cell.source, value is None, value or 0.0, cell.withheld_text)


def _add_nodes(
    cells: Sequence[Cell],
    members: list[int],
    threshold_of: Sequence[int],
    nodes: list[Node],
    node_of: list[int],
) -> dict[str, dict[Key, int]]:
    """Append the group's nodes; return each source's figures by key."""
    same: dict[tuple[Key, float], int] = {}
    shown_by: dict[int, list[int]] = defaultdict(list)
    own: dict[str, dict[Key, int]] = defaultdict(dict)
    for i in members:
        cell, key = cells[i], key_of(cells[i])
        node = same.get((key, cell.value)) if cell.value is not None else None
        if node is None:
            node = len(nodes)
            nodes.append(Node(key, cell.value, (), threshold_of[i], True, cell.withheld_text))
            if cell.value is not None:
                same[(key, cell.value)] = node
        shown_by[node].append(i)
        own[cell.source].setdefault(key, node)
        node_of[i] = node
    for node, shown in shown_by.items():
        old = nodes[node]
        nodes[node] = Node(old.key, old.value, tuple(shown), old.threshold, True, old.text)
    return own


def _relations(
    own: dict[str, dict[Key, int]], nodes: list[Node], hierarchy: Hierarchy
) -> tuple[Relation, ...]:
    every_key = sorted({key for figures in own.values() for key in figures})
    found: dict[tuple[int, tuple[int, ...]], Relation] = {}
    for dimension in sorted({d for key in every_key for d, _ in key}):
        parents = hierarchy.get(dimension, {})
        for codes in _slices(every_key, dimension).values():
            for parent, children in _trees(codes, parents).items():
                keys = [codes[parent], *(codes[c] for c in children)]
                for source in sorted(own):
                    for choice in _choices(own, source, keys):
                        relation = _relation(choice[0], choice[1:], nodes)
                        if relation is not None:
                            found.setdefault((relation.parent, relation.children), relation)
    return tuple(found.values())


def _slices(keys: list[Key], dimension: str) -> dict[Key, dict[str, Key]]:
    """Keys that differ only in `dimension`, by the rest of the key, with their code for it."""
    slices: dict[Key, dict[str, Key]] = defaultdict(dict)
    for key in keys:
        rest = tuple((d, c) for d, c in key if d != dimension)
        code = next((c for d, c in key if d == dimension), TOTAL)
        slices[rest][code] = key
    return slices


def _trees(codes: dict[str, Key], parents: Mapping[str, str]) -> dict[str, list[str]]:
    """Each present code with the present codes whose nearest present ancestor it is."""
    trees: dict[str, list[str]] = defaultdict(list)
    for code in sorted(codes):
        if code == TOTAL:
            continue
        above = _nearest_present(code, codes, parents)
        if above is not None:
            trees[above].append(code)
    return trees


def _nearest_present(code: str, codes: dict[str, Key], parents: Mapping[str, str]) -> str | None:
    current = code
    for _ in range(MAX_DEPTH):
        current = parents.get(current, TOTAL)
        if current in codes:
            return current
        if current == TOTAL:
            return None
    return None


def _choices(own: dict[str, dict[Key, int]], source: str, keys: list[Key]) -> list[tuple[int, ...]]:
    """The relation's figures as `source` sees them; a key it lacks comes from each other source."""
    figures = own[source]
    if not any(key in figures for key in keys):
        return []
    options = []
    for key in keys:
        if key in figures:
            options.append([figures[key]])
        else:
            options.append(sorted({other[key] for other in own.values() if key in other}))
    combined = 1
    for option in options:
        combined *= len(option)
    if combined > MAX_SUBSTITUTIONS:
        return [tuple(option[0] for option in options)]
    return list(itertools.product(*options))


def _relation(parent: int, children: tuple[int, ...], nodes: list[Node]) -> Relation | None:
    """The relation the raw values support: equality, inequality, or none where they contradict it."""
    low, high = _range(nodes[parent])
    for child in children:
        child_low, child_high = _range(nodes[child])
        low, high = low - child_high, high - child_low
    scale = max(1.0, abs(nodes[parent].value or 0.0))
    if high < -TOLERANCE * scale:
        return None
    return Relation(parent, children, exact=low <= TOLERANCE * scale)


def _range(node: Node) -> tuple[float, float]:
    return (node.value, node.value) if node.value is not None else node.unknown_range()
