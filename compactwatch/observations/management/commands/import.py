"""`compactwatch import FILE... [--indicator CODE] [--source CODE] [--dry-run]`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from compactwatch.core.validation import InvalidInput
from compactwatch.observations.progress import progress_bar
from compactwatch.observations.services import import_files


class Command(BaseCommand):
    help = (
        "Check indicator data files (tidy CSV, SDMX-CSV, .xlsx, Data Package, Parquet) against the framework "
        "and import them: all files or none."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", type=Path, metavar="FILE")
        parser.add_argument("--indicator", help="indicator code, for files without an Indicator column")
        parser.add_argument("--source", help="source code, for files without a Source column")
        parser.add_argument("--dry-run", action="store_true", help="check and report; write nothing")

    def handle(
        self,
        *args: Any,
        files: list[Path],
        indicator: str | None,
        source: str | None,
        dry_run: bool,
        **options: Any,
    ) -> None:
        try:
            with progress_bar(self.stderr) as progress:
                outcome = import_files(
                    files, indicator=indicator, source=source, dry_run=dry_run, progress=progress
                )
        except InvalidInput as refused:
            raise CommandError(
                f"nothing was imported; the database is unchanged.\n{refused.report.render()}"
            ) from refused
        for file in outcome.files:
            self.stdout.write(file.summary())
        verb = "would add" if dry_run else "added"
        self.stdout.write(
            self.style.SUCCESS(
                f"{'dry run: ' if dry_run else ''}{outcome.rows_read} rows checked; {verb} {outcome.added}, "
                f"revised {outcome.revised}, unchanged {outcome.unchanged}"
            )
        )
