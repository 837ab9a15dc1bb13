"""Reading and checking a framework: YAML -> `Framework`, or a report of coded problems with lines.

Problem codes: yaml-syntax, duplicate-key, duplicate-section, missing-field, unknown-field, invalid-value,
bad-year, duplicate-code, unknown-reference, bad-target.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from compactwatch.core.framework import Framework
from compactwatch.core.validation import Problem, Report
from compactwatch.core.yaml_source import KeyPath, LocatedData, format_path, read_located

CODED_UNITS = {"YES_PARTIAL_NO"}
CODED_VALUES = ("YES", "PARTIAL", "NO")

Finding = tuple[str, str, KeyPath]


def framework_files(path: Path) -> list[Path]:
    if path.is_dir():
        return sorted(p for p in path.iterdir() if p.suffix in {".yaml", ".yml"})
    return [path]


def read_framework(path: Path) -> tuple[Framework | None, Report]:
    """Read and check the framework at `path` (a folder of YAML files or one file)."""
    report = Report()
    if not path.exists():
        report.add(Problem("not-found", "no such file or folder", file=str(path)))
        return None, report
    files = framework_files(path)
    if not files:
        report.add(Problem("not-found", "the folder holds no .yaml file", file=str(path)))
        return None, report
    located, problems = read_located(files, base=path if path.is_dir() else path.parent)
    report.extend(problems)
    if not report.ok:
        return None, report
    framework = _parse(located, report)
    if framework is not None:
        for code, message, key_path in cross_reference_findings(framework):
            report.add(_problem(located, code, message, key_path))
    return (framework if report.ok else None), report


def _problem(located: LocatedData, code: str, message: str, key_path: KeyPath) -> Problem:
    where = located.locate(key_path)
    return Problem(
        code,
        message,
        file=where[0] if where else None,
        line=where[1] if where else None,
        path=format_path(key_path),
    )


_PYDANTIC_CODES = {
    "missing": "missing-field",
    "extra_forbidden": "unknown-field",
}


def _parse(located: LocatedData, report: Report) -> Framework | None:
    try:
        return Framework.model_validate(located.data)
    except ValidationError as error:
        for item in error.errors():
            key_path: KeyPath = tuple(item["loc"])
            code = _PYDANTIC_CODES.get(item["type"], "invalid-value")
            if key_path and key_path[-1] in {"target_year", "date"} and code == "invalid-value":
                code = "bad-year"
            message = _message(item, key_path)
            report.add(_problem(located, code, message, key_path))
        return None


def _message(item: Any, key_path: KeyPath) -> str:
    name = key_path[-1] if key_path else "document"
    if item["type"] == "missing":
        return f"required field {name!r} is missing"
    if item["type"] == "extra_forbidden":
        return f"field {name!r} is not part of the framework format"
    return f"{name!r}: {item['msg']} (got {item.get('input')!r})"


def cross_reference_findings(framework: Framework) -> Iterator[Finding]:
    """Rules that span elements: unique codes and references that resolve."""
    yield from _duplicates(framework)
    yield from _references(framework)
    yield from _indicator_targets(framework)


def _duplicates(framework: Framework) -> Iterator[Finding]:
    sections = (
        "documents",
        "commitments",
        "policy_areas",
        "gcm_objectives",
        "gcm_principles",
        "gcr_objectives",
        "sdg_targets",
        "crc_articles",
        "codelists",
        "units",
        "indicators",
    )
    for section in sections:
        items = getattr(framework, section)
        yield from _first_seen(((item.code, (section, i)) for i, item in enumerate(items)), section)
    # Topics, goals and targets share one namespace: their codes appear in URLs side by side.
    yield from _first_seen(_framework_element_codes(framework), "topics, goals and targets")
    for c, codelist in enumerate(framework.codelists):
        entries = ((code.code, ("codelists", c, "codes", i)) for i, code in enumerate(codelist.codes))
        yield from _first_seen(entries, f"codelist {codelist.code}")


def _framework_element_codes(framework: Framework) -> Iterator[tuple[str, KeyPath]]:
    for t, topic in enumerate(framework.topics):
        yield topic.code, ("topics", t, "code")
        for g, goal in enumerate(topic.goals):
            yield goal.code, ("topics", t, "goals", g, "code")
            for k, target in enumerate(goal.targets):
                yield target.code, ("topics", t, "goals", g, "targets", k, "code")


def _first_seen(entries: Iterable[tuple[str, KeyPath]], where: str) -> Iterator[Finding]:
    seen: dict[str, KeyPath] = {}
    for code, key_path in entries:
        if code in seen:
            yield (
                "duplicate-code",
                f"code {code!r} is used twice in {where} (first at {format_path(seen[code])})",
                key_path,
            )
        else:
            seen[code] = key_path


def _codes(items: Iterable[Any]) -> set[str]:
    return {item.code for item in items}


def _references(framework: Framework) -> Iterator[Finding]:
    known = {
        "document": _codes(framework.documents),
        "commitments": _codes(framework.commitments),
        "policy_areas": _codes(framework.policy_areas),
        "gcm_objectives": _codes(framework.gcm_objectives),
        "gcm_principles": _codes(framework.gcm_principles),
        "gcr_objectives": _codes(framework.gcr_objectives),
        "sdg_targets": _codes(framework.sdg_targets),
        "crc_articles": _codes(framework.crc_articles),
        "goals": _codes(framework.goals()),
        "targets": _codes(framework.targets()),
        "disaggregations": _codes(framework.codelists),
        "unit": _codes(framework.units),
    }
    for key_path, field, value in _reference_fields(framework):
        values = value if isinstance(value, list) else [value]
        for i, code in enumerate(values):
            if code is not None and code not in known[field]:
                where = (*key_path, field, i) if isinstance(value, list) else (*key_path, field)
                yield "unknown-reference", f"{field} {code!r} is not defined in the framework", where


def _reference_fields(framework: Framework) -> Iterator[tuple[KeyPath, str, Any]]:
    crosswalk = (
        "policy_areas",
        "gcm_objectives",
        "gcm_principles",
        "gcr_objectives",
        "sdg_targets",
        "crc_articles",
    )
    for c, commitment in enumerate(framework.commitments):
        yield ("commitments", c), "document", commitment.document
    for t, topic in enumerate(framework.topics):
        yield ("topics", t), "commitments", topic.commitments
        for g, goal in enumerate(topic.goals):
            goal_path: KeyPath = ("topics", t, "goals", g)
            yield goal_path, "commitments", goal.commitments
            for field in crosswalk:
                yield goal_path, field, getattr(goal, field)
            for k, target in enumerate(goal.targets):
                target_path: KeyPath = (*goal_path, "targets", k)
                yield target_path, "commitments", target.commitments
                for field in crosswalk:
                    yield target_path, field, getattr(target, field)
    for i, indicator in enumerate(framework.indicators):
        for field in ("goals", "targets", "disaggregations", "unit"):
            yield ("indicators", i), field, getattr(indicator, field)


def _indicator_targets(framework: Framework) -> Iterator[Finding]:
    """A target value needs a year and a direction, and must be a value the unit can take."""
    for i, indicator in enumerate(framework.indicators):
        path: KeyPath = ("indicators", i)
        value, year = indicator.target_value, indicator.target_year
        if (value is None) != (year is None):
            yield "bad-target", "target_value and target_year go together: give both or neither", path
        if value is None:
            continue
        if indicator.direction == "none":
            yield (
                "bad-target",
                "a context indicator (direction: none) cannot have a target",
                (*path, "direction"),
            )
        if indicator.unit in CODED_UNITS:
            if value not in CODED_VALUES:
                yield (
                    "bad-target",
                    f"target_value must be one of {', '.join(CODED_VALUES)}",
                    (*path, "target_value"),
                )
        elif not isinstance(value, int | float):
            yield (
                "bad-target",
                f"target_value must be a number for unit {indicator.unit}",
                (*path, "target_value"),
            )
        elif indicator.unit == "PERCENT" and not 0 <= value <= 100:
            yield "bad-target", "a percentage target must lie between 0 and 100", (*path, "target_value")
