"""Feasible ranges of withheld figures by linear programming (scipy's HiGHS), one component at a time.

Published figures are constants; each withheld figure is a variable within the range the public rules
give it (a "<10" count in 1..9, a blank count at least the threshold). A component is the set of
variables linked by rows. Every target is pushed to its floor and to its ceiling, all in one program of
independent copies of the component. Where a target cannot reach an end of its label, the rows whose
dual values are not zero are the ones that bind it.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from scipy.optimize import linprog  # type: ignore[import-untyped]
from scipy.sparse import csr_matrix  # type: ignore[import-untyped]

TOLERANCE = 1e-6

Bounds = tuple[float, float]


@dataclass(frozen=True, slots=True)
class Row:
    """low <= sum(coef * node) <= high."""

    nodes: tuple[int, ...]
    coefs: tuple[float, ...]
    low: float
    high: float
    structural: bool = True  # a relation of the table, not a fact about a derived figure


@dataclass(frozen=True, slots=True)
class Finding:
    """A target whose feasible range is narrower than its label, and the rows that make it so."""

    node: int
    low: float
    high: float
    binding: tuple[int, ...]
    possible_low: float  # the range the labels alone leave it: a "<5" of two "<5" parts is at least 2
    possible_high: float


@dataclass(frozen=True, slots=True)
class Solution:
    x: tuple[float, ...]
    duals: tuple[float, ...]  # of the equality lines, then of the inequality lines


@dataclass(frozen=True, slots=True)
class State:
    """What is known of each node: published value (constant) or the bounds of a withheld one."""

    values: Sequence[float | None]
    bounds: Mapping[int, Bounds]
    targets: frozenset[int]  # withheld nodes whose label's whole range must stay possible
    floors: Sequence[float]  # the least value a blank could have, node by node


def components(rows: Sequence[Row], state: State) -> list[tuple[list[int], list[int]]]:
    """Variables linked by rows, with their rows; only components that hold a target."""
    parent: dict[int, int] = {}

    def find(node: int) -> int:
        while parent.setdefault(node, node) != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for row in rows:
        hidden = [n for n in row.nodes if n in state.bounds]
        for node in hidden[1:]:
            parent[find(node)] = find(hidden[0])
    members: dict[int, tuple[list[int], list[int]]] = {}
    for node in sorted(state.bounds):
        members.setdefault(find(node), ([], []))[0].append(node)
    for k, row in enumerate(rows):
        hidden = [n for n in row.nodes if n in state.bounds]
        if hidden:
            members[find(hidden[0])][1].append(k)
    return [m for m in members.values() if any(n in state.targets for n in m[0])]


class Auditor:
    """The rows of a table (or of one group) with what does not change as blanks come and go: which rows
    touch each node, and each target's range under the labels alone."""

    def __init__(self, rows: Sequence[Row]) -> None:
        self.rows = rows
        self.rows_of: dict[int, list[int]] = {}
        for k, row in enumerate(rows):
            for node in row.nodes:
                self.rows_of.setdefault(node, []).append(k)
        self.possible: dict[int, Bounds] = {}

    def exposures(self, state: State) -> list[Finding]:
        """Targets narrowed beyond what their labels alone allow, by node."""
        found = []
        for variables, row_ids in components(self.rows, state):
            if row_ids:
                found.extend(Component(self, row_ids, variables, state).findings())
        return sorted(found, key=lambda f: f.node)

    def first_exposure(self, state: State, near: int) -> tuple[Finding | None, list[int]]:
        """A narrowed target in the component that holds `near` if there is one, and that component."""
        for variables, row_ids in components(self.rows, state):
            if near in variables:
                if not row_ids:
                    return None, variables
                found = Component(self, row_ids, variables, state).findings(first_only=True)
                return (found[0] if found else None), variables
        return None, [near]

    def determined(self, state: State, nodes: Sequence[int]) -> set[int]:
        """Withheld nodes whose value the published figures fix exactly (withholding them hides nothing).
        `state.values` must hold the raw values: they are a feasible point to compare with."""
        wanted = frozenset(nodes)
        fixed = set()
        asked = State(state.values, state.bounds, wanted, [])
        for variables, row_ids in components(self.rows, asked):
            component = Component(self, row_ids, variables, state)
            for node in component.determined(wanted):
                fixed.add(node)
        return fixed

    def labels_alone(self, node: int, state: State) -> Bounds:
        """The node's range when no published count is known beyond its not being small: what the labels
        and the table's structure say by themselves (a "<5" total of two "<5" parts is at least 2)."""
        if node not in self.possible:
            self.possible[node] = self._labels_alone(node, state)
        return self.possible[node]

    def alone(self, node: int, state: State) -> Component:
        """The program of the node's relations with every published count but zeros made unknown."""
        bounds = dict(state.bounds)
        row_ids: set[int] = set()
        frontier = [node]
        while frontier:
            current = frontier.pop()
            for k in self.rows_of.get(current, ()):
                if k in row_ids or not self.rows[k].structural:
                    continue
                row_ids.add(k)
                for other in self.rows[k].nodes:
                    value = state.values[other]
                    if other not in bounds and value is not None and value > 0:
                        bounds[other] = (min(value, state.floors[other]), math.inf)
                        frontier.append(other)
                    elif other in state.bounds and other != current:
                        frontier.append(other)
        variables = sorted({n for k in row_ids for n in self.rows[k].nodes if n in bounds} | {node})
        return Component(self, sorted(row_ids), variables, State(state.values, bounds, frozenset(), []))

    def _labels_alone(self, node: int, state: State) -> Bounds:
        alone = self.alone(node, state)
        k = alone.variables.index(node)
        solutions = alone.solve_many([{k: 1.0}, {k: -1.0}])
        if solutions is None:
            return state.bounds[node]
        return solutions[0].x[k], solutions[1].x[k]


