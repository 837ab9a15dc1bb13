"""Every kind of framework problem is reported with its code, file and line, and refuses the framework."""

from __future__ import annotations

from pathlib import Path

import pytest

from compactwatch.core.codelists import age_span, code_parents
from compactwatch.core.framework import Code_, RateDerivation
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


# --- Nested codes and derived rates -----------------------------------------------------------------

NESTED_CODELISTS = """\
codelists:
  - code: SEX
    title: Sex
    codes:
      - {code: _T, label: Total}
      - {code: F, label: Female}
  - code: DECISION
    title: Decision
    codes:
      - {code: _T, label: All outcomes}
      - {code: GRANT_PROT, label: Grant of protection}
      - {code: REF_PERM, label: Refugee status, parent: GRANT_PROT}
      - {code: HUM_PROT, label: Humanitarian protection, parent: GRANT_PROT}
      - {code: GRANT_OTH, label: Grant of other leave}
      - {code: REFUSED, label: Refused}
  - code: AGE
    title: Age
    codes:
      - {code: _T, label: All ages}
      - {code: Y_LT18, label: Under 18}
      - {code: Y12T17, label: 12 to 17, parent: Y_LT18}
      - {code: Y12T16, label: 12 to 16, parent: Y12T17}
      - {code: Y17, label: "17", parent: Y12T17}
      - {code: Y15T17, label: 15 to 17, standalone: true}
      - {code: _U, label: Unknown age}
units:
  - {code: PERCENT, label: Percent}
  - {code: NUMBER, label: Number}
  - {code: YES_PARTIAL_NO, label: "Yes / partly / no"}
"""

RATE_INDICATORS = """\
  - code: decisions
    title: Asylum decisions
    definition: Outcomes of asylum applications.
    type: context
    unit: NUMBER
    direction: none
    goals: [DET.1]
    disaggregations: [DECISION, SEX]
    provenance: {kind: compactwatch}
  - code: grant-rate
    title: Grant rate
    definition: Grants over grants and refusals.
    type: outcome
    unit: PERCENT
    direction: increase
    goals: [DET.1]
    disaggregations: [SEX]
    derived_from:
      indicator: decisions
      numerator: {DECISION: [GRANT_PROT, GRANT_OTH]}
      denominator: {DECISION: [GRANT_PROT, GRANT_OTH, REFUSED]}
      per: 100
    provenance: {kind: compactwatch}
"""


def nested(replacements: tuple[tuple[str, str], ...] = ()) -> str:
    start, end = MINIMAL.index("codelists:"), MINIMAL.index("topics:")
    text = MINIMAL[:start] + NESTED_CODELISTS + MINIMAL[end:] + RATE_INDICATORS
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new)
    return text


def test_nested_codes_and_a_derived_rate_are_valid(tmp_path: Path) -> None:
    framework, report = read_framework(write(tmp_path, nested()))
    assert report.ok, report.render()
    assert framework is not None
    decision = framework.codelist("DECISION")
    assert decision is not None
    assert code_parents(decision) == {
        "GRANT_PROT": "_T",
        "REF_PERM": "GRANT_PROT",
        "HUM_PROT": "GRANT_PROT",
        "GRANT_OTH": "_T",
        "REFUSED": "_T",
    }
    rate = framework.indicator("grant-rate")
    assert rate is not None
    assert rate.derived_from is not None
    assert rate.derived_from.denominator == {"DECISION": ["GRANT_PROT", "GRANT_OTH", "REFUSED"]}


def test_a_parent_that_is_not_a_code_of_the_codelist(tmp_path: Path) -> None:
    text = nested((("parent: GRANT_PROT}\n      - {code: HUM", "parent: GRANTED}\n      - {code: HUM"),))
    problem = only_problem(write(tmp_path, text), "unknown-parent")
    assert problem.path == "codelists[1].codes[2].parent"
    assert problem.line == line_of(text, "parent: GRANTED")
    assert "'GRANTED'" in problem.message
    assert "REF_PERM" in problem.message


def test_a_parent_from_another_codelist_is_unknown(tmp_path: Path) -> None:
    text = nested((("{code: F, label: Female}", "{code: F, label: Female, parent: Y_LT18}"),))
    problem = only_problem(write(tmp_path, text), "unknown-parent")
    assert problem.path == "codelists[0].codes[1].parent"


def test_the_total_has_no_parent(tmp_path: Path) -> None:
    text = nested((("{code: _T, label: All outcomes}", "{code: _T, label: All outcomes, parent: REFUSED}"),))
    problem = only_problem(write(tmp_path, text), "bad-parent")
    assert problem.path == "codelists[1].codes[0].parent"
    assert problem.line == line_of(text, "parent: REFUSED")


