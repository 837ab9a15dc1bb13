"""Frictionless Data Packages: datapackage.json describing one CSV resource, with sources and licences."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from compactwatch.core.formats import Table, tidy_csv
from compactwatch.core.validation import Problem

DESCRIPTOR = "datapackage.json"
RESOURCE = "observations.csv"
NUMBER_COLUMNS = ("Year", "Value", "LowerBound", "UpperBound")


def read(path: Path) -> list[Table]:
    descriptor_path = path / DESCRIPTOR if path.is_dir() else path
    try:
        descriptor = json.loads(descriptor_path.read_text(encoding="utf-8"))
        resources = descriptor["resources"]
    except (OSError, ValueError, KeyError, TypeError) as error:
        problem = Problem(
            "bad-file", f"not a readable data package descriptor: {error}", file=descriptor_path.name
        )
        return [Table(descriptor_path.name, [], iter([(0, problem)]), 0, "datapackage")]
    tables = []
    for resource in resources:
        relative = Path(resource["path"])
        resource_path = descriptor_path.parent / relative
        if relative.is_absolute() or ".." in relative.parts:
            problem = Problem(
                "bad-file",
                f"resource path {resource['path']!r} is not inside the package",
                file=descriptor_path.name,
            )
            tables.append(Table(resource["path"], [], iter([(0, problem)]), 0, "datapackage"))
            continue
        table = tidy_csv.read(resource_path)[0]
        table.format = "datapackage"
        tables.append(table)
    return tables


def sources_of(path: Path) -> list[dict[str, Any]]:
    descriptor_path = path / DESCRIPTOR if path.is_dir() else path
    descriptor = json.loads(descriptor_path.read_text(encoding="utf-8"))
    return list(descriptor.get("sources", []))


def write(
    folder: Path,
    header: Sequence[str],
    rows: Iterable[Sequence[str]],
    *,
    name: str,
    title: str,
    sources: Sequence[dict[str, Any]],
    licenses: Sequence[dict[str, Any]],
) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / RESOURCE).open("w", encoding="utf-8", newline="") as handle:
        tidy_csv.write(handle, header, rows)
    fields = [
        {
            "name": column,
            "type": "number"
            if column in NUMBER_COLUMNS[1:]
            else ("integer" if column == "Year" else "string"),
        }
        for column in header
    ]
    descriptor = {
        "profile": "tabular-data-package",
        "name": name,
        "title": title,
        "licenses": list(licenses),
        "sources": list(sources),
        "resources": [
            {
                "name": "observations",
                "path": RESOURCE,
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                # "<5": a count from 1 to 4, withheld to protect children (see Footnote).
                "schema": {"fields": fields, "missingValues": ["", "<5"]},
            }
        ],
    }
    (folder / DESCRIPTOR).write_text(
        json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
