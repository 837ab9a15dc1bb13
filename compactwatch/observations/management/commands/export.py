"""`compactwatch export --format FORMAT [--indicator CODE] [--area ISO3] [-o PATH|-]`."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from compactwatch.core.formats import FORMATS
from compactwatch.observations.exports import default_name, export


class Command(BaseCommand):
    help = (
        "Export published data (small counts withheld) as tidy CSV, SDMX-CSV, Excel, Data Package or Parquet."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--format", required=True, choices=FORMATS)
        parser.add_argument("--indicator", help="only this indicator")
        parser.add_argument("--area", help="only this area (ISO3)")
        parser.add_argument(
            "-o",
            "--output",
            help="file or folder to write; '-' for standard output (a data package is written as a .zip)",
        )

    def handle(
        self,
        *args: Any,
        format: str,
        indicator: str | None,
        area: str | None,
        output: str | None,
        **options: Any,
    ) -> None:
        target = output or default_name(format)
        try:
            rows = export(format, target, indicator=indicator, area=area)
        except ValueError as error:
            raise CommandError(str(error)) from error
        if target != "-":
            self.stderr.write(f"{rows} rows written to {target}")
