"""`compactwatch import FILE... [--indicator CODE] [--source CODE] [--areas MAPPING.csv] [--dry-run]`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from compactwatch.core.validation import InvalidInput
from compactwatch.observations.progress import progress_bar
from compactwatch.observations.services import area_mapping_file, import_files


class Command(BaseCommand):
    help = (
        "Check indicator data files (tidy CSV, SDMX-CSV, .xlsx, Data Package, Parquet) against the framework "
        "and import them: all files or none. Areas match by ISO3, ISO2 or M49 code, official name or a "
        "curated alias; any other area name refuses the import, with the nearest areas as suggestions."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", type=Path, metavar="FILE")
        parser.add_argument("--indicator", help="indicator code, for files without an Indicator column")
        parser.add_argument("--source", help="source code, for files without a Source column")
        parser.add_argument(
            "--areas",
            type=Path,
            metavar="MAPPING.csv",
            help="CSV with a header and the columns name, ISO3: the area each listed name stands for, as "
            "you choose it (for names the report refused, such as a suggestion you confirm)",
        )
        parser.add_argument(
            "--encoding",
            metavar="NAME",
            help="how text files are encoded when they have no byte-order mark (e.g. cp1252, latin-1); "
            "by default UTF-8, or Windows-1252 when the bytes cannot be UTF-8",
        )
        parser.add_argument("--dry-run", action="store_true", help="check and report; write nothing")

    def handle(
        self,
        *args: Any,
        files: list[Path],
        indicator: str | None,
        source: str | None,
        areas: Path | None,
        encoding: str | None,
        dry_run: bool,
        **options: Any,
    ) -> None:
        try:
            mapping = area_mapping_file(areas) if areas is not None else None
            with progress_bar(self.stderr) as progress:
                outcome = import_files(
                    files,
                    indicator=indicator,
                    source=source,
                    dry_run=dry_run,
                    progress=progress,
                    area_mapping=mapping,
                    encoding=encoding,
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
