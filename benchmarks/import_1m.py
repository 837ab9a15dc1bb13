"""Import speed and memory: a 1,000,000-row tidy CSV into SQLite and PostgreSQL; frictionless to compare.

    .venv/bin/python benchmarks/import_1m.py [--rows N] [--pg postgres://postgres@127.0.0.1:5432/test]

Generates the file (refugee children by country, year, sex, age and population type: the shape of UNHCR's
data), imports it with the same service as `compactwatch import` (every row checked against the framework,
written in one transaction) into a fresh database of each kind, and times `frictionless validate` on the
same file. Each import runs in its own process so its peak memory (max RSS) is its own. Prints the figures
and writes them to benchmarks/RESULTS.md with the machine and date (replacing the previous figures).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import platform
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
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
    started, cpu_started = time.perf_counter(), time.process_time()
    outcome = import_files([csv_path], source="benchmark", channel="benchmark")
    seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu_started
    count = Observation.objects.filter(batch__channel="benchmark").count()
    usage = resource.getrusage(resource.RUSAGE_SELF)
    peak_mb = usage.ru_maxrss / 1024
    print(
        json.dumps(
            {
                "database": database,
                "rows": outcome.rows_read,
                "added": outcome.added,
                "stored": count,
                "seconds": seconds,
                "cpu_seconds": cpu_seconds,
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


def frictionless(csv_path: Path) -> dict[str, float]:
    """`frictionless validate` on the file; it refuses absolute paths, so it runs in the file's folder."""
    binary = Path(sys.executable).parent / "frictionless"
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    finished = subprocess.run(
        [str(binary), "validate", "--json", csv_path.name],
        capture_output=True,
        text=True,
        cwd=csv_path.parent,
        check=False,
    )
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    report = json.loads(finished.stdout)
    (task,) = report["tasks"]
    if not task["valid"] or not task["stats"].get("rows"):
        raise SystemExit(f"frictionless did not validate the file: {finished.stdout[:2000]}")
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return {"seconds": seconds, "cpu_seconds": cpu, "rows": task["stats"]["rows"]}


def timed(run: Callable[[], dict[str, float]]) -> dict[str, float]:
    """Run and note the machine's load (1-minute average) before and after: other work slows the clock."""
    load_before = os.getloadavg()[0]
    result = run()
    return {**result, "load": max(load_before, os.getloadavg()[0])}


def table_line(name: str, rows: int, r: dict[str, float]) -> str:
    memory = f"{r['peak_mb']:.0f} MB" if "peak_mb" in r else ""
    return (
        f"| {name} | {r['seconds']:.1f} s | {rows / r['seconds']:,.0f} rows/s | {r['cpu_seconds']:.1f} s | "
        f"{rows / r['cpu_seconds']:,.0f} rows/s | {memory} | {r['load']:.1f} |"
    )


def record(section: str) -> None:
    """Replace this script's section of RESULTS.md (or add it): one current set of figures, not a pile."""
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Benchmark results\n"
    parts = re.split(r"(?m)^(?=## )", text)
    kept = [part for part in parts if not part.startswith("## import_1m.py")]
    kept.insert(1 if len(kept) > 0 else 0, section)
    RESULTS.write_text("".join(part.rstrip("\n") + "\n\n" for part in kept).rstrip("\n") + "\n", "utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--pg", default="postgres://postgres@127.0.0.1:5432/test")
    parser.add_argument("--no-record", action="store_true", help="print only; do not write RESULTS.md")
    parser.add_argument("--note", default="", help="a sentence on the run's conditions, kept in RESULTS.md")
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
        env = {"COMPACTWATCH_DATA_DIR": tmp, "DATABASE_URL": ""}
        results.append(timed(lambda: run_worker("SQLite", csv_path, env)))
    # A database of its own beside the given one (.../cw_b -> cw_b_benchmark), dropped and recreated.
    pg_url = fresh_postgres(args.pg, args.pg.rsplit("/", 1)[1] + "_benchmark")
    with tempfile.TemporaryDirectory() as tmp:
        env = {"COMPACTWATCH_DATA_DIR": tmp, "DATABASE_URL": pg_url}
        results.append(timed(lambda: run_worker("PostgreSQL", csv_path, env)))
    frictionless_result = timed(lambda: frictionless(csv_path))
    assert frictionless_result["rows"] == args.rows, frictionless_result

    lines = []
    for r in results:
        assert r["stored"] == args.rows, r
        lines.append(table_line(f"validated import into {r['database']}", args.rows, r))
    lines.append(
        table_line(
            "`frictionless validate` (schema checks only, no database)", args.rows, frictionless_result
        )
    )
    for line in lines:
        print(line)
    if not args.no_record:
        machine = (
            f"{platform.node()}, {os.cpu_count()} CPUs, "
            f"Python {platform.python_version()}, {platform.system()}"
        )
        section = (
            f"## import_1m.py, {dt.date.today().isoformat()}\n\n"
            f"Machine: {machine}. File: {args.rows:,} rows, {size_mb:.0f} MB. Command: "
            f"`.venv/bin/python benchmarks/import_1m.py --rows {args.rows} --pg {args.pg}`.\n\n"
            "| run | time | speed | CPU time | speed per CPU second | peak memory | load |\n"
            "|---|---|---|---|---|---|---|\n" + "\n".join(lines) + "\n\n"
            "Load is the machine's 1-minute load average around the run (2 CPUs: above 2, other work shares "
            "them and the wall-clock speed falls). CPU time is the importing process's own, less affected by "
            "other work (on this virtual machine it too grows, by a fifth or more, when the other CPU is "
            "busy); for PostgreSQL the server's share (indexes, foreign-key checks at commit) is not in it, "
            "so only the wall-clock speed compares the two databases.\n"
        )
        if args.note:
            section += f"\n{args.note}\n"
        record(section)


if __name__ == "__main__":
    main()
