"""Docs that tests keep honest: the CLI reference is the commands' own `--help`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_cli_reference_matches_the_commands() -> None:
    result = subprocess.run(
        [sys.executable, "scripts/cli_reference.py", "--check"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_the_readme_starts_with_the_two_commands() -> None:
    opening = (ROOT / "README.md").read_text(encoding="utf-8").split("\n## ", 1)[0]
    assert "make run" in opening
    assert "make test" in opening
