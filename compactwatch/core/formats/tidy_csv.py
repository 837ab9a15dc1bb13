"""Tidy CSV, compatible with Open SDG's data files: Year, dimension columns, Value, attributes."""

from __future__ import annotations

import csv
import io
import itertools
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, Protocol

from compactwatch.core.formats import (
    DEFAULT_LIMITS,
    DEFAULT_READ_OPTIONS,
    ExportTable,
    ReadLimits,
    ReadOptions,
    Row,
    Table,
    refused_table,
)
from compactwatch.core.formats.archives import ARCHIVE_ERRORS, ArchiveRefused
from compactwatch.core.formats.text import (
    BAD_CHARACTERS,
    OpenBytes,
    cell_problem,
    choose_encoding,
    header_problem,
    holds_bad_character,
)
from compactwatch.core.validation import Problem

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def read(path: Path, options: ReadOptions = DEFAULT_READ_OPTIONS) -> list[Table]:
    return [read_source(lambda: path.open("rb"), path.name, path.stat().st_size, options)]


def read_source(
    open_bytes: OpenBytes, name: str, size: int, options: ReadOptions, encoding: str | None = None
) -> Table:
    """A CSV file given as a way to open its bytes: its encoding is chosen over the whole file first.

    `encoding` is what the file itself declares (a data package resource), else the person's option."""
    try:
        chosen = choose_encoding(open_bytes, name, encoding or options.encoding)
    except READ_ERRORS as error:  # a zip member that is not what its archive says
        chosen = _read_problem(error, name, 1)
    if isinstance(chosen, Problem):
        return refused_table(name, chosen, "csv")
    table = read_stream(chosen.open_text(open_bytes), name, size, options.limits)
    table.encoding = chosen.label
    return table


def read_stream(handle: IO[str], name: str, size: int = 0, limits: ReadLimits = DEFAULT_LIMITS) -> Table:
    marked: list[bool] = []  # set when a line holds a character no cell may hold
    reader = csv.reader(_lines(handle, limits.max_line_chars, marked), strict=True)
    try:
        header = [column.strip() for column in next(reader)]
    except StopIteration:
        header = []
    except READ_ERRORS as error:
        handle.close()
        return refused_table(name, _read_problem(error, name, 1), "csv")
    problem = header_problem(header, name, limits.max_columns)
    if problem is not None:
        handle.close()
        return refused_table(name, problem, "csv")
    marked.clear()
    rows = _rows(reader, header, name, handle, marked, limits.max_cell_chars)
    return Table(name=name, header=header, rows=rows, size=size, format="csv")


class _CsvReader(Protocol):
    line_num: int

    def __iter__(self) -> Iterator[list[str]]: ...


class LineTooLong(Exception):
    pass


def _lines(handle: IO[str], limit: int, marked: list[bool]) -> Iterator[str]:
    """The file's lines for the csv reader, read a block at a time; none longer than `limit`."""
    return itertools.chain.from_iterable(_blocks(handle, limit, marked))


def _blocks(handle: IO[str], limit: int, marked: list[bool]) -> Iterator[Iterable[str]]:
    """Blocks of whole lines, each block at most `limit` characters read. A line inside a block is no
    longer than the block, so only the line carried over from the previous block needs measuring."""
    carry = ""
    while chunk := handle.read(limit):
        first_end = min((at for at in (chunk.find("\n"), chunk.find("\r")) if at >= 0), default=len(chunk))
        # The carried text holds no line break, but for a "\r" at its end, which ends its line.
        if len(carry) + (0 if carry.endswith("\r") else first_end) > limit:
            raise LineTooLong(f"a line is longer than {limit:,} characters")
        text = carry + chunk
        # The last line break, but not a "\r" ending the text: a "\n" may follow it.
        cut = max(text.rfind("\n"), text.rfind("\r", 0, len(text) - 1))
        carry = text[cut + 1 :]
        if cut >= 0:
            yield _block(text[: cut + 1], marked)
    if carry:
        yield _block(carry, marked)


def _block(text: str, marked: list[bool]) -> Iterable[str]:
    lines = io.StringIO(text, newline="")  # splits at \n, \r and \r\n and keeps them, as a file opened so
    if not holds_bad_character(text):
        return lines
    return _marked_lines(lines, marked)


def _marked_lines(lines: Iterable[str], marked: list[bool]) -> Iterator[str]:
    for line in lines:
        if BAD_CHARACTERS.search(line) is not None:
            marked.append(True)
        yield line


def _rows(
    reader: _CsvReader,
    header: list[str],
    name: str,
    handle: IO[str],
    marked: list[bool],
    max_cell: int,
) -> Iterator[Row]:
    """The rows. A cell's length is checked here: the csv module's field limit is process-wide, and other
    libraries raise it."""
    width = len(header)
    number = 1
    extra_lines = reader.line_num - 1  # lines beyond one per row so far: line breaks inside quoted cells
    try:
        for number, cells in enumerate(reader, start=2):
            # A full row with a filled first cell needs no closer look (most rows, and the fastest test).
            if (len(cells) != width or not cells[0].strip()) and not "".join(cells).strip():
                continue  # no cells, or only blank ones
            # A row on one line has no cell longer than a line; a row over several lines may.
            if marked or reader.line_num - number != extra_lines:
                extra_lines = reader.line_num - number
                marked.clear()
                problem = cell_problem(cells, header, name, number, max_cell)
                if problem is not None:
                    yield number, problem
                    continue
            if len(cells) != width:
                yield number, _ragged(len(cells), width, name, number)
                continue
            yield number, cells
    except READ_ERRORS as error:
        yield number + 1, _read_problem(error, name, number + 1)
    finally:
        handle.close()


def _ragged(length: int, width: int, name: str, number: int) -> Problem:
    message = f"the row has {length} cells but the header has {width}"
    return Problem("ragged-row", message, file=name, row=number)


READ_ERRORS = (csv.Error, LineTooLong, UnicodeDecodeError, ArchiveRefused, *ARCHIVE_ERRORS)


def _read_problem(error: Exception, name: str, row: int) -> Problem:
    """Why reading stopped, at the row it stopped on."""
    if isinstance(error, ArchiveRefused):
        return error.problem(name, row=row)
    if isinstance(error, LineTooLong):
        return Problem("line-too-long", f"{error}; a data row is much shorter", file=name, row=row)
    if isinstance(error, csv.Error) and "field larger than field limit" in str(error):
        limit = csv.field_size_limit()
        message = f"a cell is longer than {limit:,} characters; a data cell is much shorter"
        return Problem("field-too-large", message, file=name, row=row)
    if isinstance(error, csv.Error):
        return Problem("bad-csv", f"the file is not valid CSV: {error}", file=name, row=row)
    if isinstance(error, UnicodeDecodeError):
        message = f"the file is not text in its encoding: {error.reason}"
        return Problem("unreadable-encoding", message, file=name, row=row)
    return Problem("bad-file", f"the file could not be read: {error}", file=name, row=row)


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
