"""Frictionless Data Packages: datapackage.json describing one CSV resource, with sources and licences."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from compactwatch.core.formats import ExportTable, Table, tidy_csv
from compactwatch.core.validation import Problem

DESCRIPTOR = "datapackage.json"
RESOURCE = "observations.csv"
NUMBER_COLUMNS = ("Year", "Value", "LowerBound", "UpperBound")


def read(path: Path) -> list[Table]:
    """A package as a folder, its datapackage.json, or a .zip holding both (as `export -o -` writes it)."""
    if path.suffix.lower() == ".zip":
        return _read_zip(path)
    descriptor_path = path / DESCRIPTOR if path.is_dir() else path
    try:
        resources = _resources(descriptor_path.read_text(encoding="utf-8"))
    except (OSError, ValueError, KeyError, TypeError) as error:
        return [_refused(descriptor_path.name, f"not a readable data package descriptor: {error}")]
    tables = []
    for relative in resources:
        resource_path = descriptor_path.parent / relative
        if relative.is_absolute() or ".." in relative.parts:
            tables.append(
                _refused(str(relative), f"resource path {str(relative)!r} is not inside the package")
            )
        elif not resource_path.is_file():
            tables.append(_refused(str(relative), f"the package lists {str(relative)!r}, which is missing"))
        else:
            table = tidy_csv.read(resource_path)[0]
            table.format = "datapackage"
            tables.append(table)
    return tables


def _resources(descriptor_text: str) -> list[Path]:
    return [Path(resource["path"]) for resource in json.loads(descriptor_text)["resources"]]


def _refused(name: str, message: str) -> Table:
    return Table(name, [], iter([(0, Problem("bad-file", message, file=name))]), 0, "datapackage")


def _read_zip(path: Path) -> list[Table]:
    try:
        archive = zipfile.ZipFile(path)
        resources = _resources(archive.read(DESCRIPTOR).decode("utf-8"))
    except (OSError, ValueError, KeyError, TypeError, zipfile.BadZipFile) as error:
        return [_refused(path.name, f"not a readable zipped data package: {error}")]
    tables = []
    with archive:
        for relative in resources:
            member = relative.as_posix()
            if member not in archive.namelist():
                tables.append(_refused(member, f"the package lists {member!r}, which is missing"))
                continue
            # The archive stays readable while its member streams are open.
            handle = io.TextIOWrapper(archive.open(member), encoding="utf-8-sig", newline="")
            table = tidy_csv.read_stream(handle, f"{path.name}/{member}", archive.getinfo(member).file_size)
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


def write_export(path: Path, table: ExportTable) -> None:
    write(
        path,
        table.columns,
        table.rows,
        name=table.name,
        title=table.title,
        sources=table.sources,
        licenses=table.licences,
    )


def zipped(folder: Path) -> bytes:
    """A written package as one .zip (descriptor first), for a single download or standard output."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in (DESCRIPTOR, RESOURCE):
            # A fixed date keeps the archive identical for identical content.
            info = zipfile.ZipInfo(name, date_time=(2000, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, (folder / name).read_bytes())
    return buffer.getvalue()
