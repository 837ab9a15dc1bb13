"""Reads about accounts: who exists, with which role and countries."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model

from compactwatch.accounts.roles import role_of, scope_of


@dataclass(frozen=True)
class AccountRow:
    username: str
    role: str
    countries: str
    active: bool
    last_login: str


def accounts() -> list[AccountRow]:
    users = get_user_model().objects.order_by("username").select_related("profile")
    return [
        AccountRow(
            user.username,
            role_of(user).value if user.is_active else "disabled",
            scope_of(user).label() if user.is_active else "-",
            user.is_active,
            f"{user.last_login:%Y-%m-%d %H:%M}" if user.last_login else "never",
        )
        for user in users
    ]
