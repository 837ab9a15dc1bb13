"""The review workflow that data submissions and good practices share, as plain rules.

    draft -> submitted -> returned (with comments) -> submitted ...
                       -> approved -> published -> withdrawn

Which moves exist, which role may make each, and the rules on authorship (only its author submits an item;
nobody approves or returns their own submission) live here, without Django, so that the web, API, CLI and
admin (through one service in `compactwatch.review`) all obey the same table and the table can be tested
on its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class State(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    RETURNED = "returned"
    APPROVED = "approved"
    PUBLISHED = "published"
    WITHDRAWN = "withdrawn"


class Role(StrEnum):
    ADMIN = "admin"
    REVIEWER = "reviewer"
    CONTRIBUTOR = "contributor"
    PUBLIC = "public"


@dataclass(frozen=True, slots=True)
class Move:
    source: State
    target: State
    roles: frozenset[Role]
    needs_comment: bool = False
    by_author_allowed: bool = True
    author_only: bool = False


_AUTHORS = frozenset({Role.CONTRIBUTOR, Role.REVIEWER, Role.ADMIN})
_REVIEWERS = frozenset({Role.REVIEWER, Role.ADMIN})

MOVES: tuple[Move, ...] = (
    Move(State.DRAFT, State.SUBMITTED, _AUTHORS, author_only=True),
    Move(State.RETURNED, State.SUBMITTED, _AUTHORS, author_only=True),
    Move(State.SUBMITTED, State.RETURNED, _REVIEWERS, needs_comment=True, by_author_allowed=False),
    Move(State.SUBMITTED, State.APPROVED, _REVIEWERS, by_author_allowed=False),
    Move(State.APPROVED, State.PUBLISHED, _REVIEWERS),
    Move(State.PUBLISHED, State.WITHDRAWN, _REVIEWERS, needs_comment=True),
)


class MoveRefused(Exception):
    """A move the workflow does not allow; the message says why in words a user understands."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def find_move(source: State, target: State) -> Move:
    for move in MOVES:
        if move.source == source and move.target == target:
            return move
    allowed = ", ".join(m.target for m in MOVES if m.source == source) or "none"
    raise MoveRefused("move-not-allowed", f"cannot go from {source} to {target} (allowed: {allowed})")


def check_move(
    source: State,
    target: State,
    *,
    role: Role,
    in_scope: bool,
    is_author: bool,
    comment: str = "",
) -> Move:
    """The move, if `role` may make it now; otherwise `MoveRefused` with a stable code."""
    move = find_move(source, target)
    if role not in move.roles:
        raise MoveRefused("role-not-allowed", f"a {role} cannot move a {source} item to {target}")
    if not in_scope:
        raise MoveRefused("out-of-scope", "this item concerns a country outside your scope")
    if is_author and not move.by_author_allowed:
        raise MoveRefused("own-submission", "nobody may review their own submission")
    if move.author_only and not is_author:
        raise MoveRefused("not-author", "only the author of an item may submit it")
    if move.needs_comment and not comment.strip():
        raise MoveRefused("comment-required", f"moving to {target} needs a comment saying why")
    return move


def allowed_targets(source: State, *, role: Role, in_scope: bool, is_author: bool) -> list[State]:
    """The moves a person could make now, for buttons on a page (comment rules checked on submit)."""
    targets = []
    for move in MOVES:
        if move.source != source:
            continue
        try:
            check_move(source, move.target, role=role, in_scope=in_scope, is_author=is_author, comment="-")
        except MoveRefused:
            continue
        targets.append(move.target)
    return targets


PUBLIC_STATES = frozenset({State.PUBLISHED})
