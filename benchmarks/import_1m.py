"""Import speed and memory: a 1,000,000-row tidy CSV into SQLite and PostgreSQL; frictionless to compare.

    .venv/bin/python benchmarks/import_1m.py [--rows N] [--pg postgres://postgres@127.0.0.1:5432/test]

Generates the file (refugee children by country, year, sex, age and population type: the shape of UNHCR's
data), imports it with the same service as `compactwatch import` (every row checked against the framework,
written in one transaction) into a fresh database of each kind, and times `frictionless validate` on the
same file. Each import runs in its own process so its peak memory (max RSS) is its own. Prints the figures
and appends them to benchmarks/RESULTS.md with the machine and date.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out"
RESULTS = ROOT / "benchmarks" / "RESULTS.md"
SEXES = ("F", "M", "")
AGES = ("Y0T4", "Y5T11", "Y12T17", "Y_LT18")
STATUSES = ("REF", "ASY", "OIP")


def generate(path: Path, rows: int) -> None:
    sys.path.insert(0, str(ROOT))
    from compactwatch.core.areas import area_records

    areas = [area.iso3 for area in area_records()]
    combos = [(s, a, m) for m in STATUSES for s in SEXES for a in AGES]
    written = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["Indicator", "GeoCode", "Year", "MIGRATORY_STATUS", "SEX", "AGE", "Value", "Units"])
        year = 1950
        while written < rows:
            for iso3 in areas:
                for sex, age, status in combos:
                    value = (hash((iso3, year, sex, age, status)) % 50_000) + 5
                    writer.writerow(["refugee-children", iso3, year, status, sex, age, value, "NUMBER"])
                    written += 1
                    if written == rows:
                        return
            year += 1


def worker(database: str, csv_path: Path) -> None:
    """Runs in a child process: prepare an empty database, import the file, report time and memory."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "compactwatch.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    from compactwatch.areas.services import load_areas
    from compactwatch.framework.services import load_framework
    from compactwatch.observations.bundled import register_sources
    from compactwatch.observations.models import Observation
    from compactwatch.observations.services import import_files

    call_command("migrate", interactive=False, verbosity=0)
    load_areas()
    load_framework(settings.FRAMEWORK_DIR)
    register_sources([{"code": "benchmark", "title": "Generated benchmark data", "producer": "compactwatch"}])
    started = time.perf_counter()
    outcome = import_files([csv_path], source="benchmark", channel="benchmark")
    seconds = time.perf_counter() - started
    count = Observation.objects.filter(batch__channel="benchmark").count()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        json.dumps(
            {
                "database": database,
                "rows": outcome.rows_read,
                "added": outcome.added,
                "stored": count,
                "seconds": seconds,
                "peak_mb": peak_mb,
            }
        )
    )


def run_worker(database: str, csv_path: Path, env: dict[str, str]) -> dict[str, float]:
    result = subprocess.run(
        [sys.executable, __file__, "--worker", database, str(csv_path)],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    if result.returncode != 0:
        raise SystemExit(f"{database} import failed:\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def fresh_postgres(url: str, name: str) -> str:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name}")
        conn.execute(f"CREATE DATABASE {name}")
    return url.rsplit("/", 1)[0] + "/" + name


def frictionless(csv_path: Path) -> float:
    binary = Path(sys.executable).parent / "frictionless"
    started = time.perf_counter()
    subprocess.run([str(binary), "validate", str(csv_path)], capture_output=True, check=False)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--pg", default="postgres://postgres@127.0.0.1:5432/test")
    parser.add_argument("--no-record", action="store_true", help="print only; do not append to RESULTS.md")
    parser.add_argument("--worker", nargs=2, metavar=("DATABASE", "CSV"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker[0], Path(args.worker[1]))
        return

    OUT.mkdir(parents=True, exist_ok=True)
    csv_path = OUT / f"tidy_{args.rows}.csv"
    if not csv_path.exists():
        generate(csv_path, args.rows)
    size_mb = csv_path.stat().st_size / 1e6
    print(f"file: {csv_path.name}, {args.rows:,} rows, {size_mb:.0f} MB")

    results = []
    with tempfile.TemporaryDirectory() as tmp:
        results.append(run_worker("SQLite", csv_path, {"COMPACTWATCH_DATA_DIR": tmp, "DATABASE_URL": ""}))
    # A database of its own beside the given one (.../cw_b -> cw_b_benchmark), dropped and recreated.
    pg_url = fresh_postgres(args.pg, args.pg.rsplit("/", 1)[1] + "_benchmark")
    with tempfile.TemporaryDirectory() as tmp:
        results.append(
            run_worker("PostgreSQL", csv_path, {"COMPACTWATCH_DATA_DIR": tmp, "DATABASE_URL": pg_url})
        )
    frictionless_seconds = frictionless(csv_path)

    lines = []
    for r in results:
        rate = r["rows"] / r["seconds"]
        lines.append(
            f"| validated import into {r['database']} | {r['seconds']:.1f} s | {rate:,.0f} rows/s | "
            f"{r['peak_mb']:.0f} MB |"
        )
        assert r["stored"] == args.rows, r
    lines.append(
        f"| `frictionless validate` (schema checks only, no database) | {frictionless_seconds:.1f} s | "
        f"{args.rows / frictionless_seconds:,.0f} rows/s | |"
    )
    for line in lines:
        print(line)
    if not args.no_record:
        machine = (
            f"{platform.node()}, {os.cpu_count()} CPUs, "
            f"Python {platform.python_version()}, {platform.system()}"
        )
        with RESULTS.open("a", encoding="utf-8") as handle:
            handle.write(f"\n## import_1m.py, {dt.date.today().isoformat()}\n\n")
            handle.write(f"Machine: {machine}. File: {args.rows:,} rows, {size_mb:.0f} MB.\n\n")
            handle.write("| run | time | speed | peak memory |\n|---|---|---|---|\n")
            handle.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
