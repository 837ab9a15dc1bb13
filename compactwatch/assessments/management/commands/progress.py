"""`compactwatch progress FILE.csv --direction ...`: what-if assessment of a tidy CSV, no database."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from compactwatch.core.progress import (
    METHODS,
    Direction,
    InvalidSeries,
    Series,
    Settings,
    Subject,
    Target,
    UnknownMethod,
    rate,
)
from compactwatch.core.progress.model import DEFAULT_BASE_YEAR


class Command(BaseCommand):
    help = "Assess the series in a tidy CSV (Year, Value) and print the status and its components."
    requires_system_checks: list[str] = []
    requires_migrations_checks = False

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="tidy CSV with Year and Value columns")
        parser.add_argument("--direction", required=True, choices=[d.value for d in Direction])
        parser.add_argument("--target", type=float, help="target value (needs --target-year)")
        parser.add_argument("--target-year", type=int, help="year the target is due")
        parser.add_argument("--base-year", type=int, default=DEFAULT_BASE_YEAR)
        parser.add_argument(
            "--method", choices=sorted(METHODS), help="default: statcan (absolute-change for 0)"
        )
        parser.add_argument("--limit", type=float, help="natural limit, e.g. 100 for a percentage")
        parser.add_argument("--unit", default="", help="PERCENT or NUMBER, for the explanation")
        parser.add_argument("--json", action="store_true", help="print JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        if (options["target"] is None) != (options["target_year"] is None):
            raise CommandError("--target and --target-year go together")
        series = read_series(options["file"])
        target = None if options["target"] is None else Target(options["target"], options["target_year"])
        settings = Settings(
            Direction(options["direction"]), target, options["base_year"], limit=options["limit"]
        )
        subject = Subject(options["file"].stem.replace("_", " ").capitalize(), options["unit"].upper())
        try:
            rating = rate(series, settings, subject, options["method"])
        except UnknownMethod as error:
            raise CommandError(str(error)) from error
        if options["json"]:
            self.stdout.write(json.dumps(rating.to_dict(), indent=2))
            return
        self.stdout.write(f"{rating.status.label} ({rating.method} {rating.components.version})")
        self.stdout.write(rating.explanation)
        for name, value in rating.components.to_dict().items():
            self.stdout.write(f"  {name}: {value}")


def read_series(path: Path) -> Series:
    if not path.is_file():
        raise CommandError(f"{path}: no such file")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        columns = {name.strip().lower(): name for name in reader.fieldnames or []}
        if "year" not in columns or "value" not in columns:
            raise CommandError(f"{path}: needs the columns Year and Value (found: {', '.join(columns)})")
        points = []
        for row_number, row in enumerate(reader, start=2):
            year, value = row[columns["year"]].strip(), row[columns["value"]].strip()
            if not value:
                continue
            try:
                points.append((int(year[:4]), float(value)))
            except ValueError:
                raise CommandError(
                    f"{path}, row {row_number}: {year!r}, {value!r} is not a year and a number"
                ) from None
    try:
        return Series.of(points)
    except InvalidSeries as error:
        raise CommandError(f"{path}: {error}") from error
