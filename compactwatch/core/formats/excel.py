"""Excel workbooks (.xlsx): the first sheet (or one named "data") laid out as tidy CSV."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from openpyxl import Workbook, load_workbook

from compactwatch.core.formats import (
    DEFAULT_READ_OPTIONS,
    ExportTable,
    ReadOptions,
    Row,
    Table,
    cell_text,
    refused_table,
)
from compactwatch.core.formats.archives import ArchiveRefused, open_archive
from compactwatch.core.formats.text import cell_problem, header_problem
from compactwatch.core.formats.tidy_csv import neutralise
from compactwatch.core.validation import Problem

SHEET = "data"


def read(path: Path, options: ReadOptions = DEFAULT_READ_OPTIONS) -> list[Table]:
    """The workbook's data sheet; a workbook is a zip archive, checked as one before it is opened."""
    try:
        open_archive(path, options.limits).close()
    except ArchiveRefused as refusal:
        if refusal.code == "bad-file":
            refusal = ArchiveRefused("bad-file", f"not a readable .xlsx workbook ({refusal.message})")
        return [refused_table(path.name, refusal.problem(path.name), "xlsx")]
    workbook = None
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
        sheet = workbook[SHEET] if SHEET in workbook.sheetnames else workbook.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        first = next(rows, ())
    except Exception as error:  # noqa: BLE001 - openpyxl raises many kinds for a damaged file
        if workbook is not None:
            workbook.close()
        unreadable = Problem("bad-file", f"not a readable .xlsx workbook: {error}", file=path.name)
        return [refused_table(path.name, unreadable, "xlsx")]
    header = [cell_text(value).strip() for value in first]
    while header and not header[-1]:
        header.pop()
    name = f"{path.name} [{sheet.title}]"
    problem: Problem | None = header_problem(header, name, options.limits.max_columns)
    if problem is not None:
        workbook.close()
        return [refused_table(name, problem, "xlsx")]
    table_rows = _rows(rows, header, name, options.limits.max_cell_chars, workbook)
    return [Table(name, header, table_rows, sheet.max_row or 0, "xlsx")]


def _rows(
    rows: Iterator[tuple[object, ...]], header: list[str], name: str, max_cell: int, workbook: object
) -> Iterator[Row]:
    width, number = len(header), 1
    try:
        for number, values in enumerate(rows, start=2):
            cells = [cell_text(value) for value in values]
            if not any(cell.strip() for cell in cells):
                continue
            yield (
                number,
                _row_problem(cells, header, name, number, max_cell) or (cells + [""] * width)[:width],
            )
    except Exception as error:  # noqa: BLE001 - openpyxl raises many kinds for a damaged sheet
        yield (
            number + 1,
            Problem("bad-file", f"the sheet cannot be read on: {error}", file=name, row=number + 1),
        )
    finally:
        workbook.close()  # type: ignore[attr-defined]


def _row_problem(
    cells: list[str], header: list[str], name: str, number: int, max_cell: int
) -> Problem | None:
    """A cell no reader would take: too long, a forbidden character, or filled beyond the header."""
    problem = cell_problem(cells, header, name, number, max_cell)
    if problem is None and any(cell.strip() for cell in cells[len(header) :]):
        message = f"the row has cells beyond the header's {len(header)} columns"
        return Problem("ragged-row", message, file=name, row=number)
    return problem


def write(
    path: Path, header: Sequence[str], rows: Iterable[Sequence[str]], *, numeric: Sequence[str] = ()
) -> None:
    """Write a one-sheet workbook; columns in `numeric` are written as numbers, the rest as text."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(SHEET)
    sheet.append(list(header))
    numeric_positions = {i for i, column in enumerate(header) if column in numeric}
    for row in rows:
        sheet.append([_excel_cell(cell, i in numeric_positions) for i, cell in enumerate(row)])
    workbook.save(path)


def write_export(path: Path, table: ExportTable) -> None:
    write(path, table.columns, table.rows, numeric=table.numeric)


def _excel_cell(text: str, numeric: bool) -> object:
    if numeric and text:
        try:
            number = float(text)
        except ValueError:
            return neutralise(text)
        return int(number) if number.is_integer() and "." not in text else number
    return neutralise(text) if text else None
