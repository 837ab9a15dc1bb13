"""The `compactwatch` command: Django's management commands behind one entry point.

compactwatch setup                      migrate, load the framework and the bundled data
compactwatch serve [--port N]           serve the platform
compactwatch framework validate [PATH]  check a framework folder or file
compactwatch framework load [PATH]      load it into the database
compactwatch import FILE...             validate and import indicator data
compactwatch export --format FMT        export published data
"""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "compactwatch.settings")
    from django.core.management import execute_from_command_line

    args = sys.argv[1:] if argv is None else argv
    execute_from_command_line(["compactwatch", *args])
