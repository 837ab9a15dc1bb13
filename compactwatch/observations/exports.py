"""Writing published tables in every export format. Reads only; the children's data rule is applied.

Formats are looked up in the registry of `compactwatch.core.formats`; this module only turns the published
table (and its sources and licences) into the `ExportTable` every writer takes.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Any

from compactwatch.core.formats import ExportTable, format_named
from compactwatch.core.formats.datapackage import zipped
from compactwatch.observations.models import Source
from compactwatch.observations.selectors import NUMERIC_COLUMNS, PublishedTable, published_table

PACKAGE_NAME = "compactwatch-children-on-the-move"
PACKAGE_TITLE = "compactwatch: indicators for children on the move"
TEXT_FORMATS = frozenset({"csv", "sdmx-csv"})


def source_descriptor(source: Source) -> dict[str, Any]:
    entry: dict[str, Any] = {"title": source.title, "path": source.url, "code": source.code}
    if source.producer:
        entry["producer"] = source.producer
    if source.licence:
        entry["licence"] = source.licence
    if source.citation:
        entry["citation"] = source.citation
    return entry


def licences(sources: list[Source]) -> list[dict[str, Any]]:
    seen: dict[str, dict[str, Any]] = {}
    for source in sources:
        entry: dict[str, Any] = {"title": source.licence}
        if source.licence_url:
            entry["path"] = source.licence_url
        seen.setdefault(source.licence, entry)
    return list(seen.values())


def export_table(table: PublishedTable) -> ExportTable:
    return ExportTable(
        columns=table.columns,
        dimensions=table.dimensions,
        rows=table.rows,
        numeric=NUMERIC_COLUMNS,
        name=PACKAGE_NAME,
        title=PACKAGE_TITLE,
        sources=[source_descriptor(s) for s in table.sources],
        licences=licences(table.sources),
    )


def default_name(format_name: str) -> str:
    return format_named(format_name).default_name


def export(format_name: str, output: str, *, indicator: str | None = None, area: str | None = None) -> int:
    """Write the published data to `output` ("-" for standard output); returns the number of rows.

    On standard output CSV formats are text; Excel and Parquet are their bytes; a data package is a .zip.
    """
    table = published_table(indicator, area)
    if output == "-":
        if format_name in TEXT_FORMATS:
            sys.stdout.write(render_text(format_name, table))
        else:
            sys.stdout.flush()
            sys.stdout.buffer.write(render_bytes(format_name, table))
            sys.stdout.buffer.flush()
        return len(table.rows)
    write(format_name, Path(output), table)
    return len(table.rows)


def write(format_name: str, path: Path, table: PublishedTable) -> None:
    format_named(format_name).write(path, export_table(table))


def render_text(format_name: str, table: PublishedTable) -> str:
    return render_bytes(format_name, table).decode("utf-8")


def render_bytes(format_name: str, table: PublishedTable) -> bytes:
    """The export as the bytes of one file (a data package zipped)."""
    spec = format_named(format_name)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / spec.default_name
        spec.write(path, export_table(table))
        return zipped(path) if spec.is_folder else path.read_bytes()


__all__ = ["default_name", "export", "render_bytes", "render_text", "write"]