def test_parents_that_go_round_in_a_circle(tmp_path: Path) -> None:
    text = nested(
        (
            (
                "{code: GRANT_PROT, label: Grant of protection}",
                "{code: GRANT_PROT, label: G, parent: REF_PERM}",
            ),
        )
    )
    framework, report = read_framework(write(tmp_path, text))
    assert framework is None
    assert report.codes() == ["parent-cycle"]
    problem = next(iter(report))
    assert problem.path == "codelists[1].codes[1].parent"
    assert "GRANT_PROT > REF_PERM > GRANT_PROT" in problem.message


def test_a_code_that_is_its_own_parent(tmp_path: Path) -> None:
    text = nested((("{code: REFUSED, label: Refused}", "{code: REFUSED, label: Refused, parent: REFUSED}"),))
    problem = only_problem(write(tmp_path, text), "parent-cycle")
    assert problem.path == "codelists[1].codes[5].parent"
    assert "REFUSED > REFUSED" in problem.message


def test_a_standalone_code_has_no_parent_and_no_children(tmp_path: Path) -> None:
    with_parent = nested((("standalone: true}", "standalone: true, parent: Y_LT18}"),))
    assert only_problem(write(tmp_path, with_parent), "bad-parent").path == "codelists[2].codes[5].parent"
    under_it = nested(
        (('{code: Y17, label: "17", parent: Y12T17}', '{code: Y17, label: "17", parent: Y15T17}'),)
    )
    problem = only_problem(write(tmp_path, under_it), "bad-parent")
    assert problem.path == "codelists[2].codes[4].parent"
    assert "standalone" in problem.message


def test_overlapping_age_bands_under_one_parent_are_refused(tmp_path: Path) -> None:
    text = nested((("standalone: true}", "parent: Y12T17}"),))
    framework, report = read_framework(write(tmp_path, text))
    assert framework is None
    assert report.codes() == ["overlapping-codes", "overlapping-codes"]
    problems = list(report)
    assert [p.path for p in problems] == ["codelists[2].codes[5].parent"] * 2
    assert "Y15T17 and Y12T16 overlap" in problems[0].message
    assert "Y15T17 and Y17 overlap" in problems[1].message
    assert problems[0].line == line_of(text, "{code: Y15T17")


def test_an_age_band_outside_its_parent_is_refused(tmp_path: Path) -> None:
    text = nested((("{code: _U, label: Unknown age}", "{code: Y_GE18, label: Adults, parent: Y_LT18}"),))
    problem = only_problem(write(tmp_path, text), "bad-parent")
    assert problem.path == "codelists[2].codes[6].parent"
    assert "Y_GE18 is not an age band within Y_LT18" in problem.message


def test_units_are_not_nested(tmp_path: Path) -> None:
    text = nested((("{code: NUMBER, label: Number}", "{code: NUMBER, label: Number, parent: PERCENT}"),))
    assert only_problem(write(tmp_path, text), "bad-parent").path == "units[1]"


def test_a_derivation_from_an_unknown_indicator(tmp_path: Path) -> None:
    text = nested((("indicator: decisions", "indicator: decided"),))
    problem = only_problem(write(tmp_path, text), "unknown-reference")
    assert problem.path == "indicators[2].derived_from.indicator"
    assert problem.line == line_of(text, "indicator: decided")
    assert "'decided'" in problem.message


def test_a_derivation_naming_an_unknown_code(tmp_path: Path) -> None:
    text = nested((("[GRANT_PROT, GRANT_OTH, REFUSED]", "[GRANT_PROT, GRANT_OTH, REFUSAL]"),))
    problem = only_problem(write(tmp_path, text), "unknown-reference")
    assert problem.path == "indicators[2].derived_from.denominator.DECISION[2]"
    assert problem.line == line_of(text, "REFUSAL")
    assert "'REFUSAL' is not a code of codelist DECISION" in problem.message


def test_a_derivation_naming_an_unknown_dimension(tmp_path: Path) -> None:
    text = nested(
        (
            ("numerator: {DECISION:", "numerator: {OUTCOME:"),
            ("denominator: {DECISION:", "denominator: {OUTCOME:"),
        )
    )
    _, report = read_framework(write(tmp_path, text))
    assert report.codes() == ["unknown-reference", "unknown-reference"]
    assert [p.path for p in report] == [
        "indicators[2].derived_from.numerator.OUTCOME",
        "indicators[2].derived_from.denominator.OUTCOME",
    ]


