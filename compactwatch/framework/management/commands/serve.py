"""`compactwatch serve [--host H] [--port N]`: serve the platform with gunicorn."""

from __future__ import annotations

import os
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Serve the platform (gunicorn, production settings). Run `compactwatch setup` first."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
        parser.add_argument("--port", type=int, default=8000, help="port to listen on (default 8000)")
        parser.add_argument("--workers", type=int, default=2, help="worker processes (default 2)")

    def handle(self, *args: Any, host: str, port: int, workers: int, **options: Any) -> None:
        self.stdout.write(f"compactwatch on http://{host}:{port}/ (Ctrl-C stops it)")
        self.stdout.flush()
        command = [
            sys.executable, "-m", "gunicorn", "compactwatch.wsgi:application",
            "--bind", f"{host}:{port}", "--workers", str(workers),
            "--access-logfile", "-", "--graceful-timeout", "5",
        ]  # fmt: skip
        os.execv(sys.executable, command)
