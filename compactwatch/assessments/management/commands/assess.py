"""`compactwatch assess [--indicator CODE] [--area ISO3]`: recompute the stored progress ratings."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from compactwatch.assessments.services import assess
from compactwatch.core.validation import InvalidInput


class Command(BaseCommand):
    help = "Recompute the stored progress ratings (all, or one indicator and/or one country)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--indicator", metavar="CODE", help="only this indicator")
        parser.add_argument("--area", metavar="ISO3", help="only this country or territory")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            outcome = assess(options["indicator"], options["area"])
        except InvalidInput as refused:
            raise CommandError(refused.report.render()) from refused
        self.stdout.write(outcome.summary())
