"""Readers and writers of the data formats compactwatch exchanges.

Every reader returns a `Table`: the file's header and its rows as lists of text cells in the header's order,
exactly as many as the header has columns, with the row number a person would see in the file (the header is
row 1). Lists rather than one dictionary per row: a million-row import would spend a second building them.
The checks in `observation_checks` then apply the same rules to every format. Writers take the columns and
rows of an export.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from compactwatch.core.validation import Problem

Row = tuple[int, list[str] | Problem]  # cells: one per header column, in its order


@dataclass
class Table:
    name: str
    header: list[str]
    rows: Iterator[Row]
    size: int = 0  # bytes (or rows) to read, for progress bars
    format: str = ""


def cell_text(value: object) -> str:
    """A cell as the text a person would type: 2019 not 2019.0, '' for an empty cell."""
    if value is None:
        return ""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


@dataclass(frozen=True)
class ExportTable:
    """A published table ready for any writer: tidy columns, all cells as text, and its provenance."""

    columns: Sequence[str]
    dimensions: Sequence[str]
    rows: Sequence[Sequence[str]]
    numeric: Sequence[str] = ()  # columns a spreadsheet may hold as numbers
    name: str = "compactwatch"
    title: str = "compactwatch"
    sources: Sequence[dict[str, Any]] = field(default_factory=tuple)
    licences: Sequence[dict[str, Any]] = field(default_factory=tuple)


Reader = Callable[[Path], list[Table]]
Writer = Callable[[Path, ExportTable], None]


@dataclass(frozen=True)
class Format:
    """One exchange format: how to read it, how to write it, and the name a download gets."""

    name: str
    read: Reader
    write: Writer
    default_name: str
    is_folder: bool = False  # written as a folder (a data package), zipped when streamed


FORMATS = ("csv", "sdmx-csv", "xlsx", "datapackage", "parquet")


def detect_format(path: Path) -> str:
    """The format of a file, from its name and, for CSV, its first column."""
    name = path.name.lower()
    if path.is_dir() or name.endswith("datapackage.json") or name.endswith(".zip"):
        return "datapackage"
    if name.endswith((".xlsx", ".xlsm")):
        return "xlsx"
    if name.endswith(".parquet"):
        return "parquet"
    with path.open(encoding="utf-8-sig", errors="replace") as handle:
        first = handle.readline().split(",", 1)[0].strip().strip('"').upper()
    return "sdmx-csv" if first in {"DATAFLOW", "STRUCTURE"} else "csv"


def format_named(name: str) -> Format:
    """The registered format called `name` (one of FORMATS); KeyError for any other."""
    from compactwatch.core.formats.registry import REGISTRY

    return REGISTRY[name]


def reader_for(format_name: str) -> Reader:
    return format_named(format_name).read


def writer_for(format_name: str) -> Writer:
    return format_named(format_name).write