def row_allows(row: Row, target: int, values: Sequence[float | None], bounds: Mapping[int, Bounds]) -> bool:
    """Whether this row alone leaves `target` its whole label range (interval arithmetic: exact for a row)."""
    own = 0.0
    low_sum = high_sum = 0.0
    for node, coef in zip(row.nodes, row.coefs, strict=True):
        if node == target:
            own += coef
            continue
        low, high = bounds.get(node) or (values[node] or 0.0, values[node] or 0.0)
        low_sum += coef * (low if coef > 0 else high)
        high_sum += coef * (high if coef > 0 else low)
    least, most = row.low - high_sum, row.high - low_sum
    if own < 0:
        least, most = -most, -least
    own = abs(own)
    label_low, label_high = bounds[target]
    return least / own <= label_low + TOLERANCE and most / own >= label_high - TOLERANCE


class Component:
    """One component's linear program: A_eq x = b_eq, A_ub x <= b_ub and bounds, with the row each line
    came from. Several objectives are solved as one program of independent copies (block diagonal): each
    copy reaches its own optimum, and one call replaces many."""

    def __init__(self, auditor: Auditor, row_ids: list[int], variables: list[int], state: State) -> None:
        self.auditor = auditor
        self.variables = variables
        self.state = state
        rows = auditor.rows
        index = {node: k for k, node in enumerate(variables)}
        self.eq: list[tuple[dict[int, float], float, int]] = []
        self.ub: list[tuple[dict[int, float], float, int]] = []
        for k in row_ids:
            self._add(rows[k], k, index)
        self.single = [rows[k] for k in row_ids[:2]]

    def _add(self, row: Row, k: int, index: Mapping[int, int]) -> None:
        coefs: dict[int, float] = {}
        constant = 0.0
        for node, coef in zip(row.nodes, row.coefs, strict=True):
            if node in index:
                coefs[index[node]] = coefs.get(index[node], 0.0) + coef
            else:
                constant += coef * (self.state.values[node] or 0.0)
        low, high = row.low - constant, row.high - constant
        if low == high:
            self.eq.append((coefs, low, k))
            return
        if math.isfinite(high):
            self.ub.append((coefs, high, k))
        if math.isfinite(low):
            self.ub.append(({j: -c for j, c in coefs.items()}, -low, k))

    def target_indices(self) -> list[int]:
        return [k for k, node in enumerate(self.variables) if node in self.state.targets]

    def needs_program(self) -> bool:
        """False when the component is one relation that leaves every target its label (exact then)."""
        return not (len(self.single) == 1 and all(self._row_allows(k) for k in self.target_indices()))

    def reaches_labels(self, points: Sequence[tuple[float, ...]]) -> bool:
        """Whether the optima of (floor of each target, then ceiling of each) reach both label ends."""
        targets = self.target_indices()
        for i, k in enumerate(targets):
            low, high = self.state.bounds[self.variables[k]]
            if points[i][k] > low + TOLERANCE or points[len(targets) + i][k] < high - TOLERANCE:
                return False
        return True

    def findings(self, first_only: bool = False) -> list[Finding]:
        """The component's narrowed targets; with `first_only`, stop at the first one found."""
        targets = [k for k, node in enumerate(self.variables) if node in self.state.targets]
        if len(self.single) == 1 and all(self._row_allows(k) for k in targets):
            return []
        solutions = self.solve_many([{k: 1.0} for k in targets] + [{k: -1.0} for k in targets])
        if solutions is None:
            return [_contradiction(self.variables[k]) for k in targets]
        found = []
        for i, k in enumerate(targets):
            finding = self._check(k, solutions[i], solutions[len(targets) + i])
            if finding is not None:
                found.append(finding)
                if first_only:
                    break
        return found

    def _row_allows(self, k: int) -> bool:
        return row_allows(self.single[0], self.variables[k], self.state.values, self.state.bounds)

    def _check(self, k: int, lowest: Solution, highest: Solution) -> Finding | None:
        node = self.variables[k]
        label_low, label_high = self.state.bounds[node]
        low, high = lowest.x[k], highest.x[k]
        if low <= label_low + TOLERANCE and high >= label_high - TOLERANCE:
            return None
        possible_low, possible_high = self.auditor.labels_alone(node, self.state)
        narrowed_low, narrowed_high = low > possible_low + TOLERANCE, high < possible_high - TOLERANCE
        if not narrowed_low and not narrowed_high:
            return None
        binding = {
            *(self._binding(lowest) if narrowed_low else ()),
            *(self._binding(highest) if narrowed_high else ()),
        }
        return Finding(node, low, high, tuple(sorted(binding)), possible_low, possible_high)

    def determined(self, wanted: frozenset[int]) -> list[int]:
        """Which of `wanted` take one value at every feasible point. Each is pushed down and up (capped
        just above its raw value, so the program stays bounded)."""
        mine = [k for k, node in enumerate(self.variables) if node in wanted]
        caps = {k: (self.state.values[self.variables[k]] or 0.0) + 1.0 for k in mine}
        solutions = self.solve_many([{k: 1.0} for k in mine] + [{k: -1.0} for k in mine], caps)
        if solutions is None:
            return []
        count = len(mine)
        return [
            self.variables[k]
            for i, k in enumerate(mine)
            if solutions[count + i].x[k] - solutions[i].x[k] <= TOLERANCE
        ]

    def _binding(self, result: Solution) -> tuple[int, ...]:
        lines = [*self.eq, *self.ub]
        return tuple(sorted({lines[j][2] for j, dual in enumerate(result.duals) if abs(dual) > 1e-9}))

    def solve(self, objective: Mapping[int, float]) -> Solution | None:
        solutions = self.solve_many([objective])
        return solutions[0] if solutions is not None else None

    def solve_many(
        self, objectives: Sequence[Mapping[int, float]], caps: Mapping[int, float] | None = None
    ) -> list[Solution] | None:
        """Each objective minimised over its own copy of the program; None if the program is infeasible."""
        n, copies = len(self.variables), len(objectives)
        if copies == 0:
            return []
        c = np.zeros(n * copies)
        for b, objective in enumerate(objectives):
            for k, coef in objective.items():
                c[b * n + k] = coef
        bounds = [self.state.bounds[node] for node in self.variables]
        if caps:
            bounds = [(low, min(high, caps.get(k, high))) for k, (low, high) in enumerate(bounds)]
        result = linprog(
            c,
            A_ub=blocks(self.ub, n, copies),
            b_ub=[line[1] for line in self.ub] * copies or None,
            A_eq=blocks(self.eq, n, copies),
            b_eq=[line[1] for line in self.eq] * copies or None,
            bounds=[(finite(low), finite(high)) for low, high in bounds] * copies,
            method="highs",
        )
        if result.status != 0:
            return None
        eq_duals = np.asarray(result.eqlin.marginals if self.eq else []).reshape(copies, -1)
        ub_duals = np.asarray(result.ineqlin.marginals if self.ub else []).reshape(copies, -1)
        x = np.asarray(result.x).reshape(copies, n)
        return [
            Solution(tuple(x[b].tolist()), tuple([*eq_duals[b].tolist(), *ub_duals[b].tolist()]))
            for b in range(copies)
        ]


def _contradiction(node: int) -> Finding:
    """A component whose published figures contradict its relations: no value is feasible."""
    return Finding(node, math.inf, -math.inf, (), math.inf, -math.inf)


def finite(bound: float) -> float | None:
    return None if math.isinf(bound) else bound


def blocks(lines: list[tuple[dict[int, float], float, int]], n: int, copies: int) -> object | None:
    """The lines' matrix repeated `copies` times along the diagonal (sparse)."""
    if not lines:
        return None
    data, rows, cols = [], [], []
    for j, (coefs, _, _) in enumerate(lines):
        for k, coef in coefs.items():
            data.append(coef)
            rows.append(j)
            cols.append(k)
    shift = np.arange(copies).repeat(len(data))
    matrix: object = csr_matrix(
        (
            np.tile(data, copies),
            (np.tile(rows, copies) + shift * len(lines), np.tile(cols, copies) + shift * n),
        ),
        shape=(len(lines) * copies, n * copies),
    )
    return matrix
