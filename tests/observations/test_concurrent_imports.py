"""Imports side by side, in real processes on a SQLite file, set up either way (the default database file, or
a file given through DATABASE_URL): a second import waits its turn and says so; readers never fail while an
import writes.

Each process is `compactwatch import` (or a reader script) with its own environment, not the test database.
"""

from __future__ import annotations

import csv
import json
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from compactwatch.core.areas import area_records

ROOT = Path(__file__).resolve().parents[2]
COMPACTWATCH = "from compactwatch.cli import main; main()"  # `compactwatch`, run from this checkout
PREPARE = """
import django; django.setup()
from django.conf import settings
from django.core.management import call_command
from compactwatch.areas.services import load_areas
from compactwatch.framework.services import load_framework
from compactwatch.observations.bundled import register_sources
call_command("migrate", verbosity=0)
load_areas(); load_framework(settings.FRAMEWORK_DIR)
register_sources([{"code": "test-unhcr", "title": "Refugee Data Finder", "producer": "UNHCR"}])
"""
READERS = """
import json, sys, threading, time
from pathlib import Path
import django; django.setup()
from django.db import connection
from django.test import Client
from compactwatch.observations.models import Observation
from compactwatch.observations.selectors import value_history

stop, reads, errors = Path(sys.argv[1]), [], []

def read(number):
    client = Client()
    while not stop.exists():
        try:
            if number % 2:
                Observation.objects.filter(series__area__iso3="TCD", is_current=True).count()
                value_history("refugee-children", "TCD", 1990, {"AGE": "Y0T4", "MIGRATORY_STATUS": "REF"})
            else:
                status = client.get("/api/v1/series?indicator=refugee-children&area=TCD").status_code
                if status >= 500:
                    raise RuntimeError(f"HTTP {status}")
            reads.append(1)
        except Exception as error:
            errors.append(repr(error))
    connection.close()

threads = [threading.Thread(target=read, args=(n,)) for n in range(20)]
for thread in threads: thread.start()
for thread in threads: thread.join()
print(json.dumps({"reads": len(reads), "errors": errors[:5], "error_count": len(errors)}))
"""
ROWS_PER_FILE = 60_000
CONFIGURATIONS = ("default file", "DATABASE_URL")


