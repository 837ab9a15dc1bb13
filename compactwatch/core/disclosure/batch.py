"""Many components' programs solved as one: their copies side by side on a block diagonal.

A call to the solver costs far more in its front end than in the solving for programs this small, so
the checks every group needs (are its withheld counts free to reach both ends of their labels? which
blanks are fixed by the published figures?) go together, a few thousand variables per call. Only
optimal values are read back, never which of several optimal points the solver chose, so a group's
answer does not depend on the groups solved with it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy.optimize import linprog  # type: ignore[import-untyped]
from scipy.sparse import csr_matrix  # type: ignore[import-untyped]

from compactwatch.core.disclosure.lp import Component, finite

VARIABLES_PER_CALL = 20_000


@dataclass(frozen=True, slots=True)
class Job:
    """Objectives over one component, each minimised over its own copy; optional caps on variables."""

    component: Component
    objectives: Sequence[Mapping[int, float]]
    caps: Mapping[int, float] | None = None


def optima(jobs: Sequence[Job]) -> list[list[tuple[float, ...]] | None]:
    """Each job's optimal points, copy by copy (None for a job whose program is infeasible)."""
    answers: list[list[tuple[float, ...]] | None] = []
    start = 0
    while start < len(jobs):
        end, size = start, 0
        while end < len(jobs) and (end == start or size + _size(jobs[end]) <= VARIABLES_PER_CALL):
            size += _size(jobs[end])
            end += 1
        answers.extend(_solve(jobs[start:end]))
        start = end
    return answers


def _size(job: Job) -> int:
    return len(job.component.variables) * len(job.objectives)


def _solve(jobs: Sequence[Job]) -> list[list[tuple[float, ...]] | None]:
    parts = [_part(job) for job in jobs]
    result = linprog(
        np.concatenate([p.c for p in parts]),
        A_ub=_stack([p.ub for p in parts], [p.width for p in parts]),
        b_ub=np.concatenate([p.b_ub for p in parts]),
        A_eq=_stack([p.eq for p in parts], [p.width for p in parts]),
        b_eq=np.concatenate([p.b_eq for p in parts]),
        bounds=[bound for p in parts for bound in p.bounds],
        method="highs",
    )
    if result.status != 0:
        if len(jobs) == 1:
            return [None]
        return [answer for job in jobs for answer in _solve([job])]
    answers: list[list[tuple[float, ...]] | None] = []
    offset = 0
    for job in jobs:
        n, copies = len(job.component.variables), len(job.objectives)
        x = np.asarray(result.x[offset : offset + n * copies]).reshape(copies, n)
        answers.append([tuple(row.tolist()) for row in x])
        offset += n * copies
    return answers


Triplets = tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.float64], int]


@dataclass(frozen=True)
class _Part:
    c: npt.NDArray[np.float64]
    ub: Triplets
    b_ub: npt.NDArray[np.float64]
    eq: Triplets
    b_eq: npt.NDArray[np.float64]
    bounds: list[tuple[float | None, float | None]]
    width: int


def _part(job: Job) -> _Part:
    component = job.component
    n, copies = len(component.variables), len(job.objectives)
    c = np.zeros(n * copies)
    for b, objective in enumerate(job.objectives):
        for k, coef in objective.items():
            c[b * n + k] = coef
    bounds = [component.state.bounds[node] for node in component.variables]
    if job.caps:
        caps = job.caps
        bounds = [(low, min(high, caps.get(k, high))) for k, (low, high) in enumerate(bounds)]
    return _Part(
        c,
        _tiled(component.ub, n, copies),
        np.array([line[1] for line in component.ub] * copies, dtype=float),
        _tiled(component.eq, n, copies),
        np.array([line[1] for line in component.eq] * copies, dtype=float),
        [(finite(low), finite(high)) for low, high in bounds] * copies,
        n * copies,
    )


def _tiled(lines: list[tuple[dict[int, float], float, int]], n: int, copies: int) -> Triplets:
    """Row and column indices and values of the lines' matrix repeated `copies` times on the diagonal."""
    rows = [j for j, (coefs, _, _) in enumerate(lines) for _ in coefs]
    cols = [k for coefs, _, _ in lines for k in coefs]
    data = [coef for coefs, _, _ in lines for coef in coefs.values()]
    shift = np.arange(copies, dtype=np.int64).repeat(len(data))
    return (
        np.tile(np.asarray(rows, dtype=np.int64), copies) + shift * len(lines),
        np.tile(np.asarray(cols, dtype=np.int64), copies) + shift * n,
        np.tile(np.asarray(data, dtype=float), copies),
        len(lines) * copies,
    )


def _stack(parts: list[Triplets], widths: list[int]) -> object:
    """The parts' matrices side by side on one diagonal, as one sparse matrix."""
    rows, cols, data = [], [], []
    row_offset = col_offset = 0
    for (r, k, v, height), width in zip(parts, widths, strict=True):
        rows.append(r + row_offset)
        cols.append(k + col_offset)
        data.append(v)
        row_offset += height
        col_offset += width
    matrix: object = csr_matrix(
        (np.concatenate(data), (np.concatenate(rows), np.concatenate(cols))), shape=(row_offset, col_offset)
    )
    return matrix
