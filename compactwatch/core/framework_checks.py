"""Reading and checking a framework: YAML -> `Framework`, or a report of coded problems with lines.

Problem codes: yaml-syntax, duplicate-key, duplicate-section, missing-field, unknown-field, invalid-value,
bad-year, duplicate-code, unknown-reference, bad-target, unknown-parent, bad-parent, parent-cycle,
overlapping-codes, bad-derivation.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from compactwatch.core.codelists import (
    age_span,
    code_parents,
    is_within,
    span_within,
    spans_overlap,
)
from compactwatch.core.framework import RATE_UNITS, Codelist, Framework, Indicator
from compactwatch.core.series import TOTAL
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
    yield from _units_not_nested(framework)
    for c, codelist in enumerate(framework.codelists):
        yield from _code_parents(codelist, ("codelists", c))
        if codelist.code == "AGE":
            yield from _age_nesting(codelist, ("codelists", c))
    for i, indicator in enumerate(framework.indicators):
        if indicator.derived_from is not None:
            yield from _derivation(framework, indicator, ("indicators", i, "derived_from"))


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


def _units_not_nested(framework: Framework) -> Iterator[Finding]:
    for u, unit in enumerate(framework.units):
        if unit.parent is not None or unit.standalone:
            yield (
                "bad-parent",
                f"unit {unit.code!r}: units are not nested (no parent, no standalone)",
                (
                    "units",
                    u,
                ),
            )


def _code_parents(codelist: Codelist, where: KeyPath) -> Iterator[Finding]:
    """A parent is another code of the same codelist, not the total's, not standalone, not a cycle."""
    codes = {code.code: code for code in codelist.codes}
    for i, code in enumerate(codelist.codes):
        path: KeyPath = (*where, "codes", i, "parent")
        parent = code.parent
        if code.code == TOTAL and (parent is not None or code.standalone):
            yield "bad-parent", f"codelist {codelist.code}: the total {TOTAL} has no parent", path
        elif parent is None:
            continue
        elif code.standalone:
            yield "bad-parent", f"codelist {codelist.code}: {code.code} is standalone and has a parent", path
        elif parent not in codes:
            message = (
                f"codelist {codelist.code}: parent {parent!r} of {code.code} is not a code of {codelist.code}"
            )
            yield "unknown-parent", message, path
        elif codes[parent].standalone:
            message = f"codelist {codelist.code}: parent {parent!r} of {code.code} is standalone"
            yield "bad-parent", message, path
    yield from _cycles(codelist, where)


def _cycles(codelist: Codelist, where: KeyPath) -> Iterator[Finding]:
    parents = code_parents(codelist)
    reported: set[str] = set()
    for i, code in enumerate(codelist.codes):
        cycle = _cycle_through(parents, code.code)
        if cycle and not reported.intersection(cycle):
            reported.update(cycle)
            circle = " > ".join([*cycle, code.code])
            message = f"codelist {codelist.code}: parents go round in a circle ({circle})"
            yield "parent-cycle", message, (*where, "codes", i, "parent")


def _cycle_through(parents: dict[str, str], code: str) -> list[str]:
    """The codes of the cycle `code` lies on, from `code` up; empty when it lies on none."""
    chain = [code]
    current = parents.get(code)
    while current is not None and current not in chain:
        chain.append(current)
        current = parents.get(current)
    return chain if current == code else []


def _age_nesting(codelist: Codelist, where: KeyPath) -> Iterator[Finding]:
    """Age bands the codes spell out (Y12T16, Y_LT18, M0T11) must lie in their parent and not overlap a
    sibling: an overlap would let siblings be added up into more children than there are."""
    parents = code_parents(codelist)
    spans = {code: span for code in parents if (span := age_span(code)) is not None}
    siblings_seen: dict[str, list[str]] = {}
    for i, code in enumerate(codelist.codes):
        span, parent = spans.get(code.code), parents.get(code.code)
        if span is None or parent is None:
            continue
        path: KeyPath = (*where, "codes", i, "parent")
        outer = age_span(parent)
        if outer is not None and not span_within(span, outer):
            yield (
                "bad-parent",
                f"codelist {codelist.code}: {code.code} is not an age band within {parent}",
                path,
            )
        for sibling in siblings_seen.setdefault(parent, []):
            if spans_overlap(span, spans[sibling]):
                message = (
                    f"codelist {codelist.code}: {code.code} and {sibling} overlap but are both children of "
                    f"{parent}; give one of them another parent, or mark it standalone"
                )
                yield "overlapping-codes", message, path
        siblings_seen[parent].append(code.code)