@pytest.fixture(scope="module", params=CONFIGURATIONS)
def database(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A prepared SQLite file (migrated, areas, framework, a source) and the environment that points at it."""
    folder = tmp_path_factory.mktemp("concurrent")
    env = {
        **os.environ,
        "COMPACTWATCH_DATA_DIR": str(folder),
        "DJANGO_SETTINGS_MODULE": "compactwatch.settings",
    }
    env.update(LOG_LEVEL="INFO", ALLOWED_HOSTS="testserver", DATABASE_URL="")
    path = folder / "compactwatch.sqlite3"
    if request.param == "DATABASE_URL":
        path = folder / "given-by-url.sqlite3"
        env["DATABASE_URL"] = f"sqlite:///{path}"
    subprocess.run([sys.executable, "-c", PREPARE], env=env, cwd=ROOT, check=True, timeout=300)
    return {"env": env, "path": path, "folder": folder}


def data_file(path: Path, first_year: int) -> Path:
    """Refugee children by country, year, population type, sex and age: ROWS_PER_FILE rows (7 years of
    about 250 areas) from `first_year` on."""
    areas = [area.iso3 for area in area_records()]
    combos = [
        (status, sex, age)
        for status in ("REF", "ASY", "OIP")
        for sex in ("F", "M", "")
        for age in ("Y0T4", "Y5T11", "Y12T17", "Y_LT18")
    ]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Indicator", "GeoCode", "Year", "MIGRATORY_STATUS", "SEX", "AGE", "Value"])
        written, year = 0, first_year
        while written < ROWS_PER_FILE:
            for iso3 in areas:
                for status, sex, age in combos:
                    if written < ROWS_PER_FILE:
                        writer.writerow(["refugee-children", iso3, year, status, sex, age, 5 + written % 997])
                        written += 1
            year += 1
    return path


def start_import(database: dict, file: Path) -> subprocess.Popen[str]:
    command = [sys.executable, "-c", COMPACTWATCH, "import", str(file), "--source", "test-unhcr"]
    return subprocess.Popen(
        command, env=database["env"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def wait_until_writing(path: Path, process: subprocess.Popen[str]) -> None:
    """Until the process holds SQLite's write lock (a probe cannot take it), so the next import must wait."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        probe = sqlite3.connect(path, timeout=0)
        try:
            probe.execute("BEGIN IMMEDIATE")
            probe.rollback()
        except sqlite3.OperationalError:
            return
        finally:
            probe.close()
        time.sleep(0.02)
    raise AssertionError(f"the import never started writing: {process.communicate()}")


def stored_rows(path: Path) -> int:
    with sqlite3.connect(path) as reading:
        return int(reading.execute("SELECT count(*) FROM observations_observation").fetchone()[0])


def test_two_imports_at_once_both_succeed(database: dict) -> None:
    before = stored_rows(database["path"])
    first = start_import(database, data_file(database["folder"] / "first.csv", 1950))
    wait_until_writing(database["path"], first)
    second = start_import(database, data_file(database["folder"] / "second.csv", 1970))
    first_out, first_err = first.communicate(timeout=600)
    second_out, second_err = second.communicate(timeout=600)

    assert (first.returncode, second.returncode) == (0, 0), (first_err, second_err)
    assert f"{ROWS_PER_FILE} rows checked; added {ROWS_PER_FILE}" in first_out
    assert f"{ROWS_PER_FILE} rows checked; added {ROWS_PER_FILE}" in second_out
    assert stored_rows(database["path"]) == before + 2 * ROWS_PER_FILE


def test_an_import_waits_its_turn_and_says_so(database: dict) -> None:
    """Another writer holds the database (here the test itself, so the timing is certain): the import
    waits, says so, and succeeds once the other is done."""
    before = stored_rows(database["path"])
    holder = sqlite3.connect(database["path"], timeout=0, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        waiting = start_import(database, data_file(database["folder"] / "waiting.csv", 2010))
        time.sleep(8)  # Django starts, checks the file and asks for the write lock, which it cannot have
        assert waiting.poll() is None, waiting.communicate()
    finally:
        holder.rollback()
        holder.close()
    out, err = waiting.communicate(timeout=600)
    assert f"added {ROWS_PER_FILE}" in out

    assert waiting.returncode == 0, err
    assert "waiting for another import to finish" in err
    assert stored_rows(database["path"]) == before + ROWS_PER_FILE


def test_twenty_readers_never_fail_while_an_import_writes(database: dict) -> None:
    stop = database["folder"] / "stop-reading"
    stop.unlink(missing_ok=True)
    readers = subprocess.Popen(
        [sys.executable, "-c", READERS, str(stop)],
        env=database["env"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(2)  # the readers are reading
    importing = start_import(database, data_file(database["folder"] / "third.csv", 1990))
    import_out, import_err = importing.communicate(timeout=600)
    stop.touch()
    readers_out, readers_err = readers.communicate(timeout=120)

    assert importing.returncode == 0, import_err
    assert f"added {ROWS_PER_FILE}" in import_out
    outcome = json.loads(readers_out.strip().splitlines()[-1])
    assert (outcome["error_count"], outcome["errors"]) == (0, [])
    assert outcome["reads"] >= 200, readers_err


def test_every_connection_is_in_wal_mode_with_a_busy_timeout(database: dict) -> None:
    probe = (
        "import django; django.setup()\n"
        "from django.db import connection\n"
        "with connection.cursor() as c:\n"
        "    pragmas = ('journal_mode', 'busy_timeout', 'synchronous')\n"
        "    print([c.execute(f'PRAGMA {p}').fetchone()[0] for p in pragmas])\n"
        "print(connection.transaction_mode)\n"
    )
    answer = subprocess.run(
        [sys.executable, "-c", probe],
        env=database["env"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert answer.stdout.split("\n")[:2] == ["['wal', 20000, 1]", "IMMEDIATE"]