def test_numerator_and_denominator_select_one_and_the_same_dimension(tmp_path: Path) -> None:
    text = nested(
        (("denominator: {DECISION: [GRANT_PROT, GRANT_OTH, REFUSED]}", "denominator: {AGE: [_T]}"),)
    )
    problem = only_problem(write(tmp_path, text), "bad-derivation")
    assert problem.path == "indicators[2].derived_from"
    assert "one and the same dimension, not (['DECISION'], ['AGE'])" in problem.message


@pytest.mark.parametrize(
    ("old", "new", "path", "words"),
    [
        ("per: 100", "per: 1000", "indicators[2].derived_from.per", "makes a PER_1000 figure"),
        (
            "numerator: {DECISION: [GRANT_PROT, GRANT_OTH]}",
            "numerator: {DECISION: [GRANT_PROT, REF_PERM]}",
            "indicators[2].derived_from.numerator.DECISION[1]",
            "REF_PERM and GRANT_PROT overlap",
        ),
        (
            "denominator: {DECISION: [GRANT_PROT, GRANT_OTH, REFUSED]}",
            "denominator: {DECISION: [GRANT_PROT, REFUSED]}",
            "indicators[2].derived_from.numerator.DECISION",
            "DECISION=GRANT_OTH is not within the denominator",
        ),
        (
            "    disaggregations: [SEX]\n    derived_from",
            "    disaggregations: [SEX, AGE]\n    derived_from",
            "indicators[2].disaggregations[1]",
            "broken down by AGE, but its source decisions is not",
        ),
        (
            "    disaggregations: [SEX]\n    derived_from",
            "    disaggregations: [DECISION]\n    derived_from",
            "indicators[2].disaggregations[0]",
            "broken down by DECISION, which its numerator or denominator fixes",
        ),
        (
            "    type: context\n    unit: NUMBER",
            "    type: context\n    unit: PERCENT",
            "indicators[2].derived_from.indicator",
            "not a count (unit PERCENT)",
        ),
        (
            "indicator: decisions",
            "indicator: grant-rate",
            "indicators[2].derived_from.indicator",
            "from itself",
        ),
    ],
)
def test_a_derivation_that_cannot_be_computed(
    tmp_path: Path, old: str, new: str, path: str, words: str
) -> None:
    text = nested(((old, new),))
    _, report = read_framework(write(tmp_path, text))
    found = [p for p in report if p.code == "bad-derivation" and p.path == path]
    assert found, report.render()
    assert words in found[0].message


def test_a_rate_derivation_lists_the_cells_it_is_made_of(tmp_path: Path) -> None:
    framework, _ = read_framework(write(tmp_path, nested()))
    assert framework is not None
    rate = framework.indicator("grant-rate")
    assert rate is not None
    assert rate.derived_from is not None
    derivation = RateDerivation.declared("grant-rate", rate.derived_from)
    assert derivation == RateDerivation(
        indicator="grant-rate",
        source="decisions",
        numerator={"DECISION": ("GRANT_PROT", "GRANT_OTH")},
        denominator={"DECISION": ("GRANT_PROT", "GRANT_OTH", "REFUSED")},
        per=100,
    )
    assert derivation.parts() == (
        ("DECISION", "GRANT_PROT"),
        ("DECISION", "GRANT_OTH"),
        ("DECISION", "REFUSED"),
    )
    assert derivation.numerator_parts() == (("DECISION", "GRANT_PROT"), ("DECISION", "GRANT_OTH"))
    assert derivation.dimensions == {"DECISION"}


def test_fields_left_at_their_default_are_not_written_to_the_snapshot() -> None:
    """A framework that nests nothing dumps, and so hashes, as it did before codes could nest."""
    assert Code_(code="F", label="Female").model_dump(mode="json") == {
        "code": "F",
        "label": "Female",
        "aliases": [],
        "description": None,
    }
    nested_code = Code_(code="Y17", label="17", parent="Y12T17").model_dump(mode="json")
    assert nested_code["parent"] == "Y12T17"
    assert "standalone" not in nested_code


@pytest.mark.parametrize(
    ("code", "span"),
    [
        ("Y12T16", (144, 204)),
        ("Y17", (204, 216)),
        ("Y_LT18", (0, 216)),
        ("Y_GE18", (216, float("inf"))),
        ("M12T23", (12, 24)),
        ("_T", (0, float("inf"))),
        ("_U", None),
    ],
)
def test_age_codes_spell_out_their_months(code: str, span: tuple[int, float] | None) -> None:
    assert age_span(code) == span
