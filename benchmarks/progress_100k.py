"""Rate 100,000 generated series through the call production makes, and compare with Open SDG's code.

`assessments.services.assess` rates every stored series with `core.progress.rate` (by the indicator's
method, with its explanation and components); `rate_many` is that call over a list, and is what is timed
here, with the series already read. The series lie on a 2010-2025 year grid with gaps (40% of values
missing), half with a target (2020 or 2030), half with a natural limit of 100, a few with a break or a
partial year. Target: 100,000 series in 2 s or less, and at least 100 times the speed of Open SDG's
progress code (sdg-build), compared per series in CPU seconds on the same 374 real series: sdg-build's
figure is recorded in tests/fixtures/progress/opensdg_side_by_side.json (measured in a scratch
environment, best of 3); ours is measured here, best of 5. Appends the figures to benchmarks/RESULTS.md
with the machine, its load and the date.

    .venv/bin/python benchmarks/progress_100k.py
"""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import time
from collections import Counter
from pathlib import Path

import numpy as np

from compactwatch.core.progress import Direction, Series, Settings, Subject, Target, rate_many

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "RESULTS.md"
RECORDED = ROOT / "tests" / "fixtures" / "progress" / "opensdg_side_by_side.json"
SERIES = 100_000
TARGET_SECONDS = 2.0
TARGET_RATIO = 100.0
Item = tuple[Series, Settings, Subject]


def generate(n: int, seed: int = 2026) -> list[Item]:
    rng = np.random.default_rng(seed)
    years = np.arange(2010, 2026)
    trend = rng.normal(0.01, 0.03, (n, 1))
    values = rng.uniform(5, 95, (n, 1)) * (1 + trend) ** (years - 2010) * rng.normal(1, 0.02, (n, years.size))
    present = rng.random(values.shape) >= 0.4
    has_target, due = rng.random(n) < 0.5, rng.choice([2020, 2030], n, p=[0.05, 0.95])
    goal, limited, up = rng.uniform(1, 120, n), rng.random(n) < 0.5, rng.random(n) < 0.5
    flagged = rng.random(n)
    percent, number = Subject("Share", "PERCENT"), Subject("Children", "NUMBER")
    items = []
    for i in range(n):
        kept = years[present[i]]
        points = zip(kept.tolist(), values[i][present[i]].tolist(), strict=True)
        breaks = [int(kept[len(kept) // 2])] if flagged[i] < 0.02 and len(kept) else []
        partial = [int(kept[-1])] if 0.02 <= flagged[i] < 0.04 and len(kept) else []
        target = Target(float(goal[i]), int(due[i])) if has_target[i] else None
        direction = Direction.INCREASE if up[i] else Direction.DECREASE
        settings = Settings(direction, target, limit=100.0 if limited[i] else None, as_of_year=2026)
        items.append((Series.of(points, breaks, partial), settings, percent if limited[i] else number))
    return items


def recorded() -> tuple[list[Item], float]:
    data = json.loads(RECORDED.read_text(encoding="utf-8"))
    items = []
    for s in data["series"]:
        target = None if s["target"] is None else Target(s["target"], s["target_year"])
        limit = 100.0 if s["unit"] == "PERCENT" else None
        series = Series.of(zip(s["years"], s["values"], strict=True), s["breaks"], s["partial"])
        settings = Settings(Direction(s["direction"]), target, limit=limit, method="statcan")
        items.append((series, settings, Subject(s["key"], s["unit"])))
    return items, float(data["sdg_build_cpu_seconds_per_series"])


def best_cpu(items: list[Item], rounds: int = 5) -> float:
    best = float("inf")
    for _ in range(rounds):
        started = time.process_time()
        rate_many(items)
        best = min(best, time.process_time() - started)
    return best / len(items)


def main() -> None:
    items = generate(SERIES)
    load = os.getloadavg()[0]
    started, cpu = time.perf_counter(), time.process_time()
    ratings = rate_many(items)
    elapsed, cpu_used = time.perf_counter() - started, time.process_time() - cpu
    real, sdg_build = recorded()
    ours = best_cpu(real)
    ratio = sdg_build / ours
    counts = Counter(r.status.value for r in ratings)
    python = platform.python_version()
    machine = f"{platform.node() or 'unknown'}, {os.cpu_count()} CPUs, Python {python}, {platform.system()}"
    spread = ", ".join(f"{status} {count:,}" for status, count in counts.most_common())
    text = (
        f"\n## progress_100k.py, {dt.date.today().isoformat()}\n\n"
        f"Machine: {machine}; 1-minute load {load:.1f} before the run. Targets: {SERIES:,} series in "
        f"{TARGET_SECONDS:.0f} s or less; at least {TARGET_RATIO:.0f}x sdg-build per series.\n\n"
        "| run | wall time | CPU time | speed | target |\n|---|---|---|---|---|\n"
        f"| `rate_many` (the call `assess()` makes), {SERIES:,} generated series | {elapsed:.2f} s | "
        f"{cpu_used:.2f} s | {SERIES / elapsed:,.0f} series/s | "
        f"{'met' if elapsed <= TARGET_SECONDS else 'missed'} |\n"
        f"| `rate_many`, {len(real)} recorded real series, best of 5 | | {ours * 1e6:.1f} us a series | | |\n"
        f"| sdg-build `measure_indicator_progress`, same series, best of 3 (recorded) | | "
        f"{sdg_build * 1e6:.0f} us a series | {ratio:.0f}x slower | "
        f"{'met' if ratio >= TARGET_RATIO else 'missed'} |\n\n"
        f"Statuses: {spread}.\n"
    )
    with RESULTS.open("a", encoding="utf-8") as handle:
        handle.write(text)
    print(text)


if __name__ == "__main__":
    main()
