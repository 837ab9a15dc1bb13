"""The one way practices change: create, edit, contribute (public form and API), and load the seed file.

State changes go through `compactwatch.review.services` (the workflow); this module writes a practice's
content, keeps its search index in step (`compactwatch.practices.search`) and records each change in the
audit trail, all in one transaction: bad input is refused whole and changes nothing.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.db import transaction

from compactwatch.accounts.roles import role_of
from compactwatch.core.workflow import MoveRefused, Role, State
from compactwatch.practices.models import Practice, PracticeSource, PracticeTargetGroup
from compactwatch.practices.search import index_practice, unindex_practice
from compactwatch.practices.validation import (
    ContributorData,
    PracticeData,
    PracticeInvalid,
    validate_contributor,
    validate_practice,
)
from compactwatch.review.audit import record
from compactwatch.review.services import move, submit_public_contribution

CONTRIBUTIONS_PER_ADDRESS = 5
CONTRIBUTION_WINDOW_SECONDS = 60 * 60
TOO_MANY = "too-many-contributions"
EDITABLE_STATES = frozenset({State.DRAFT.value, State.RETURNED.value})


class ContributionRefused(Exception):
    """A contribution refused before it is read (rate limit, honeypot); `code` is stable."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def write_content(practice: Practice, data: PracticeData) -> Practice:
    """Save `data` as the practice's content and re-index it; call inside a service's transaction."""
    for name, value in data.text.items():
        setattr(practice, name, value)
    practice.level = data.level
    practice.status = data.status
    practice.licence = data.licence
    practice.start_year = data.start_year
    practice.end_year = data.end_year
    practice.links = data.links
    practice.save()
    practice.countries.set(data.countries)
    practice.topics.set(data.topics)
    practice.policy_areas.set(data.policy_areas)
    practice.gcm_objectives.set(data.gcm_objectives)
    practice.gcm_principles.set(data.gcm_principles)
    practice.target_groups.all().delete()
    PracticeTargetGroup.objects.bulk_create(
        PracticeTargetGroup(practice=practice, code=code) for code in data.target_groups
    )
    practice.sources.all().delete()
    PracticeSource.objects.bulk_create(
        PracticeSource(practice=practice, position=position, **vars(source))
        for position, source in enumerate(data.sources)
    )
    index_practice(practice)
    return practice


def create_practice(data: PracticeData, *, author: Any = None, channel: str = "web") -> Practice:
    """A new draft practice with `data`, written by `author` (None: sent without an account)."""
    with transaction.atomic():
        practice = write_content(Practice(author=author if _has_account(author) else None), data)
        record(practice, "created", actor=author, summary="new draft", channel=channel)
    return practice


def update_practice(practice: Practice, data: PracticeData, *, actor: Any, channel: str = "web") -> Practice:
    """Replace the content of a draft or returned practice; only its author may."""
    if practice.state not in EDITABLE_STATES:
        raise MoveRefused("not-editable", f"a {practice.state} practice cannot be edited")
    if practice.author_id is None or getattr(actor, "pk", None) != practice.author_id:
        raise MoveRefused("not-author", "only the author of a practice may edit it")
    with transaction.atomic():
        write_content(practice, data)
        record(practice, "edited", actor=actor, summary="content replaced", channel=channel)
    return practice


def delete_practice(practice: Practice, *, actor: Any, channel: str = "admin") -> None:
    with transaction.atomic():
        record(practice, "deleted", actor=actor, summary=f"deleted: {practice.title}", channel=channel)
        practice_id = practice.pk
        practice.delete()
        unindex_practice(practice_id)


def _has_account(user: Any) -> bool:
    return role_of(user) != Role.PUBLIC


@dataclass(frozen=True)
class Contribution:
    practice: Practice
    reference: str


def _rate_key(address: str) -> str:
    return f"practice-contributions:{address}"


def check_contribution_allowed(address: str, honeypot: str) -> None:
    """Refuse a contribution from a bot (honeypot filled) or from an address that sent too many."""
    if honeypot.strip():
        raise ContributionRefused(
            "spam-suspected", "This form was filled in automatically; nothing was saved."
        )
    if int(cache.get(_rate_key(address), 0)) >= CONTRIBUTIONS_PER_ADDRESS:
        raise ContributionRefused(
            TOO_MANY,
            f"At most {CONTRIBUTIONS_PER_ADDRESS} practices an hour can be sent from one address; "
            "please try again later.",
        )


def _count_contribution(address: str) -> None:
    key = _rate_key(address)
    if not cache.add(key, 1, CONTRIBUTION_WINDOW_SECONDS):
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, CONTRIBUTION_WINDOW_SECONDS)


def contribute(
    raw: Mapping[str, Any],
    contact: Mapping[str, Any],
    *,
    user: Any,
    address: str,
    honeypot: str = "",
    channel: str = "web",
) -> Contribution:
    """Take a practice from the public form or API and submit it for review, all or nothing.

    Someone without an account gives contact details (kept for reviewers only); a signed-in contributor
    submits as the author, within their country scope. Either way the sender gets an unguessable
    reference to follow the practice's status.
    """
    check_contribution_allowed(address, honeypot)
    data = validate_practice(raw)
    signed_in = _has_account(user)
    contributor = None if signed_in else validate_contributor(contact)
    with transaction.atomic():
        practice = _create_contribution(data, contributor, user if signed_in else None, channel)
        if signed_in:
            move(practice, State.SUBMITTED, actor=user, comment="", channel=channel)
        else:
            submit_public_contribution(practice, channel=channel)
    _count_contribution(address)
    practice.refresh_from_db()
    return Contribution(practice, practice.reference or "")


def _create_contribution(
    data: PracticeData, contributor: ContributorData | None, author: Any, channel: str
) -> Practice:
    practice = Practice(author=author, reference=secrets.token_urlsafe(24))
    if contributor is not None:
        practice.contributor_name = contributor.name
        practice.contributor_email = contributor.email
        practice.contributor_organisation = contributor.organisation
    write_content(practice, data)
    record(practice, "created", actor=author, summary="sent for review", channel=channel)
    return practice


def contribution_for_reference(reference: str) -> Practice | None:
    if not reference or len(reference) > 64:
        return None
    return Practice.objects.filter(reference=reference).first()


__all__ = [
    "Contribution",
    "ContributionRefused",
    "PracticeInvalid",
    "contribute",
    "create_practice",
    "delete_practice",
    "update_practice",
]
