"""Writing published tables in every export format. Reads only; the children's data rule is applied."""

from __future__ import annotations

import io
import sys
from pathlib import Path
from typing import Any

from compactwatch.core.formats import datapackage, excel, parquet, sdmx_csv, tidy_csv
from compactwatch.observations.models import Source
from compactwatch.observations.selectors import NUMERIC_COLUMNS, PublishedTable, published_table

DEFAULT_NAMES = {
    "csv": "compactwatch.csv",
    "sdmx-csv": "compactwatch-sdmx.csv",
    "xlsx": "compactwatch.xlsx",
    "datapackage": "compactwatch-datapackage",
    "parquet": "compactwatch.parquet",
}


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


def export(format_name: str, output: str, *, indicator: str | None = None, area: str | None = None) -> int:
    """Write the published data to `output` ("-" for standard output); returns the number of rows."""
    table = published_table(indicator, area)
    if output == "-":
        if format_name in {"csv", "sdmx-csv"}:
            sys.stdout.write(render_text(format_name, table))
            return len(table.rows)
        raise ValueError(f"{format_name} cannot be written to standard output; give a file name with -o")
    write(format_name, Path(output), table)
    return len(table.rows)


def render_text(format_name: str, table: PublishedTable) -> str:
    buffer = io.StringIO()
    if format_name == "csv":
        tidy_csv.write(buffer, table.columns, table.rows)
    else:
        sdmx_csv.write(buffer, table.dimensions, table.columns, table.rows)
    return buffer.getvalue()


def write(format_name: str, path: Path, table: PublishedTable) -> None:
    if format_name in {"csv", "sdmx-csv"}:
        path.write_text(render_text(format_name, table), encoding="utf-8")
    elif format_name == "xlsx":
        excel.write(path, table.columns, table.rows, numeric=NUMERIC_COLUMNS)
    elif format_name == "parquet":
        parquet.write(path, table.columns, table.rows)
    elif format_name == "datapackage":
        datapackage.write(
            path,
            table.columns,
            table.rows,
            name="compactwatch-children-on-the-move",
            title="compactwatch: indicators for children on the move",
            sources=[source_descriptor(s) for s in table.sources],
            licenses=licences(table.sources),
        )
    else:
        raise ValueError(f"unknown export format {format_name!r}")
