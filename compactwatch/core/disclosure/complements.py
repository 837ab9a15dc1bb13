"""Complementary suppression: which further counts to blank so that no withheld count can be narrowed.

Group by group (an indicator, area and year, across sources), first a fast pass relation by relation:
where a relation alone narrows a withheld count, blank another count of it (a child before the parent, the
smallest that makes the relation safe, else the smallest). Then the group's linear-programming audit;
while it finds a narrowed count, blank the smallest published count in a relation that binds it. A blank
is a count of at least the threshold: zeros are published, so hiding one would protect nothing. Every
choice follows the group's own canonical order, so a group's blanks do not depend on the order of the
cells or on the other groups in the call.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from compactwatch.core.disclosure.lp import Auditor, Bounds, Row, State, row_allows
from compactwatch.core.disclosure.model import threshold_in
from compactwatch.core.disclosure.relations import Group, Relation, Table


def relation_row(relation: Relation) -> Row:
    nodes = (relation.parent, *relation.children)
    coefs = (1.0, *(-1.0 for _ in relation.children))
    return Row(nodes, coefs, 0.0, 0.0 if relation.exact else math.inf)


def initial_bounds(table: Table, primary: frozenset[int]) -> tuple[dict[int, Bounds], set[int]]:
    """Bounds of the counts withheld before any blank, and those whose label must keep its whole range."""
    bounds: dict[int, Bounds] = {}
    targets: set[int] = set()
    for group in table.groups:
        for node_id in group.nodes:
            node = table.nodes[node_id]
            if node_id in primary:
                bounds[node_id] = (1.0, float(node.threshold - 1))
                targets.add(node_id)
            elif node.value is None:
                bounds[node_id] = node.unknown_range()
                if threshold_in(node.text) is not None:
                    targets.add(node_id)
    return bounds, targets


def floors(table: Table) -> list[float]:
    """The least value a blank could have: the threshold for a count."""
    return [float(node.threshold) if node.count else -math.inf for node in table.nodes]


def choose_blanks(table: Table, primary: frozenset[int]) -> set[int]:
    """Nodes to blank so that every withheld count keeps the whole range of its label."""
    bounds, targets = initial_bounds(table, primary)
    values = [node.value for node in table.nodes]
    least = floors(table)
    blanks: set[int] = set()
    for group in table.groups:
        local = {n: bounds[n] for n in group.nodes if n in bounds}
        if any(n in targets for n in local):
            work = _Protection(
                table, group, values, least, local, frozenset(n for n in local if n in targets)
            )
            blanks |= work.run()
    return blanks


class _Protection:
    """One group's blanks, chosen in three passes: relation by relation, audit and repair, release."""

    def __init__(
        self,
        table: Table,
        group: Group,
        values: Sequence[float | None],
        least: Sequence[float],
        bounds: dict[int, Bounds],
        targets: frozenset[int],
    ) -> None:
        self.table = table
        self.rows = [relation_row(r) for r in group.relations]
        self.auditor = Auditor(self.rows)
        self.values = values
        self.least = least
        self.bounds = bounds
        self.targets = targets
        self.order: list[int] = []
        self.given_up: set[int] = set()  # narrowed counts that no blank can help

    def run(self) -> set[int]:
        for row in self.rows:
            while any(
                n in self.targets and not row_allows(row, n, self.values, self.bounds) for n in row.nodes
            ):
                choice = _fast_choice(self.table, row, self.values, self.bounds, self.targets)
                if choice is None:
                    break
                self._blank(choice)
        self._repair()
        if self.order:
            self._release()
        return set(self.order)

    def _row_safe(self, row: Row) -> bool:
        return all(row_allows(row, n, self.values, self.bounds) for n in row.nodes if n in self.targets)

    def _blank(self, node: int) -> None:
        self.bounds[node] = (float(self.table.nodes[node].threshold), math.inf)
        self.order.append(node)

    def _state(self) -> State:
        return State(self.values, self.bounds, self.targets - self.given_up, self.least)

    def _repair(self) -> None:
        """Blank the smallest count of a relation that binds a narrowed count, until the audit finds none.
        Blanking only widens ranges, so a component found clean stays clean; each is solved again only
        while it still holds a narrowed count."""
        queue = sorted(self.targets)
        while queue:
            finding, component = self.auditor.first_exposure(self._state(), queue[0])
            if finding is None:
                clean = set(component)
                queue = [n for n in queue if n not in clean]
                continue
            binding = [self.rows[k] for k in finding.binding]
            if not binding:
                binding = [r for r in self.rows if finding.node in r.nodes]
            choice = _smallest(self.table, {n for row in binding for n in row.nodes}, self.bounds)
            if choice is None:
                choice = _smallest(self.table, {n for row in self.rows for n in row.nodes}, self.bounds)
            if choice is None:
                self.given_up.add(finding.node)
            else:
                self._blank(choice)

    def _release(self) -> None:
        """Publish again the blanks that the published figures fix exactly: withholding them hides nothing
        (publishing a figure already known adds nothing, so the others stay protected)."""
        state = State(self.values, self.bounds, self.targets, self.least)
        for node in self.auditor.determined(state, self.order):
            del self.bounds[node]
            self.order.remove(node)


def _fast_choice(
    table: Table, row: Row, values: Sequence[float | None], bounds: dict[int, Bounds], targets: frozenset[int]
) -> int | None:
    candidates = sorted(
        (coef > 0, values[node] or 0.0, node)
        for node, coef in zip(row.nodes, row.coefs, strict=True)
        if _can_blank(table, node, bounds)
    )
    for _, _, node in candidates:
        trial = {**bounds, node: (float(table.nodes[node].threshold), math.inf)}
        if all(row_allows(row, n, values, trial) for n in row.nodes if n in targets):
            return node
    return candidates[0][2] if candidates else None


def _smallest(table: Table, nodes: set[int], bounds: dict[int, Bounds]) -> int | None:
    candidates = [n for n in nodes if _can_blank(table, n, bounds)]
    return min(candidates, key=lambda n: (table.nodes[n].value or 0.0, n), default=None)


def _can_blank(table: Table, node: int, bounds: dict[int, Bounds]) -> bool:
    value = table.nodes[node].value
    return node not in bounds and value is not None and value >= table.nodes[node].threshold
