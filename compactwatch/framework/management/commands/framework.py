"""`compactwatch framework validate|load [PATH]`: check the framework YAML, or load it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from compactwatch.core.framework_checks import read_framework
from compactwatch.core.validation import InvalidInput
from compactwatch.framework.services import load_framework


class Command(BaseCommand):
    help = (
        "Check the monitoring framework (a folder of YAML files, or one file) or load it into the database."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="{validate,load}")
        for name, text in (
            ("validate", "check the framework and report every problem with its file and line"),
            ("load", "check the framework and make it the current version (refused if invalid)"),
        ):
            action = actions.add_parser(name, help=text, description=text)
            action.add_argument(
                "path",
                nargs="?",
                type=Path,
                default=settings.FRAMEWORK_DIR,
                help="folder of framework YAML files, or one file (default: the repository's framework/)",
            )

    def handle(self, *args: Any, action: str, path: Path, **options: Any) -> None:
        if action == "validate":
            framework, report = read_framework(path)
            if framework is None:
                raise CommandError(f"{path} is not a valid framework:\n{report.render()}")
            self.stdout.write(
                self.style.SUCCESS(
                    f"{path} is valid: framework {framework.version}, {len(framework.topics)} topics, "
                    f"{len(framework.goals())} goals, {len(framework.targets())} targets, "
                    f"{len(framework.indicators)} indicators, {len(framework.commitments)} commitments"
                )
            )
            return
        try:
            result = load_framework(path)
        except InvalidInput as refused:
            raise CommandError(
                f"{path} was not loaded; the database is unchanged:\n{refused.report.render()}"
            ) from refused
        self.stdout.write(self.style.SUCCESS(result.summary()))
