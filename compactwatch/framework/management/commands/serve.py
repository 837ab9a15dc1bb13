"""`compactwatch serve [--host H] [--port N] [--workers N] [--access-log]`: serve the platform with gunicorn.

Gunicorn's sync workers (one request at a time per process, as many processes as cores): measured
with `benchmarks/http_load.py`, they answer more requests than threaded workers when every request is
short, which public pages are once cached (compactwatch.web.caching). The application is loaded once
before the workers are forked (`--preload`: less memory, workers start ready; nothing opens a database
connection while loading, so no connection is shared between processes). The access log is off unless
asked for: writing one line per request cost about a third of the requests per second under load; the
error log always goes to standard error.
"""

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
        parser.add_argument(
            "--access-log", action="store_true", help="log every request on standard output (off by default)"
        )

    def handle(
        self, *args: Any, host: str, port: int, workers: int, access_log: bool, **options: Any
    ) -> None:
        self.stdout.write(f"compactwatch on http://{host}:{port}/ (Ctrl-C stops it)")
        self.stdout.flush()
        command = [
            sys.executable, "-m", "gunicorn", "compactwatch.wsgi:application",
            "--bind", f"{host}:{port}", "--workers", str(workers), "--worker-class", "sync",
            "--preload", "--graceful-timeout", "5", "--error-logfile", "-",
        ]  # fmt: skip
        if access_log:
            command += ["--access-logfile", "-"]
        os.execv(sys.executable, command)
