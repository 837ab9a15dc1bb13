"""Readers and writers of the data formats compactwatch exchanges.

Every reader returns a `Table`: the file's header and its rows as lists of text cells in the header's order,
exactly as many as the header has columns, with the row number a person would see in the file (the header is
row 1). Lists rather than one dictionary per row: a million-row import would spend a second building them.
The checks in `observation_checks` then apply the same rules to every format. Writers take the columns and
rows of an export.

A file that cannot be read safely (its encoding, a control character in a cell, an archive that would expand
too far, a line too long) is never an exception: the reader gives a table whose rows hold a coded `Problem`
naming the file and, where it can, the row and column. `ReadOptions` carries what the person said about the
file (its encoding) and the limits a reader keeps to.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from compactwatch.core.validation import Problem

Row = tuple[int, list[str] | Problem]  # cells: one per header column, in its order


@dataclass
class Table:
    name: str
    header: list[str]
    rows: Iterator[Row]
    size: int = 0  # bytes (or rows) to read, for progress bars
    format: str = ""
    encoding: str = (
        ""  # how a text file was decoded, e.g. "utf-8" or "cp1252 (sniffed)"; "" for binary formats
    )


def refused_table(name: str, problem: Problem, format_name: str) -> Table:
    """A table with no header whose only row is why the file cannot be read."""
    return Table(name, [], iter([(problem.row or 0, problem)]), 0, format_name)


# Limits a reader keeps to, whoever sent the file. An upload service may pass tighter ones.
MAX_ARCHIVE_MEMBERS = 100
MAX_UNCOMPRESSED_BYTES = 256 * 1024 * 1024  # what a zip (data package, workbook) or Parquet file expands to
MAX_COMPRESSION_RATIO = 200  # deflate's own limit is about 1030:1; real tables stay under 50:1
RATIO_CHECKED_FROM = 1024 * 1024  # an archive expanding to less than this is harmless at any ratio
# Far longer than any data cell, and below the csv module's default field limit (131,072), which other
# libraries raise for the whole process; a line of a CSV file is held to the same length.
MAX_CELL_CHARS = MAX_LINE_CHARS = 100_000
MAX_COLUMNS = 1_000
MAX_DESCRIPTOR_BYTES = 1024 * 1024  # datapackage.json


@dataclass(frozen=True)
class ReadLimits:
    max_members: int = MAX_ARCHIVE_MEMBERS
    max_uncompressed_bytes: int = MAX_UNCOMPRESSED_BYTES
    max_ratio: float = MAX_COMPRESSION_RATIO
    ratio_checked_from: int = RATIO_CHECKED_FROM
    max_line_chars: int = MAX_LINE_CHARS
    max_cell_chars: int = MAX_CELL_CHARS
    max_columns: int = MAX_COLUMNS
    max_descriptor_bytes: int = MAX_DESCRIPTOR_BYTES


DEFAULT_LIMITS = ReadLimits()


@dataclass(frozen=True)
class ReadOptions:
    """What a reader is told about a file: its encoding (None: from its byte-order mark, or sniffed) and
    the limits it keeps to."""

    encoding: str | None = None
    limits: ReadLimits = DEFAULT_LIMITS


DEFAULT_READ_OPTIONS = ReadOptions()


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


class Reader(Protocol):
    def __call__(self, path: Path, options: ReadOptions = DEFAULT_READ_OPTIONS, /) -> list[Table]: ...


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
    with path.open("rb") as handle:
        start = handle.read(64)  # enough for the first column's name, whatever the file's length
    first = _decoded_start(start).split(",", 1)[0].strip().strip('"').upper()
    return "sdmx-csv" if first in {"DATAFLOW", "STRUCTURE"} else "csv"


def _decoded_start(start: bytes) -> str:
    if start.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return start.decode("utf-32", errors="replace")
    if start.startswith((b"\xff\xfe", b"\xfe\xff")):
        return start.decode("utf-16", errors="replace")
    return start.decode("utf-8-sig", errors="replace")


def format_named(name: str) -> Format:
    """The registered format called `name` (one of FORMATS); KeyError for any other."""
    from compactwatch.core.formats.registry import REGISTRY

    return REGISTRY[name]


def reader_for(format_name: str) -> Reader:
    return format_named(format_name).read


def writer_for(format_name: str) -> Writer:
    return format_named(format_name).write
