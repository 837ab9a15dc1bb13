"""Coded validation problems and the report that collects them.

One shape for every check in the platform (framework files, data files), so the CLI, the API and the
web show the same text for the same problem.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with an input, with where it is."""

    code: str
    message: str
    file: str | None = None
    line: int | None = None
    row: int | None = None
    column: str | None = None
    path: str | None = None

    def location(self) -> str:
        parts = [self.file or "<input>"]
        if self.line is not None:
            parts.append(f"line {self.line}")
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.column is not None:
            parts.append(f"column {self.column!r}")
        if self.path:
            parts.append(f"at {self.path}")
        return ", ".join(parts)

    def __str__(self) -> str:
        return f"{self.location()}: [{self.code}] {self.message}"

    def as_dict(self) -> dict[str, object]:
        return {
            "code": self.code,
            "message": self.message,
            "file": self.file,
            "line": self.line,
            "row": self.row,
            "column": self.column,
            "path": self.path,
        }


@dataclass
class Report:
    """Problems found in one input; empty means valid."""

    problems: list[Problem] = field(default_factory=list)
    limit: int = 1000
    truncated: bool = False
    notes: list[str] = field(default_factory=list)  # summaries printed after the problems

    def add(self, problem: Problem) -> None:
        if len(self.problems) < self.limit:
            self.problems.append(problem)
        else:
            self.truncated = True

    def extend(self, problems: Iterable[Problem]) -> None:
        for problem in problems:
            self.add(problem)

    @property
    def ok(self) -> bool:
        return not self.problems

    def codes(self) -> list[str]:
        return [problem.code for problem in self.problems]

    def __iter__(self) -> Iterator[Problem]:
        return iter(self.problems)

    def __len__(self) -> int:
        return len(self.problems)

    def summary(self) -> str:
        if self.ok:
            return "valid: no problems found"
        more = " (only the first are listed)" if self.truncated else ""
        return f"{len(self.problems)} problem(s){more}"

    def render(self) -> str:
        lines = [str(problem) for problem in self.problems]
        lines.extend(self.notes)
        lines.append(self.summary())
        return "\n".join(lines)


class InvalidInput(Exception):
    """Raised when an input is refused; carries the full report."""

    def __init__(self, report: Report) -> None:
        super().__init__(report.render())
        self.report = report
