"""The framework file carries the coalition's goals and targets and UNICEF's policy areas word for word.

The source documents are kept in tests/fixtures/seeds/ so this runs on a fresh clone.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from compactwatch.core.framework import Framework
from compactwatch.core.framework_checks import read_framework

SEEDS = Path(__file__).parent.parent / "fixtures" / "seeds"

# The opening words of every goal and target in the coalition's paper, topic by topic, in the paper's order.
COALITION_GOALS = {
    "non-discrimination": [
        "Adopt and implement measures to reduce xenophobia, racism and discrimination",
        "Take action to improve access for child refugees and migrants to education",
    ],
    "best-interests": ["Ensure that decisions concerning all children on the move"],
    "child-protection": ["Provide children with adequate social and legal services"],
    "durable-solutions": [
        "Adopt and implement procedures for determining what should happen",
        "Agree and implement durable solutions for all unaccompanied",
        "Abandon the practice of issuing residence permits",
        "Agree an internationally-recognized procedure for monitoring returns",
    ],
    "detention": ["Progressively end the immigration detention of children."],
    "access-to-services": [
        "Grant refugee and migrant children access to adequate shelter",
        "Put special measures in place to ensure the inclusion of vulnerable children",
        "Collect accurate and comprehensive disaggregated data",
        "Grant access to health services to all children affected by migration",
        "Strengthen and build resilient health systems",
        "Make MHPSS part of the",
    ],
}
COALITION_TARGETS = {
    "non-discrimination": [
        "By 2020, all provisions which discriminate against or between categories",
        "Achievement of universal birth registration among children on the move",
        "50% increase in access to legal identity by 2020",
        "By 2020, all States ensure that specific measures are in place",
    ],
    "detention": [
        "Enact legislation and/or policies to protect refugee and migrant children",
        "Implement alternatives to detention that fulfil the best interests",
    ],
}


def normalise(text: str) -> str:
    """Undo the paper's layout: bullets, line breaks (also inside hyphenated words) and repeated spaces."""
    text = text.replace("•", " ").replace("\u00a0", " ")
    text = re.sub(r"-[ \t]*\n\s*", "-", text)
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="module")
def framework() -> Framework:
    from django.conf import settings

    loaded, report = read_framework(Path(settings.FRAMEWORK_DIR))
    assert loaded is not None, report.render()
    return loaded


@pytest.fixture(scope="module")
def paper() -> str:
    return normalise((SEEDS / "coalition_framework_003.txt").read_text(encoding="utf-8"))


def test_six_topics_in_the_papers_order(framework: Framework) -> None:
    assert [topic.code for topic in framework.topics] == list(COALITION_GOALS)
    assert [topic.number for topic in framework.topics] == [1, 2, 3, 4, 5, 6]


def test_every_goal_of_the_paper_word_for_word(framework: Framework, paper: str) -> None:
    for topic in framework.topics:
        openings = COALITION_GOALS[topic.code]
        assert len(topic.goals) == len(openings), topic.code
        for goal, opening in zip(topic.goals, openings, strict=True):
            text = normalise(goal.text)
            assert text.startswith(opening), (goal.code, text)
            assert text in paper, f"goal {goal.code} is not word for word: {text!r}"
            assert goal.provenance.kind == "coalition"


def test_every_target_of_the_paper_word_for_word(framework: Framework, paper: str) -> None:
    for topic in framework.topics:
        targets = [target for goal in topic.goals for target in goal.targets]
        openings = COALITION_TARGETS.get(topic.code, [])
        assert sorted(normalise(t.text)[:40] for t in targets) == sorted(o[:40] for o in openings), topic.code
        for target in targets:
            text = normalise(target.text)
            assert text in paper, f"target {target.code} is not word for word: {text!r}"
            assert target.provenance.kind == "coalition"


def test_dated_targets_carry_their_year(framework: Framework) -> None:
    def year_of(opening: str) -> int | None:
        (target,) = [t for t in framework.targets() if normalise(t.text).startswith(opening)]
        return target.target_year

    assert year_of("Achievement of universal birth registration") == 2020
    assert year_of("50% increase in access to legal identity") == 2024


def test_explanations_are_word_for_word(framework: Framework, paper: str) -> None:
    explained = [goal for goal in framework.goals() if goal.explanation]
    assert explained, "the child-protection goal's explanation is in the paper"
    for goal in explained:
        assert normalise(goal.explanation or "") in paper, goal.code


def test_unicef_policy_areas_word_for_word(framework: Framework) -> None:
    agenda = normalise((SEEDS / "unicef_agenda_004.txt").read_text(encoding="utf-8"))
    areas = framework.policy_areas
    assert [area.number for area in areas] == [1, 2, 3, 4, 5, 6]
    for area in areas:
        assert normalise(area.title) in agenda, area.code
        assert area.provenance.kind == "unicef"


def test_new_york_declaration_commitments_with_paragraphs(framework: Framework, paper: str) -> None:
    paragraphs = {commitment.paragraph for commitment in framework.commitments}
    assert {"26", "32", "33"} <= paragraphs
    assert any("Annex I" in (c.paragraph or "") or "Annex I" in c.code for c in framework.commitments)
    for topic in framework.topics:
        assert topic.commitments, f"topic {topic.code} quotes the New York Declaration"


def test_every_goal_is_measured_and_every_element_says_where_it_comes_from(framework: Framework) -> None:
    measured = {goal for indicator in framework.indicators for goal in indicator.goals}
    assert {goal.code for goal in framework.goals()} <= measured
    kinds = {indicator.provenance.kind for indicator in framework.indicators}
    assert {"official", "compactwatch"} <= kinds
    types = {indicator.type for indicator in framework.indicators}
    assert {"structural", "process", "outcome"} <= types


def test_indicator_targets_named_in_the_issue(framework: Framework) -> None:
    indicators = {indicator.code: indicator for indicator in framework.indicators}
    birth = indicators["birth-registration"]
    assert (birth.official_code, birth.target_value, birth.target_year) == ("16.9.1", 100, 2020)
    assert indicators["legal-identity"].target_year == 2024
    detention = indicators["children-entering-detention"]
    assert (detention.target_value, detention.direction) == (0, "decrease")
    assert indicators["school-completion"].official_code == "4.1.2"


def test_reference_frameworks_are_complete(framework: Framework) -> None:
    assert len(framework.gcm_objectives) == 23
    assert len(framework.gcm_principles) == 10
    assert len(framework.gcr_objectives) == 4
    codes = {target.code for target in framework.sdg_targets}
    assert {"SDG3.8", "SDG16.9"} <= codes
