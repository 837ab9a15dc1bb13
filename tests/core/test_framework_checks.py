"""Every kind of framework problem is reported with its code, file and line, and refuses the framework."""

from __future__ import annotations

from pathlib import Path

import pytest

from compactwatch.core.framework_checks import read_framework

MINIMAL = """\
version: "test-1"
title: A small framework
documents:
  - code: nyd
    title: New York Declaration for Refugees and Migrants
    symbol: A/RES/71/1
commitments:
  - code: NYD-33
    document: nyd
    paragraph: "33"
    quote: We will work towards the ending of this practice.
    provenance: {kind: coalition, document: nyd}
sdg_targets:
  - code: SDG16.9
    title: By 2030, provide legal identity for all, including birth registration
codelists:
  - code: SEX
    title: Sex
    codes:
      - {code: _T, label: Total}
      - {code: F, label: Female}
units:
  - {code: PERCENT, label: Percent}
  - {code: YES_PARTIAL_NO, label: "Yes / partly / no"}
topics:
  - code: detention
    number: 5
    title: Child immigration detention
    provenance: {kind: coalition, document: nyd}
    commitments: [NYD-33]
    goals:
      - code: DET.1
        number: 1
        text: Progressively end the immigration detention of children.
        provenance: {kind: coalition, document: nyd}
        sdg_targets: [SDG16.9]
        targets:
          - code: DET.T1
            number: 1
            text: Enact legislation.
            target_year: 2030
            provenance: {kind: coalition, document: nyd}
indicators:
  - code: detention-prohibited-law
    title: Law prohibits child immigration detention
    definition: Whether national law prohibits the detention of children for immigration reasons.
    type: structural
    unit: YES_PARTIAL_NO
    direction: reach
    target_value: "YES"
    target_year: 2030
    goals: [DET.1]
    targets: [DET.T1]
    disaggregations: [SEX]
    provenance: {kind: compactwatch}
"""


def write(tmp_path: Path, text: str, name: str = "framework.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def line_of(text: str, fragment: str) -> int:
    """1-based line of the first line containing `fragment`."""
    return next(i for i, line in enumerate(text.splitlines(), start=1) if fragment in line)


def only_problem(path: Path, code: str):  # type: ignore[no-untyped-def]
    framework, report = read_framework(path)
    assert framework is None
    assert code in report.codes(), report.render()
    return next(problem for problem in report if problem.code == code)


def test_the_minimal_framework_is_valid(tmp_path: Path) -> None:
    framework, report = read_framework(write(tmp_path, MINIMAL))
    assert report.ok, report.render()
    assert framework is not None
    assert [goal.code for goal in framework.goals()] == ["DET.1"]


def test_the_repository_framework_is_valid(framework_dir: Path) -> None:
    framework, report = read_framework(framework_dir)
    assert report.ok, report.render()
    assert framework is not None


def test_missing_file_or_folder(tmp_path: Path) -> None:
    problem = only_problem(tmp_path / "nowhere", "not-found")
    assert problem.file.endswith("nowhere")


def test_broken_yaml_points_at_the_line(tmp_path: Path) -> None:
    text = MINIMAL.replace("title: Child immigration detention", "title: [Child immigration detention")
    problem = only_problem(write(tmp_path, text), "yaml-syntax")
    assert problem.file == "framework.yaml"
    assert problem.line is not None
    assert problem.line >= line_of(text, "[Child immigration")


def test_duplicate_key_in_a_mapping(tmp_path: Path) -> None:
    text = MINIMAL.replace("    number: 5\n", "    number: 5\n    number: 6\n")
    problem = only_problem(write(tmp_path, text), "duplicate-key")
    assert problem.line == line_of(text, "number: 6")
    assert "number" in problem.message


def test_a_section_written_in_two_files(tmp_path: Path) -> None:
    write(tmp_path, MINIMAL, "a.yaml")
    write(tmp_path, "units:\n  - {code: NUMBER, label: Number}\n", "b.yaml")
    problem = only_problem(tmp_path, "duplicate-section")
    assert problem.file == "b.yaml"
    assert problem.line == 1


def test_missing_required_field(tmp_path: Path) -> None:
    text = MINIMAL.replace("        text: Progressively end the immigration detention of children.\n", "")
    problem = only_problem(write(tmp_path, text), "missing-field")
    assert problem.path == "topics[0].goals[0].text"
    assert "'text'" in problem.message
    assert problem.line == line_of(text, "- code: DET.1")


def test_unknown_field(tmp_path: Path) -> None:
    text = MINIMAL.replace("    type: structural\n", "    type: structural\n    colour: blue\n")
    problem = only_problem(write(tmp_path, text), "unknown-field")
    assert problem.line == line_of(text, "colour: blue")
    assert problem.path == "indicators[0].colour"


def test_invalid_value(tmp_path: Path) -> None:
    text = MINIMAL.replace("type: structural", "type: structual")
    problem = only_problem(write(tmp_path, text), "invalid-value")
    assert problem.line == line_of(text, "type: structual")
    assert "structual" in problem.message


@pytest.mark.parametrize("year", ["1820", "2300", "soon"])
def test_bad_year(tmp_path: Path, year: str) -> None:
    text = MINIMAL.replace("            target_year: 2030", f"            target_year: {year}")
    problem = only_problem(write(tmp_path, text), "bad-year")
    assert problem.path == "topics[0].goals[0].targets[0].target_year"
    assert problem.line == line_of(text, f"target_year: {year}")


def test_duplicate_code(tmp_path: Path) -> None:
    text = MINIMAL.replace("          - code: DET.T1", "          - code: DET.1")
    problem = only_problem(write(tmp_path, text), "duplicate-code")
    assert "'DET.1'" in problem.message
    assert problem.line == line_of(text, "          - code: DET.1")


def test_unknown_reference(tmp_path: Path) -> None:
    text = MINIMAL.replace("    goals: [DET.1]", "    goals: [DET.9]")
    problem = only_problem(write(tmp_path, text), "unknown-reference")
    assert "'DET.9'" in problem.message
    assert problem.path == "indicators[0].goals[0]"
    assert problem.line == line_of(text, "goals: [DET.9]")


def test_unknown_commitment_and_codelist(tmp_path: Path) -> None:
    text = MINIMAL.replace("commitments: [NYD-33]", "commitments: [NYD-99]").replace("[SEX]", "[GENDER]")
    framework, report = read_framework(write(tmp_path, text))
    assert framework is None
    assert report.codes() == ["unknown-reference", "unknown-reference"]


def test_bad_target_value_for_the_unit(tmp_path: Path) -> None:
    text = MINIMAL.replace('target_value: "YES"', 'target_value: "MAYBE"')
    problem = only_problem(write(tmp_path, text), "bad-target")
    assert problem.line == line_of(text, "MAYBE")


def test_target_value_without_a_year(tmp_path: Path) -> None:
    text = MINIMAL.replace("    target_year: 2030\n    goals", "    goals")
    problem = only_problem(write(tmp_path, text), "bad-target")
    assert "give both or neither" in problem.message


def test_every_problem_is_reported_not_just_the_first(tmp_path: Path) -> None:
    text = MINIMAL.replace("goals: [DET.1]", "goals: [DET.9]").replace("[SEX]", "[GENDER]")
    _, report = read_framework(write(tmp_path, text))
    assert len(report) == 2
    assert "2 problem(s)" in report.render()
