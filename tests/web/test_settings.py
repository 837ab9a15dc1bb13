"""Settings fail loudly on a malformed value, naming the variable; importing them writes nothing; a SQLite
database given through DATABASE_URL keeps WAL and the busy timeout."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHOW = (
    "import json, compactwatch.settings as s; "
    "print(json.dumps({'rate_base': s.MIN_RATE_BASE, 'proxies': s.TRUSTED_PROXIES, 'debug': s.DEBUG, "
    "'engine': s.DATABASES['default']['ENGINE'], 'options': s.DATABASES['default'].get('OPTIONS', {})}))"
)


def read_settings(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith("COMPACTWATCH_") and k != "DATABASE_URL"}
    base.update({"COMPACTWATCH_DATA_DIR": str(tmp_path / "data"), "SECRET_KEY": "x" * 50, **env})
    command = [sys.executable, "-c", SHOW]
    return subprocess.run(command, capture_output=True, text=True, cwd=ROOT, env=base, check=False)


def test_defaults_and_nothing_written(tmp_path: Path) -> None:
    result = read_settings(tmp_path)
    assert result.returncode == 0, result.stderr
    shown = json.loads(result.stdout)
    assert (shown["rate_base"], shown["proxies"], shown["debug"]) == (25, 0, False)
    assert not (tmp_path / "data").exists(), "importing settings made the data folder"


@pytest.mark.parametrize(
    ("name", "value", "words"),
    [
        ("DEBUG", "maybe", "DEBUG='maybe' is not a yes/no value"),
        ("COMPACTWATCH_HTTPS", "yes please", "COMPACTWATCH_HTTPS='yes please' is not a yes/no value"),
        (
            "COMPACTWATCH_MIN_RATE_BASE",
            "0",
            "COMPACTWATCH_MIN_RATE_BASE='0' is not a whole number of at least 1",
        ),
        ("COMPACTWATCH_MIN_RATE_BASE", "２５", "COMPACTWATCH_MIN_RATE_BASE='２５' is not a whole number"),
        ("COMPACTWATCH_TRUSTED_PROXIES", "-1", "COMPACTWATCH_TRUSTED_PROXIES='-1' is not a whole number"),
        ("COMPACTWATCH_SMALL_COUNT_THRESHOLD", "5.5", "COMPACTWATCH_SMALL_COUNT_THRESHOLD='5.5' is not"),
        ("COMPACTWATCH_API_CACHE_SECONDS", "sixty", "COMPACTWATCH_API_CACHE_SECONDS='sixty' is not"),
    ],
)
def test_a_malformed_value_names_the_variable(tmp_path: Path, name: str, value: str, words: str) -> None:
    result = read_settings(tmp_path, **{name: value})
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert words in result.stderr


def test_values_are_read(tmp_path: Path) -> None:
    env = {"COMPACTWATCH_MIN_RATE_BASE": "40", "COMPACTWATCH_TRUSTED_PROXIES": "2", "DEBUG": "off"}
    shown = json.loads(read_settings(tmp_path, **env).stdout)
    assert (shown["rate_base"], shown["proxies"], shown["debug"]) == (40, 2, False)


def test_sqlite_through_database_url_keeps_wal_and_the_busy_timeout(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/other.sqlite3"
    shown = json.loads(read_settings(tmp_path, DATABASE_URL=url).stdout)
    assert shown["engine"] == "django.db.backends.sqlite3"
    assert shown["options"] == {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }


def test_postgres_through_database_url_gets_no_sqlite_options(tmp_path: Path) -> None:
    shown = json.loads(read_settings(tmp_path, DATABASE_URL="postgres://u@127.0.0.1:5432/x").stdout)
    assert shown["engine"] == "django.db.backends.postgresql"
    assert shown["options"] == {}
