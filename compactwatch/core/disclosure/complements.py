"""Complementary suppression: which further counts to blank so that no withheld count can be narrowed.

Group by group (an indicator, area and year, across sources), first a fast pass relation by relation:
where a relation alone narrows a withheld count, blank another count of it (a child before the parent, the
smallest that makes the relation safe, else the smallest). Then rounds of linear programming: every
unsettled group's withheld counts are pushed to both ends of their labels (all groups in one solver
call); a group where one cannot get there, beyond what the labels alone allow, blanks the smallest
published count of a relation of that count (else of its component) and stays for the next round.
Last, blanks that the published figures fix exactly are published again: hiding them hid nothing.
A blank is a count of at least the threshold: zeros are published, so hiding one would protect nothing.
Every choice reads optimal values only and follows the group's own canonical order, so a group's blanks
do not depend on the order of the cells or on the other groups in the call.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from compactwatch.core.disclosure.batch import Job, optima
from compactwatch.core.disclosure.lp import (
    TOLERANCE,
    Auditor,
    Bounds,
    Component,
    Row,
    State,
    components,
    row_allows,
)
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
    works = []
    for group in table.groups:
        local = {n: bounds[n] for n in group.nodes if n in bounds}
        claimed = frozenset(n for n in local if n in targets)
        if claimed:
            works.append(_Protection(table, group, values, least, local, claimed))
    for work in works:
        work.fast_pass()
    _repair(works)
    _release(works)
    return {node for work in works for node in work.order}


def _repair(works: list[_Protection]) -> None:
    """Round after round, check every group still unsettled (all in one call), and let each blank one
    more count where a withheld count cannot reach an end of its label; blanking only widens ranges, so
    a group found clean is done."""
    pending = works
    while pending:
        checks: dict[int, list[tuple[Component, list[tuple[float, ...]] | None]]] = {}
        jobs, owners = [], []
        for w, work in enumerate(pending):
            checks[w] = []
            for variables, row_ids in components(work.rows, work.state()):
                component = Component(work.auditor, row_ids, variables, work.state())
                if row_ids and component.needs_program():
                    targets = component.target_indices()
                    jobs.append(Job(component, [{k: 1.0} for k in targets] + [{k: -1.0} for k in targets]))
                    owners.append((w, component))
        for (w, component), points in zip(owners, optima(jobs), strict=True):
            checks[w].append((component, points))
        _labels_alone_together(pending, checks)
        pending = [work for w, work in enumerate(pending) if work.react(checks[w])]


def _labels_alone_together(
    works: list[_Protection], checks: dict[int, list[tuple[Component, list[tuple[float, ...]] | None]]]
) -> None:
    """What the labels alone leave each count that cannot reach an end of its label, for all groups in
    one call (each group keeps its own answers)."""
    jobs, asked = [], []
    for w, work in enumerate(works):
        for component, points in checks[w]:
            targets = component.target_indices()
            for i, k in enumerate(targets):
                node = component.variables[k]
                if points is None or node in work.auditor.possible:
                    continue
                if work.reaches(node, points[i][k], points[len(targets) + i][k]):
                    continue
                alone = work.auditor.alone(node, work.state())
                j = alone.variables.index(node)
                jobs.append(Job(alone, [{j: 1.0}, {j: -1.0}]))
                asked.append((work, node, j))
    for (work, node, j), points in zip(asked, optima(jobs), strict=True):
        work.auditor.possible[node] = work.bounds[node] if points is None else (points[0][j], points[1][j])


def _release(works: list[_Protection]) -> None:
    """Publish again the blanks that the published figures fix exactly: withholding them hides nothing
    (publishing a figure already known adds nothing, so the others stay protected). Each blank is pushed
    down and up, capped just above its raw value so the program stays bounded."""
    jobs, owners = [], []
    for w, work in enumerate(works):
        wanted = frozenset(work.order)
        asked = State(work.values, work.bounds, wanted, [])
        for variables, row_ids in components(work.rows, asked):
            component = Component(work.auditor, row_ids, variables, work.state())
            mine = [k for k, node in enumerate(variables) if node in wanted]
            caps = {k: (work.values[variables[k]] or 0.0) + 1.0 for k in mine}
            jobs.append(Job(component, [{k: 1.0} for k in mine] + [{k: -1.0} for k in mine], caps))
            owners.append(w)
    for job, w, points in zip(jobs, owners, optima(jobs), strict=True):
        if points is None:
            continue
        mine = [k for k, node in enumerate(job.component.variables) if node in works[w].order]
        for i, k in enumerate(mine):
            if points[len(mine) + i][k] - points[i][k] <= TOLERANCE:
                works[w].unblank(job.component.variables[k])


class _Protection:
    """One group's blanks: relation by relation first, then audit and repair where the joint check of
    all groups is not clean, then the release of blanks the published figures fix."""

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

    def fast_pass(self) -> None:
        for row in self.rows:
            while not self._row_safe(row):
                choice = _fast_choice(self.table, row, self.values, self.bounds, self.targets)
                if choice is None:
                    break
                self._blank(choice)

    def unblank(self, node: int) -> None:
        del self.bounds[node]
        self.order.remove(node)

    def _row_safe(self, row: Row) -> bool:
        return all(row_allows(row, n, self.values, self.bounds) for n in row.nodes if n in self.targets)

    def _blank(self, node: int) -> None:
        self.bounds[node] = (float(self.table.nodes[node].threshold), math.inf)
        self.order.append(node)

    def state(self) -> State:
        return State(self.values, self.bounds, self.targets - self.given_up, self.least)

    def react(self, checks: list[tuple[Component, list[tuple[float, ...]] | None]]) -> bool:
        """Blank one more count for each withheld count narrowed beyond what the labels alone say, as long
        as no two of them share a relation this round (the next round sees the first blank first); False
        when there is none (the group is settled)."""
        touched: set[int] = set()
        acted = False
        for component, points in checks:
            targets = component.target_indices()
            for i, k in enumerate(targets):
                node = component.variables[k]
                if points is not None and not self._narrowed(node, points[i][k], points[len(targets) + i][k]):
                    continue
                rows = {j for j, row in enumerate(self.rows) if node in row.nodes}
                if acted and rows & touched:
                    continue
                self._protect(node, component)
                touched |= rows
                acted = True
        return acted

    def reaches(self, node: int, low: float, high: float) -> bool:
        label_low, label_high = self.bounds[node]
        return low <= label_low + TOLERANCE and high >= label_high - TOLERANCE

    def _narrowed(self, node: int, low: float, high: float) -> bool:
        if self.reaches(node, low, high):
            return False
        possible_low, possible_high = self.auditor.labels_alone(node, self.state())
        return low > possible_low + TOLERANCE or high < possible_high - TOLERANCE

    def _protect(self, node: int, component: Component) -> None:
        """Blank the smallest count of a relation of the narrowed count, else of its component, else of the
        group: a choice that depends on the group alone, not on the solver's path."""
        members = set(component.variables)
        for rows in (
            [r for r in self.rows if node in r.nodes],
            [r for r in self.rows if members.intersection(r.nodes)],
            self.rows,
        ):
            choice = _smallest(self.table, {n for row in rows for n in row.nodes}, self.bounds)
            if choice is not None:
                self._blank(choice)
                return
        self.given_up.add(node)


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
