"""Tidy CSV, compatible with Open SDG's data files: Year, dimension columns, Value, attributes."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO

from compactwatch.core.formats import ExportTable, Row, Table
from compactwatch.core.validation import Problem

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def read(path: Path) -> list[Table]:
    return [read_stream(path.open(encoding="utf-8-sig", newline=""), path.name, path.stat().st_size)]


def read_stream(handle: IO[str], name: str, size: int = 0) -> Table:
    reader = csv.reader(handle, strict=True)  # a stray quote is an error, not a silently merged row
    try:
        header = [column.strip() for column in next(reader)]
    except StopIteration:
        header = []
    return Table(name=name, header=header, rows=_rows(reader, header, name, handle), size=size, format="csv")


def _rows(reader: Iterator[list[str]], header: list[str], name: str, handle: IO[str]) -> Iterator[Row]:
    width = len(header)
    try:
        for number, cells in enumerate(reader, start=2):
            # A full row with a filled first cell needs no closer look (most rows, and the fastest test).
            if (len(cells) != width or not cells[0].strip()) and not "".join(cells).strip():
                continue  # no cells, or only blank ones
            if len(cells) != width:
                yield (
                    number,
                    Problem(
                        "ragged-row",
                        f"the row has {len(cells)} cells but the header has {width}",
                        file=name,
                        row=number,
                    ),
                )
                continue
            yield number, cells
    except csv.Error as error:
        line = int(getattr(reader, "line_num", 0))
        yield line, Problem("bad-csv", f"the file is not valid CSV: {error}", file=name, line=line)
    except UnicodeDecodeError as error:
        line = int(getattr(reader, "line_num", 0))
        message = f"the file is not UTF-8 text (save it as CSV UTF-8): {error.reason} at byte {error.start}"
        yield line, Problem("bad-encoding", message, file=name, line=line)
    finally:
        handle.close()


def neutralise(text: str) -> str:
    """Keep a spreadsheet from running a cell as a formula; numbers such as -1.5 are left alone."""
    if text.startswith(FORMULA_STARTS) and not _is_number(text):
        return "'" + text
    return text


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def write(handle: IO[str], header: Sequence[str], rows: Iterable[Sequence[str]]) -> None:
    writer = csv.writer(handle, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([neutralise(cell) for cell in row])


def write_export(path: Path, table: ExportTable) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        write(handle, table.columns, table.rows)


def to_text(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    buffer = io.StringIO()
    write(buffer, header, rows)
    return buffer.getvalue()
