"""`compactwatch users add|list|disable|token|reset-2fa`: manage the people who sign in."""

from __future__ import annotations

import sys
from typing import Any, TextIO

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from compactwatch.accounts.second_factor import reset_second_factor
from compactwatch.accounts.selectors import accounts
from compactwatch.accounts.services import AccountError, add_user, disable_user, invitation_path, issue_token
from compactwatch.core.workflow import Role

ROLES = [Role.ADMIN.value, Role.REVIEWER.value, Role.CONTRIBUTOR.value]


class Command(BaseCommand):
    stealth_options = ("stdin",)
    help = (
        "Manage accounts: add a person with a role and countries, list them, disable one, "
        "issue an API token, remove a lost authenticator app."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(
            dest="action", required=True, metavar="{add,list,disable,token,reset-2fa}"
        )
        add = actions.add_parser(
            "add", help="add a person; the password is read from standard input unless --invite is given"
        )
        add.add_argument("username", metavar="NAME")
        add.add_argument("--role", required=True, choices=ROLES)
        add.add_argument("--country", action="append", default=[], metavar="ISO3", help="repeat for more")
        add.add_argument("--email", default="")
        add.add_argument("--invite", action="store_true", help="print a one-time link that sets the password")
        add.add_argument(
            "--base-url", default="http://127.0.0.1:8000", help="site address for the invitation link"
        )
        actions.add_parser("list", help="list every account with its role and countries")
        disable = actions.add_parser("disable", help="disable an account and revoke its API tokens")
        disable.add_argument("username", metavar="NAME")
        token = actions.add_parser("token", help="issue an API token (shown once)")
        token.add_argument("username", metavar="NAME")
        token.add_argument("--name", default="", help="what the token is for")
        reset = actions.add_parser(
            "reset-2fa",
            help="remove a person's authenticator app (lost phone); they sign in with the password",
        )
        reset.add_argument("username", metavar="NAME")

    def handle(self, *args: Any, action: str, **options: Any) -> None:
        try:
            getattr(self, f"_{action.replace('-', '_')}")(**options)
        except AccountError as refused:
            raise CommandError(str(refused)) from None

    def _add(
        self, *, username: str, role: str, country: list[str], email: str, invite: bool, **options: Any
    ) -> None:
        password = None if invite else self._read_password(options.get("stdin") or sys.stdin)
        user = add_user(username, role=Role(role), countries=country, password=password, email=email)
        self.stdout.write(self.style.SUCCESS(f"added {user.username} as {role}"))
        if invite:
            self.stdout.write(options["base_url"].rstrip("/") + invitation_path(user))

    def _read_password(self, stdin: TextIO) -> str:
        password = stdin.readline().rstrip("\r\n")
        if not password:
            raise CommandError("give the password on standard input, or use --invite")
        return password

    def _list(self, **options: Any) -> None:
        for row in accounts():
            self.stdout.write(f"{row.username}\t{row.role}\t{row.countries}\tlast login: {row.last_login}")

    def _disable(self, *, username: str, **options: Any) -> None:
        disable_user(username)
        self.stdout.write(self.style.SUCCESS(f"disabled {username}; its API tokens are revoked"))

    def _token(self, *, username: str, name: str, **options: Any) -> None:
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"no user named {username!r}")
        self.stdout.write(issue_token(user, name=name))

    def _reset_2fa(self, *, username: str, **options: Any) -> None:
        removed = reset_second_factor(username)
        if removed:
            self.stdout.write(self.style.SUCCESS(f"removed the authenticator app of {username}"))
        else:
            self.stdout.write(f"{username} has no authenticator app; nothing changed")