def _derivation(framework: Framework, indicator: Indicator, where: KeyPath) -> Iterator[Finding]:
    """The source exists and is a count, `per` fits the unit, every code exists, numerator within base."""
    derivation = indicator.derived_from
    assert derivation is not None
    source = framework.indicator(derivation.indicator)
    if source is None:
        message = f"indicator {derivation.indicator!r} is not defined in the framework"
        yield "unknown-reference", message, (*where, "indicator")
        return
    yield from _derivation_source(indicator, source, where)
    dimensions = (list(derivation.numerator), list(derivation.denominator))
    if len(dimensions[0]) != 1 or dimensions[0] != dimensions[1]:
        message = (
            f"numerator and denominator must select codes of one and the same dimension, not {dimensions}"
        )
        yield "bad-derivation", message, where
        return
    problems = [
        finding
        for side in ("numerator", "denominator")
        for finding in _selection(framework, source, getattr(derivation, side), (*where, side))
    ]
    yield from problems
    if not problems:
        yield from _numerator_within_denominator(framework, indicator, where)


def _derivation_source(indicator: Indicator, source: Indicator, where: KeyPath) -> Iterator[Finding]:
    derivation = indicator.derived_from
    assert derivation is not None
    if source.code == indicator.code:
        yield "bad-derivation", f"{indicator.code} cannot be derived from itself", (*where, "indicator")
    elif source.unit != "NUMBER":
        message = f"{indicator.code} is derived from {source.code}, which is not a count (unit {source.unit})"
        yield "bad-derivation", message, (*where, "indicator")
    if RATE_UNITS[derivation.per] != indicator.unit:
        made = RATE_UNITS[derivation.per]
        message = f"per {derivation.per} makes a {made} figure, but the unit is {indicator.unit}"
        yield "bad-derivation", message, (*where, "per")
    fixed = set(derivation.numerator) | set(derivation.denominator)
    for k, dimension in enumerate(indicator.disaggregations):
        path: KeyPath = (*where[:-1], "disaggregations", k)
        if dimension in fixed:
            message = (
                f"{indicator.code} is broken down by {dimension}, which its numerator or denominator fixes"
            )
            yield "bad-derivation", message, path
        elif dimension not in source.disaggregations:
            message = f"{indicator.code} is broken down by {dimension}, but its source {source.code} is not"
            yield "bad-derivation", message, path


def _selection(
    framework: Framework, source: Indicator, selection: dict[str, list[str]], where: KeyPath
) -> Iterator[Finding]:
    """Codes of codelists the source is broken down by, none counted twice (a code and its ancestor)."""
    for dimension, codes in selection.items():
        codelist = framework.codelist(dimension)
        if codelist is None:
            yield (
                "unknown-reference",
                f"codelist {dimension!r} is not defined in the framework",
                (*where, dimension),
            )
            continue
        if dimension not in source.disaggregations:
            message = f"{source.code} is not broken down by {dimension}"
            yield "bad-derivation", message, (*where, dimension)
        yield from _selected_codes(codelist, codes, (*where, dimension))


def _selected_codes(codelist: Codelist, codes: list[str], where: KeyPath) -> Iterator[Finding]:
    listed = {code.code: code for code in codelist.codes}
    parents = code_parents(codelist)
    for j, code in enumerate(codes):
        earlier = codes[:j]
        if code not in listed:
            message = f"{code!r} is not a code of codelist {codelist.code}"
            yield "unknown-reference", message, (*where, j)
        elif listed[code].standalone and len(codes) > 1:
            message = f"{code} is standalone: what it shares with the other codes is not known"
            yield "bad-derivation", message, (*where, j)
        elif clash := next(
            (c for c in earlier if is_within(parents, code, c) or is_within(parents, c, code)), None
        ):
            message = (
                f"{code} and {clash} overlap (one holds the other): the same units would be counted twice"
            )
            yield "bad-derivation", message, (*where, j)


def _numerator_within_denominator(
    framework: Framework, indicator: Indicator, where: KeyPath
) -> Iterator[Finding]:
    """What the numerator counts is part of the denominator: each of its codes lies within a base code."""
    derivation = indicator.derived_from
    assert derivation is not None
    for dimension in sorted(set(derivation.numerator) | set(derivation.denominator)):
        codelist = framework.codelist(dimension)
        assert codelist is not None
        parents = code_parents(codelist)
        base = derivation.denominator.get(dimension, [TOTAL])
        for code in derivation.numerator.get(dimension, [TOTAL]):
            if not any(is_within(parents, code, container) for container in base):
                message = f"numerator {dimension}={code} is not within the denominator ({', '.join(base)})"
                yield "bad-derivation", message, (*where, "numerator", dimension)
