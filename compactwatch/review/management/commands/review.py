"""`compactwatch review list|move`: the review queue and workflow moves from the command line."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from compactwatch.core.workflow import MoveRefused, State
from compactwatch.review import selectors
from compactwatch.review.services import move


class Command(BaseCommand):
    help = "List what waits for review, or move an item through the workflow as a named user."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="{list,move}")
        listing = actions.add_parser("list", help="items waiting for review in the user's countries")
        listing.add_argument("--user", required=True, metavar="NAME", help="whose queue")
        moving = actions.add_parser("move", help="move one item, with the workflow rules of USER")
        moving.add_argument(
            "kind", metavar="KIND", help="app.model, e.g. review.datasubmission or practices.practice"
        )
        moving.add_argument("item_id", type=int, metavar="ID")
        moving.add_argument("target", choices=[state.value for state in State], metavar="STATE")
        moving.add_argument("--user", required=True, metavar="NAME", help="who makes the move")
        moving.add_argument("--comment", default="", help="needed to return or withdraw")

    def handle(self, *args: Any, action: str, user: str, **options: Any) -> None:
        actor = get_user_model().objects.filter(username=user).first()
        if actor is None:
            raise CommandError(f"no user named {user!r}")
        if action == "list":
            for row in selectors.rows(selectors.queue(actor)):
                meta = row.item._meta
                kind = f"{meta.app_label}.{meta.model_name}"
                self.stdout.write(f"{kind}\t{row.item.pk}\t{row.item.state}\t{row.countries}\t{row.item}")
            return
        self._move(actor, **options)

    def _move(
        self, actor: Any, *, kind: str, item_id: int, target: str, comment: str, **options: Any
    ) -> None:
        app_label, _, model_name = kind.lower().partition(".")
        model = selectors.reviewable_model(app_label, model_name)
        if model is None:
            raise CommandError(f"{kind!r} is not a reviewable kind (e.g. review.datasubmission)")
        item = selectors.visible_item(model, item_id, actor)
        if item is None:
            raise CommandError(f"no {kind} {item_id} that {actor.username} may see")
        try:
            transition = move(item, target, actor=actor, comment=comment, channel="cli")
        except MoveRefused as refused:
            raise CommandError(f"[{refused.code}] {refused.message}") from None
        self.stdout.write(self.style.SUCCESS(f"{item}: {transition.source} -> {transition.target}"))
