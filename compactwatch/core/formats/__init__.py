"""Readers and writers of the data formats compactwatch exchanges.

Every reader returns a `Table`: the file's header and its rows as text cells keyed by column name, with the
row number a person would see in the file (the header is row 1). The checks in `observation_checks` then
apply the same rules to every format. Writers take the columns and rows of an export.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from compactwatch.core.validation import Problem

Row = tuple[int, dict[str, str] | Problem]


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


def reader_for(format_name: str) -> Callable[[Path], list[Table]]:
    from compactwatch.core.formats import datapackage, excel, parquet, sdmx_csv, tidy_csv

    readers: dict[str, Callable[[Path], list[Table]]] = {
        "csv": tidy_csv.read,
        "sdmx-csv": sdmx_csv.read,
        "xlsx": excel.read,
        "datapackage": datapackage.read,
        "parquet": parquet.read,
    }
    return readers[format_name]
