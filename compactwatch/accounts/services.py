"""Accounts: creating people with a role and countries, invitations, disabling, API tokens.

Every change is recorded in the audit trail.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from compactwatch.accounts.models import ApiToken, Profile
from compactwatch.areas.models import Area
from compactwatch.core.workflow import Role
from compactwatch.review.audit import record

User = get_user_model()
USERNAME_MAX = 150
TOKEN_BYTES = 32


class AccountError(Exception):
    """A refused account change, with a message saying what is wrong."""


def _areas(codes: Iterable[str]) -> list[Area]:
    wanted = {code.strip().upper() for code in codes}
    found = list(Area.objects.filter(iso3__in=wanted))
    unknown = wanted - {area.iso3 for area in found}
    if unknown:
        raise AccountError(f"unknown country code(s): {', '.join(sorted(unknown))} (use ISO 3166-1 alpha-3)")
    return found


def add_user(
    username: str,
    *,
    role: Role,
    countries: Iterable[str] = (),
    password: str | None = None,
    email: str = "",
    actor: Any = None,
) -> Any:
    """Create an account; without a password it cannot sign in until an invitation sets one."""
    username = username.strip()
    if not username or len(username) > USERNAME_MAX:
        raise AccountError(f"a user name needs 1 to {USERNAME_MAX} characters")
    if role == Role.PUBLIC:
        raise AccountError("the public has no accounts; choose admin, reviewer or contributor")
    areas = _areas(countries)
    if role == Role.CONTRIBUTOR and not areas:
        raise AccountError("a contributor needs at least one country (--country ISO3)")
    if User.objects.filter(username=username).exists():
        raise AccountError(f"a user named {username!r} already exists")
    with transaction.atomic():
        user = User(
            username=username, email=email, is_staff=role == Role.ADMIN, is_superuser=role == Role.ADMIN
        )
        if password is None:
            user.set_unusable_password()
        else:
            try:
                validate_password(password, user)
            except ValidationError as weak:
                raise AccountError(" ".join(weak.messages)) from None
            user.set_password(password)
        user.save()
        profile = Profile.objects.create(user=user, role=role.value)
        profile.countries.set(areas)
        record(user, "user-added", actor=actor, summary=f"{role.value}; countries: {_codes(areas)}")
    return user


def _codes(areas: Iterable[Area]) -> str:
    return ", ".join(sorted(area.iso3 for area in areas)) or "none"


def invitation_path(user: Any) -> str:
    """The one-time link (path) where `user` sets a password; it stops working once a password is set."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return reverse("accounts:invitation", args=[uid, default_token_generator.make_token(user)])


def disable_user(username: str, *, actor: Any = None) -> Any:
    user = User.objects.filter(username=username).first()
    if user is None:
        raise AccountError(f"no user named {username!r}")
    with transaction.atomic():
        user.is_active = False
        user.save(update_fields=["is_active"])
        ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=timezone.now())
        record(user, "user-disabled", actor=actor, summary="account disabled; API tokens revoked")
    return user


def digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def issue_token(user: Any, *, name: str = "", actor: Any = None) -> str:
    """A new API token for `user`, shown once; only its digest is stored."""
    if not user.is_active:
        raise AccountError(f"{user.username} is disabled")
    token = "cw_" + secrets.token_urlsafe(TOKEN_BYTES)
    with transaction.atomic():
        ApiToken.objects.create(user=user, name=name[:100], prefix=token[:8], digest=digest(token))
        record(user, "token-issued", actor=actor or user, summary=f"token {token[:8]}… {name}".strip())
    return token


def user_for_token(token: str) -> Any:
    """The active user a token belongs to, or None."""
    found = (
        ApiToken.objects.select_related("user")
        .filter(digest=digest(token), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if found is None:
        return None
    ApiToken.objects.filter(pk=found.pk).update(last_used_at=timezone.now())
    return found.user
