"""Assess 100,000 generated series with the Statistics Canada method; target: 2 s or less.

The series lie on a 2010-2025 year grid with gaps (40% of values missing), half with a target (2020 or
2030), half with a natural limit of 100. The numpy panel path rates them all at once; series whose target
year their data have passed go through the one-series path (assessed in the target year). Appends the
figures to benchmarks/RESULTS.md with the machine and the date.

    .venv/bin/python benchmarks/progress_100k.py
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import time
from collections import Counter
from pathlib import Path

import numpy as np

from compactwatch.core.progress import Direction, Series, Settings, Target
from compactwatch.core.progress.batch import STATUSES, Panel, assess_panel
from compactwatch.core.progress.statcan import assess as statcan_assess

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "RESULTS.md"
SERIES = 100_000
TARGET_SECONDS = 2.0


def generate(n: int, seed: int = 2026) -> Panel:
    rng = np.random.default_rng(seed)
    years = np.arange(2010, 2026)
    trend = rng.normal(0.01, 0.03, (n, 1))
    start = rng.uniform(5, 95, (n, 1))
    values = start * (1 + trend) ** (years - 2010) * rng.normal(1, 0.02, (n, years.size))
    values[rng.random(values.shape) < 0.4] = np.nan
    return Panel(
        years=years,
        values=values,
        direction=rng.choice([-1, 1], n),
        target_value=np.where(rng.random(n) < 0.5, np.nan, rng.uniform(1, 120, n)),
        target_year=rng.choice([2020, 2030], n, p=[0.05, 0.95]),
        limit=np.where(rng.random(n) < 0.5, np.nan, 100.0),
        as_of_year=2026,
    )


def run(panel: Panel) -> tuple[float, Counter[str], int]:
    started = time.perf_counter()
    result = assess_panel(panel)
    statuses = [STATUSES[i].value for i in result.status]
    for row in result.deferred:
        values = panel.values[row]
        series = Series.of(
            (int(y), float(v)) for y, v in zip(panel.years, values, strict=True) if not np.isnan(v)
        )
        settings = Settings(
            Direction.INCREASE if panel.direction[row] > 0 else Direction.DECREASE,
            Target(float(panel.target_value[row]), int(panel.target_year[row])),
            limit=None if np.isnan(panel.limit[row]) else float(panel.limit[row]),
            as_of_year=panel.as_of_year,
        )
        statuses[row] = statcan_assess(series, settings).status.value
    return time.perf_counter() - started, Counter(statuses), len(result.deferred)


def main() -> None:
    panel = generate(SERIES)
    elapsed, counts, deferred = run(panel)
    verdict = "met" if elapsed <= TARGET_SECONDS else "missed"
    python = platform.python_version()
    machine = f"{platform.node() or 'unknown'}, {os.cpu_count()} CPUs, Python {python}, {platform.system()}"
    spread = ", ".join(f"{status} {count:,}" for status, count in counts.most_common())
    text = (
        f"\n## progress_100k.py, {dt.date.today().isoformat()}\n\n"
        f"Machine: {machine}. Target: {SERIES:,} series in {TARGET_SECONDS:.0f} s or less.\n\n"
        "| run | time | speed | target |\n|---|---|---|---|\n"
        f"| Statistics Canada method, numpy panel ({deferred:,} past-target series one by one) | "
        f"{elapsed:.2f} s | {SERIES / elapsed:,.0f} series/s | {verdict} |\n\n"
        f"Statuses: {spread}.\n"
    )
    with RESULTS.open("a", encoding="utf-8") as handle:
        handle.write(text)
    print(text)


if __name__ == "__main__":
    main()
