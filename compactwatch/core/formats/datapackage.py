"""Frictionless Data Packages: datapackage.json describing one CSV resource, with sources and licences."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from compactwatch.core.formats import (
    DEFAULT_LIMITS,
    DEFAULT_READ_OPTIONS,
    ExportTable,
    ReadLimits,
    ReadOptions,
    Table,
    refused_table,
    tidy_csv,
)
from compactwatch.core.formats.archives import (
    ARCHIVE_ERRORS,
    ArchiveRefused,
    member_stream,
    open_archive,
    read_member,
)
from compactwatch.core.formats.text import OpenBytes
from compactwatch.core.validation import Problem

DESCRIPTOR = "datapackage.json"
RESOURCE = "observations.csv"
NUMBER_COLUMNS = ("Year", "Value", "LowerBound", "UpperBound")


@dataclass(frozen=True)
class Resource:
    """A tabular resource a package lists: where its CSV is, and the encoding the package declares."""

    path: PurePosixPath
    encoding: str | None = None


def read(path: Path, options: ReadOptions = DEFAULT_READ_OPTIONS) -> list[Table]:
    """A package as a folder, its datapackage.json, or a .zip holding both (as `export -o -` writes it)."""
    if path.suffix.lower() == ".zip":
        return _read_zip(path, options)
    descriptor_path = path / DESCRIPTOR if path.is_dir() else path
    try:
        resources = _resources(_read_descriptor(descriptor_path, options.limits))
    except (OSError, ValueError) as error:
        return [_refused(descriptor_path.name, f"not a readable data package descriptor: {error}")]
    folder = descriptor_path.parent.resolve()
    tables = []
    for resource in resources:
        resource_path = (folder / resource.path).resolve()
        if not resource_path.is_relative_to(folder):
            tables.append(_refused(str(resource.path), _outside(resource.path)))
        elif not resource_path.is_file():
            tables.append(_refused(str(resource.path), _missing(resource.path)))
        else:
            size = resource_path.stat().st_size
            table = tidy_csv.read_source(
                _opener(resource_path), str(resource.path), size, options, resource.encoding
            )
            table.format = "datapackage"
            tables.append(table)
    return tables


def _opener(path: Path) -> OpenBytes:
    return lambda: path.open("rb")


def _read_descriptor(descriptor_path: Path, limits: ReadLimits) -> bytes:
    with descriptor_path.open("rb") as handle:
        text = handle.read(limits.max_descriptor_bytes + 1)
    if len(text) > limits.max_descriptor_bytes:
        raise ValueError(f"{DESCRIPTOR} is larger than {limits.max_descriptor_bytes:,} bytes")
    return text


def _resources(descriptor: bytes) -> list[Resource]:
    """The package's resources; ValueError for a descriptor that is not one (or names a key twice)."""
    try:
        parsed = json.loads(descriptor.decode("utf-8-sig"), object_pairs_hook=_unique_keys)
    except (UnicodeDecodeError, RecursionError) as error:
        raise ValueError(str(error)) from None
    listed = parsed.get("resources") if isinstance(parsed, dict) else None
    if not isinstance(listed, list) or not listed:
        raise ValueError("it lists no resources")
    resources = []
    for entry in listed:
        path, encoding = entry.get("path") if isinstance(entry, dict) else None, entry.get("encoding")
        if not isinstance(path, str) or not path or not isinstance(encoding, str | None):
            raise ValueError("each resource needs one path to a CSV file (and an encoding, if any, as text)")
        resources.append(Resource(PurePosixPath(path.replace("\\", "/")), encoding))
    return resources


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    keys = [key for key, _ in pairs]
    repeated = sorted({key for key in keys if keys.count(key) > 1})
    if repeated:
        raise ValueError(f"the key {repeated[0]!r} appears twice in one object")
    return dict(pairs)


def _outside(path: PurePosixPath) -> str:
    return f"resource path {str(path)!r} is not inside the package"


def _missing(path: PurePosixPath) -> str:
    return f"the package lists {str(path)!r}, which is missing"


def _refused(name: str, message: str, code: str = "bad-file") -> Table:
    return refused_table(name, Problem(code, message, file=name), "datapackage")


def _read_zip(path: Path, options: ReadOptions) -> list[Table]:
    try:
        archive = open_archive(path, options.limits)
    except ArchiveRefused as refusal:
        return [refused_table(path.name, refusal.problem(path.name), "datapackage")]
    with archive:
        try:
            descriptor = read_member(
                archive, archive.getinfo(DESCRIPTOR), options.limits.max_descriptor_bytes
            )
            resources = _resources(descriptor)
        except ArchiveRefused as refusal:
            return [refused_table(path.name, refusal.problem(path.name), "datapackage")]
        except (KeyError, ValueError, *ARCHIVE_ERRORS) as error:
            return [_refused(path.name, f"not a readable zipped data package: {error}")]
        return [_zipped_table(archive, path.name, resource, options) for resource in resources]


def _zipped_table(archive: zipfile.ZipFile, name: str, resource: Resource, options: ReadOptions) -> Table:
    member = resource.path.as_posix()
    if resource.path.is_absolute() or ".." in resource.path.parts:
        return _refused(member, _outside(resource.path))
    try:
        info = archive.getinfo(member)
    except KeyError:
        return _refused(member, _missing(resource.path))
    # The archive stays readable while its member streams are open.
    table = tidy_csv.read_source(
        lambda: member_stream(archive, info), f"{name}/{member}", info.file_size, options, resource.encoding
    )
    table.format = "datapackage"
    return table


def sources_of(path: Path) -> list[dict[str, Any]]:
    descriptor_path = path / DESCRIPTOR if path.is_dir() else path
    descriptor = json.loads(_read_descriptor(descriptor_path, DEFAULT_LIMITS).decode("utf-8-sig"))
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
