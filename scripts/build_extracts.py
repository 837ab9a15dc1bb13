"""Build the bundled real-data extracts in data/ from the shared data folder.

compactwatch ships compact extracts of real published figures so that a fresh clone can load and demo real
data without the (large, unversioned) shared folder. This script is the only thing that reads that folder; the
platform itself never does. Every output is a tidy CSV compatible with Open SDG's:

    Indicator,GeoCode,Year,<dimension columns>,Value,Units,ObsStatus,Footnote[,Base]

dimension cells hold codelist codes and an empty cell means the total. Rates and shares whose producer's
files give their denominator carry it in Base (never published: the platform withholds a rate on a small
base). data/sources.yaml records where each file comes from (producer, licence, upstream commit) and how
many rows it has.

Usage (from the repository root):

    .venv/bin/python scripts/build_extracts.py --shared ../shared

The script is deterministic: run twice, it writes byte-identical files.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import yaml
from extracts.birth_registration import build_birth_registration, build_nigeria
from extracts.common import (
    DEFAULT_SHARED,
    OUT_DIR,
    Extract,
    check_rows,
    known_areas,
    write_csv,
)
from extracts.population import build_child_migrants, build_child_population
from extracts.uk_home_office import (
    build_uk_detention,
    build_uk_uasc,
    build_uk_uasc_decisions,
    build_uk_uasc_grant_rate,
)
from extracts.unhcr import build_unhcr
from hdx.location.country import Country

# ----------------------------------------------------------------------------------------------------
# Running it
# ----------------------------------------------------------------------------------------------------


def cross_check_birth_registration(extracts: Iterable[Extract]) -> list[str]:
    """Compare the national under-5 values that several files give for one country and year.

    The files hold them as AGE Y_LT5 (UNICEF, SDG) or as the all-empty total row (Nigeria's own file);
    the same figure should come out of each.
    """
    seen: dict[tuple[str, str], list[str]] = defaultdict(list)
    for extract in extracts:
        if "birth-registration" not in extract.indicators:
            continue
        for r in extract.rows:
            cells = [r.get(d, "") for d in extract.dimensions if d != "AGE"]
            if r.get("AGE", "") in ("", "Y_LT5") and not any(cells):
                seen[(r["GeoCode"], r["Year"])].append(f"{extract.file} {r['Value']}")
    lines = []
    for (geo, year), values in sorted(seen.items()):
        if len(values) > 1:
            agree = "agree" if len({v.split()[-1] for v in values}) == 1 else "DIFFER"
            lines.append(f"  {geo} {year}: {'; '.join(values)} ({agree})")
    return lines


class PlainDumper(yaml.SafeDumper):
    """Writes shared mappings out in full rather than as YAML anchors and aliases."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def resolve_shared(path: Path) -> Path:
    """Accept the shared folder or its data/ folder."""
    for candidate in (path, path / "data"):
        if (candidate / "unhcr-refugees").is_dir():
            return candidate
    sys.exit(
        f"error: no shared data folder at {path} (expected unhcr-refugees/ and the other source folders, "
        "directly or under data/). Pass its location with --shared."
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--shared",
        type=Path,
        default=DEFAULT_SHARED,
        help="the shared data folder (default: ../shared/data beside the repository)",
    )
    args = parser.parse_args()
    shared = resolve_shared(args.shared)
    Country.countriesdata(use_live=False)
    areas = known_areas()

    builders: list[Callable[[Path], Extract | list[Extract]]] = [
        build_unhcr,
        build_uk_uasc,
        build_uk_uasc_decisions,
        build_uk_uasc_grant_rate,
        build_uk_detention,
        build_birth_registration,
        build_nigeria,
        build_child_migrants,
        build_child_population,
    ]
    extracts: list[Extract] = []
    for build in builders:
        built = build(shared)
        extracts.extend(built if isinstance(built, list) else [built])

    OUT_DIR.mkdir(exist_ok=True)
    entries = []
    for extract in extracts:
        extract.rows = check_rows(extract, areas)
        write_csv(extract, OUT_DIR)
        size = (OUT_DIR / extract.file).stat().st_size
        print(f"{extract.file}: {len(extract.rows)} rows, {size / 1024:.1f} KB")
        for line in extract.report:
            print(line)
        entries.append(
            {
                "file": extract.file,
                "indicators": extract.indicators,
                "columns": extract.columns,
                **{k: extract.meta[k] for k in ("source", "description", "coverage", "notes", "upstream")},
                "rows": len(extract.rows),
            }
        )
    print("birth registration, national under-5 values given by more than one file:")
    for line in cross_check_birth_registration(extracts) or ["  none"]:
        print(line)

    header = (
        "# Sources of the bundled real-data extracts in data/ - written by scripts/build_extracts.py.\n"
        "# 'retrieved' is the date of the upstream commit the copy was taken from, where one is known.\n"
    )
    text = yaml.dump(
        {"extracts": entries}, Dumper=PlainDumper, sort_keys=False, allow_unicode=True, width=110
    )
    (OUT_DIR / "sources.yaml").write_text(header + text, encoding="utf-8")
    total = sum(p.stat().st_size for p in OUT_DIR.iterdir() if p.is_file())
    print(f"data/: {len(entries)} CSV files, sources.yaml and README.md: {total / 1024:.1f} KB in all")


if __name__ == "__main__":
    main()
