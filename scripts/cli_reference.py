"""Write docs/cli.md from the `--help` of every compactwatch verb, so the reference cannot drift.

.venv/bin/python scripts/cli_reference.py          # rewrite docs/cli.md
.venv/bin/python scripts/cli_reference.py --check  # exit 1 if docs/cli.md is out of date
"""

from __future__ import annotations

import argparse
import io
import os
import sys
from contextlib import redirect_stdout
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "docs" / "cli.md"
VERBS = (
    ("setup",),
    ("serve",),
    ("framework", "validate"),
    ("framework", "load"),
    ("import",),
    ("export",),
    ("assess",),
    ("progress",),
    ("users", "add"),
    ("users", "list"),
    ("users", "disable"),
    ("users", "token"),
    ("users", "reset-2fa"),
    ("review", "list"),
    ("review", "move"),
)
INTRO = """\
# The `compactwatch` command

Generated from each verb's `--help` by `scripts/cli_reference.py`; a test fails when this page and the
commands disagree. Every Django management command is also available (`compactwatch createsuperuser`,
`compactwatch migrate`, ...). Exit code 0 means success; anything else comes with a message on standard
error saying what was wrong and where.
"""


# Options every Django command has; the reference shows what is particular to each verb.
COMMON_OPTIONS = {"version", "verbosity", "settings", "pythonpath", "traceback", "no_color", "force_color"}
COMMON_OPTIONS |= {"skip_checks"}


def _drop_common_options(parser: argparse.ArgumentParser) -> None:
    for action in [a for a in parser._actions if a.dest in COMMON_OPTIONS]:
        parser._remove_action(action)
        for group in parser._action_groups:
            if action in group._group_actions:
                group._group_actions.remove(action)
        for option in action.option_strings:
            parser._option_string_actions.pop(option, None)


def help_text(verb: tuple[str, ...]) -> str | None:
    from django.core.management import get_commands, load_command_class

    commands = get_commands()
    if verb[0] not in commands:
        return None
    command = load_command_class(commands[verb[0]], verb[0])
    parser = command.create_parser("compactwatch", verb[0])
    for name in verb[1:]:
        subparsers = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        if not subparsers or name not in subparsers[0].choices:
            return None
        parser = subparsers[0].choices[name]
    _drop_common_options(parser)
    buffer = io.StringIO()
    with redirect_stdout(buffer):
        parser.print_help()
    return buffer.getvalue().rstrip() + "\n"


def reference() -> str:
    os.environ["COLUMNS"] = "100"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "compactwatch.settings")
    import django

    django.setup()
    parts = [INTRO]
    for verb in VERBS:
        text = help_text(verb)
        if text is None:
            continue
        parts.append(f"\n## compactwatch {' '.join(verb)}\n\n```text\n{text}```\n")
    return "".join(parts)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check that docs/cli.md is up to date")
    args = parser.parse_args()
    text = reference()
    if args.check:
        if not REFERENCE.exists() or REFERENCE.read_text(encoding="utf-8") != text:
            print("docs/cli.md is out of date: run scripts/cli_reference.py", file=sys.stderr)
            return 1
        return 0
    REFERENCE.parent.mkdir(exist_ok=True)
    REFERENCE.write_text(text, encoding="utf-8")
    print(f"wrote {REFERENCE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
