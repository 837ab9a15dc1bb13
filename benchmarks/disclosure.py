"""Publish and audit a synthetic table the size of the demo database; targets: publish in a few seconds
(5 s), audit in under a minute.

About 70,000 observations, most of them not counts (percentages); the counts are UK-style tables of
unaccompanied children's decisions by sex and nested decision codes (grant groups and their kinds) and of
children entering detention by nested age bands, for many areas and years, with lognormal values so that
some 4,500 cells end up withheld. Appends the figures to benchmarks/RESULTS.md with the machine and the
date.

    .venv/bin/python benchmarks/disclosure.py
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
import platform
import time
from pathlib import Path

import numpy as np

from compactwatch.core.disclosure import audit
from compactwatch.core.suppression import Cell, publish

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "RESULTS.md"
PUBLISH_TARGET = 5.0
AUDIT_TARGET = 60.0
THRESHOLDS = {"uasc-asylum-decisions": 10, "children-entering-detention": 10}
HIERARCHY = {
    "DECISION": {
        "REF_PERM": "GRANT_PROT",
        "HUM_PROT": "GRANT_PROT",
        "DL": "GRANT_OTH",
        "UASC_LEAVE": "GRANT_OTH",
        "GRANT_PROT": "_T",
        "GRANT_OTH": "_T",
        "REFUSED": "_T",
    },
    "AGE": {"Y0T4": "Y_LT18", "Y5T11": "Y_LT18", "Y12T16": "Y12T17", "Y17": "Y12T17", "Y12T17": "Y_LT18"},
}
DECISION_LEAVES = ("REF_PERM", "HUM_PROT", "DL", "UASC_LEAVE", "REFUSED")
AGE_LEAVES = ("Y0T4", "Y5T11", "Y12T16", "Y17")


def ancestors(dimension: str, code: str) -> list[str]:
    chain = [code]
    while chain[-1] != "_T":
        chain.append(HIERARCHY.get(dimension, {}).get(chain[-1], "_T"))
    return chain


def table(indicator: str, area: str, year: int, leaves: dict[tuple[tuple[str, str], ...], int]) -> list[Cell]:
    """Every total of the leaves up their trees, as cells (totals leave the dimension out)."""
    sums: dict[tuple[tuple[str, str], ...], int] = {}
    for leaf, value in leaves.items():
        for codes in itertools.product(*(ancestors(d, c) for d, c in leaf)):
            key = tuple((d, c) for (d, _), c in zip(leaf, codes, strict=True) if c != "_T")
            sums[key] = sums.get(key, 0) + value
    return [Cell(indicator, area, key, year, "NUMBER", float(v), "HO") for key, v in sums.items()]


def generate(seed: int = 2026) -> list[Cell]:
    rng = np.random.default_rng(seed)

    def count() -> int:
        return 0 if rng.random() < 0.1 else int(np.exp(rng.normal(3.8, 1.3)))

    cells: list[Cell] = []
    for area, year in itertools.product(range(40), range(2010, 2025)):
        code = f"A{area:02d}"
        decisions = {(("DECISION", d), ("SEX", s)): count() for d in DECISION_LEAVES for s in ("F", "M")}
        cells.extend(table("uasc-asylum-decisions", code, year, decisions))
        ages = {(("AGE", a),): count() for a in AGE_LEAVES}
        cells.extend(table("children-entering-detention", code, year, ages))
    shares = 70_000 - len(cells)
    for k in range(shares):
        cells.append(Cell("birth-registration", f"B{k % 200:03d}", (), 1990 + k // 200, "PERCENT", 50.0))
    return cells


def main() -> None:
    cells = generate()
    counts = sum(cell.unit == "NUMBER" for cell in cells)
    started = time.perf_counter()
    shown = publish(cells, THRESHOLDS, 5, HIERARCHY)
    publish_seconds = time.perf_counter() - started
    started = time.perf_counter()
    exposures = audit(cells, shown, THRESHOLDS, 5, HIERARCHY)
    audit_seconds = time.perf_counter() - started
    small = sum(p.text.startswith("<") for p in shown)
    blank = sum(p.text == "" for p in shown)
    python = platform.python_version()
    machine = f"{platform.node() or 'unknown'}, {os.cpu_count()} CPUs, Python {python}, {platform.system()}"
    load = ", ".join(f"{v:.1f}" for v in os.getloadavg())
    text = (
        f"\n## disclosure.py, {dt.date.today().isoformat()}\n\n"
        f"Machine: {machine}; load average before the run {load}. {len(cells):,} cells, {counts:,} of them "
        f"counts; withheld: {small:,} small counts and {blank:,} blanks "
        f"({small + blank:,}).\n\n"
        "| run | time | target |\n|---|---|---|\n"
        f"| publish (complementary blanks chosen and checked) | {publish_seconds:.2f} s | "
        f"{'met' if publish_seconds <= PUBLISH_TARGET else 'missed'} ({PUBLISH_TARGET:.0f} s) |\n"
        f"| audit (every withheld count's feasible range) | {audit_seconds:.2f} s | "
        f"{'met' if audit_seconds <= AUDIT_TARGET else 'missed'} ({AUDIT_TARGET:.0f} s) |\n\n"
        f"Exposures found by the audit: {len(exposures)}.\n"
    )
    if os.environ.get("BENCHMARK_DRY_RUN") != "1":
        with RESULTS.open("a", encoding="utf-8") as handle:
            handle.write(text)
    print(text)


if __name__ == "__main__":
    main()
