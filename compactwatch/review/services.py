"""The one way a reviewable item changes state: `move`.

The web pages, the API, the CLI and the admin all call `move`; it checks the workflow rules of
`compactwatch.core.workflow` with the actor's role, country scope and authorship, then saves the new state,
a `Transition` row and an audit event in one transaction (with the item's `after_move` hook inside it).
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from compactwatch.accounts.roles import role_of, scope_of
from compactwatch.core.workflow import Move, MoveRefused, Role, State, allowed_targets, check_move
from compactwatch.review.audit import record
from compactwatch.review.models import Reviewable, Transition
from compactwatch.review.text import text_problem

COMMENT_MAX = 2000


def is_author(item: Reviewable, actor: Any) -> bool:
    return item.author_id is not None and getattr(actor, "pk", None) == item.author_id


def actor_context(item: Reviewable, actor: Any) -> dict[str, Any]:
    """Role, scope and authorship of `actor` for `item`, as `check_move` takes them."""
    return {
        "role": role_of(actor),
        "in_scope": scope_of(actor).covers(item.country_codes()),
        "is_author": is_author(item, actor),
    }


def targets_for(item: Reviewable, actor: Any) -> list[State]:
    """The states `actor` could move `item` to now (for buttons)."""
    return allowed_targets(State(item.state), **actor_context(item, actor))


def check(item: Reviewable, target: State | str, *, actor: Any, comment: str = "") -> Move:
    """The move if allowed; `MoveRefused` (with a stable code) otherwise."""
    try:
        target_state = State(target)
    except ValueError:
        raise MoveRefused("unknown-state", f"{target!r} is not a workflow state") from None
    problem = text_problem(comment, field="comment", limit=COMMENT_MAX)
    if problem is not None:
        raise MoveRefused("bad-comment", problem)
    context = actor_context(item, actor)
    if context["role"] == Role.PUBLIC:
        raise MoveRefused("sign-in-required", "sign in to change the state of an item")
    return check_move(State(item.state), target_state, comment=comment, **context)


def move(
    item: Reviewable, target: State | str, *, actor: Any, comment: str = "", channel: str = ""
) -> Transition:
    """Move `item` to `target` for `actor`; raises `MoveRefused` and changes nothing if not allowed."""
    comment = comment.strip()
    with transaction.atomic():
        locked = type(item).objects.select_for_update().get(pk=item.pk)
        found = check(locked, target, actor=actor, comment=comment)
        locked.state = found.target.value
        locked.state_changed_at = timezone.now()
        locked.save(update_fields=["state", "state_changed_at"])
        transition = locked.transitions.create(
            actor=actor, source=found.source.value, target=found.target.value, comment=comment
        )
        locked.after_move(transition)
        record(
            locked,
            found.target.value,
            actor=actor,
            summary=f"{found.source.value} -> {found.target.value}" + (f": {comment}" if comment else ""),
            details={"transition": transition.pk},
            channel=channel,
        )
    item.refresh_from_db()
    return transition


def submit_public_contribution(item: Reviewable, *, channel: str = "web") -> Transition:
    """Submit a new item sent by someone without an account (the public practice form).

    Only a draft with no author qualifies; it becomes `submitted` with a transition by nobody.
    """
    if item.author_id is not None or item.state != State.DRAFT.value:
        raise MoveRefused("not-a-public-contribution", "only a new draft sent without an account qualifies")
    with transaction.atomic():
        item.state = State.SUBMITTED.value
        item.state_changed_at = timezone.now()
        item.save(update_fields=["state", "state_changed_at"])
        transition = item.transitions.create(
            actor=None, source=State.DRAFT.value, target=State.SUBMITTED.value
        )
        record(item, State.SUBMITTED.value, summary="sent through the public form", channel=channel)
    return transition


def publish_seed_entry(item: Reviewable, *, comment: str, channel: str) -> Transition:
    """Publish a new item that the repository's reviewed seed file holds (seed entries cite their source).

    Only a draft with no author qualifies: a seed file is reviewed like code, so its entries need no
    reviewer's move; the publication is a transition by nobody, with the file named in its comment.
    """
    if item.author_id is not None or item.state != State.DRAFT.value:
        raise MoveRefused("not-a-seed-entry", "only a new draft from a seed file qualifies")
    if not comment.strip():
        raise MoveRefused("comment-required", "say which seed file the entry comes from")
    with transaction.atomic():
        item.state = State.PUBLISHED.value
        item.state_changed_at = timezone.now()
        item.save(update_fields=["state", "state_changed_at"])
        transition = item.transitions.create(
            actor=None, source=State.DRAFT.value, target=State.PUBLISHED.value, comment=comment
        )
        record(item, State.PUBLISHED.value, summary=comment, channel=channel)
    return transition
