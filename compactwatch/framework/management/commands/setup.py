"""`compactwatch setup`: prepare the database and static files; running it again is harmless."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from compactwatch.areas.services import load_areas
from compactwatch.assessments.services import assess
from compactwatch.core.validation import InvalidInput
from compactwatch.framework.services import load_framework
from compactwatch.observations.bundled import load_bundled_data
from compactwatch.practices.seeds import SEED_FILE, load_seed_practices
from compactwatch.settings import prepare_data_dir


class Command(BaseCommand):
    help = "Migrate the database, load areas, the framework and the bundled data, and collect static files."

    def handle(self, *args: Any, **options: Any) -> None:
        steps: list[tuple[str, Callable[[], str]]] = [
            ("database schema", self._migrate),
            ("areas and M49 groupings", lambda: load_areas().summary()),
            ("framework", lambda: load_framework(settings.FRAMEWORK_DIR).summary()),
            ("bundled real data", self._bundled_data),
            ("progress ratings", lambda: assess().summary()),
            ("good practices", lambda: load_seed_practices(SEED_FILE)),
            ("static files", self._collectstatic),
        ]
        for number, (title, step) in enumerate(steps, start=1):
            self.stdout.write(f"[{number}/{len(steps)}] {title} ...", ending="")
            self.stdout.flush()
            started = time.perf_counter()
            try:
                outcome = step()
            except InvalidInput as refused:
                raise CommandError(f"{title} refused:\n{refused.report.render()}") from refused
            self.stdout.write(f" {outcome} ({time.perf_counter() - started:.1f} s)")
        self.stdout.write(self.style.SUCCESS("compactwatch is ready"))

    def _migrate(self) -> str:
        prepare_data_dir()  # the data folder, its static folder and the secret key, before the database
        call_command("migrate", interactive=False, verbosity=0)
        return "up to date"

    def _bundled_data(self) -> str:
        outcomes = load_bundled_data(settings.BUNDLED_DATA_DIR)
        added = sum(o.added for o in outcomes)
        revised = sum(o.revised for o in outcomes)
        unchanged = sum(o.unchanged for o in outcomes)
        files = sum(len(o.files) for o in outcomes)
        if not added and not revised:
            return f"{files} files, {unchanged} observations, all up to date"
        return f"{files} files: {added} observations added, {revised} revised, {unchanged} unchanged"

    def _collectstatic(self) -> str:
        call_command("collectstatic", interactive=False, verbosity=0)
        return "collected"
