"""A person's role and country scope, as the workflow rules need them.

- Anonymous, inactive or profile-less users are the public, and so is a web session of someone with a
  second factor who has not given its code yet.
- Superusers without a profile are admins.
- Admins cover every country; reviewers cover their countries, or every country if none is set;
  contributors cover only their countries.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ObjectDoesNotExist

from compactwatch.accounts.second_factor import awaiting_second_factor
from compactwatch.core.workflow import Role


@dataclass(frozen=True)
class Scope:
    every_country: bool
    countries: frozenset[str]

    def covers(self, codes: Iterable[str]) -> bool:
        """Whether every one of `codes` is in scope; no codes is covered only by an every-country scope."""
        wanted = set(codes)
        if self.every_country:
            return True
        return bool(wanted) and wanted <= self.countries

    def label(self) -> str:
        return "every country" if self.every_country else (", ".join(sorted(self.countries)) or "no country")


NO_SCOPE = Scope(False, frozenset())


def _signed_in(user: Any) -> bool:
    return (
        user is not None
        and getattr(user, "is_authenticated", False)
        and user.is_active
        and not awaiting_second_factor(user)
    )


def _profile(user: Any) -> Any:
    if not _signed_in(user):
        return None
    try:
        return user.profile
    except ObjectDoesNotExist:
        return None


def role_of(user: Any) -> Role:
    profile = _profile(user)
    if profile is not None:
        return Role(profile.role)
    if _signed_in(user) and user.is_superuser:
        return Role.ADMIN
    return Role.PUBLIC


def scope_of(user: Any) -> Scope:
    role = role_of(user)
    if role == Role.ADMIN:
        return Scope(True, frozenset())
    if role == Role.PUBLIC:
        return NO_SCOPE
    countries = frozenset(user.profile.countries.values_list("iso3", flat=True))
    if role == Role.REVIEWER and not countries:
        return Scope(True, frozenset())
    return Scope(False, countries)


def is_reviewer(user: Any) -> bool:
    return role_of(user) in {Role.REVIEWER, Role.ADMIN}
