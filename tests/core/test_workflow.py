"""The workflow table on its own: every allowed move, and each refusal with its stable code."""

from __future__ import annotations

import pytest

from compactwatch.core.workflow import MoveRefused, Role, State, allowed_targets, check_move

S = State


def code(
    source: State,
    target: State,
    role: Role,
    *,
    in_scope: bool = True,
    is_author: bool = False,
    comment: str = "",
) -> str:
    with pytest.raises(MoveRefused) as refused:
        check_move(source, target, role=role, in_scope=in_scope, is_author=is_author, comment=comment)
    return refused.value.code


@pytest.mark.parametrize(
    ("source", "target", "role", "is_author", "comment"),
    [
        (S.DRAFT, S.SUBMITTED, Role.CONTRIBUTOR, True, ""),
        (S.RETURNED, S.SUBMITTED, Role.CONTRIBUTOR, True, ""),
        (S.SUBMITTED, S.RETURNED, Role.REVIEWER, False, "fix row 3"),
        (S.SUBMITTED, S.APPROVED, Role.REVIEWER, False, ""),
        (S.SUBMITTED, S.APPROVED, Role.ADMIN, False, ""),
        (S.APPROVED, S.PUBLISHED, Role.REVIEWER, False, ""),
        (S.PUBLISHED, S.WITHDRAWN, Role.ADMIN, False, "source retracted"),
    ],
)
def test_allowed_moves(source: State, target: State, role: Role, is_author: bool, comment: str) -> None:
    move = check_move(source, target, role=role, in_scope=True, is_author=is_author, comment=comment)
    assert (move.source, move.target) == (source, target)


def test_each_refusal_has_its_code() -> None:
    assert code(S.DRAFT, S.PUBLISHED, Role.ADMIN) == "move-not-allowed"
    assert code(S.SUBMITTED, S.APPROVED, Role.CONTRIBUTOR) == "role-not-allowed"
    assert code(S.DRAFT, S.SUBMITTED, Role.PUBLIC, is_author=True) == "role-not-allowed"
    assert code(S.SUBMITTED, S.APPROVED, Role.REVIEWER, in_scope=False) == "out-of-scope"
    assert code(S.SUBMITTED, S.APPROVED, Role.REVIEWER, is_author=True) == "own-submission"
    assert code(S.SUBMITTED, S.RETURNED, Role.ADMIN, is_author=True, comment="x") == "own-submission"
    assert code(S.DRAFT, S.SUBMITTED, Role.ADMIN) == "not-author"
    assert code(S.SUBMITTED, S.RETURNED, Role.REVIEWER, comment=" ") == "comment-required"
    assert code(S.PUBLISHED, S.WITHDRAWN, Role.REVIEWER) == "comment-required"


def test_buttons_offered_match_the_rules() -> None:
    assert allowed_targets(S.SUBMITTED, role=Role.REVIEWER, in_scope=True, is_author=False) == [
        S.RETURNED,
        S.APPROVED,
    ]
    assert allowed_targets(S.SUBMITTED, role=Role.REVIEWER, in_scope=True, is_author=True) == []
    assert allowed_targets(S.DRAFT, role=Role.CONTRIBUTOR, in_scope=True, is_author=True) == [S.SUBMITTED]
    assert allowed_targets(S.DRAFT, role=Role.REVIEWER, in_scope=True, is_author=False) == []
    assert allowed_targets(S.APPROVED, role=Role.CONTRIBUTOR, in_scope=True, is_author=True) == []
