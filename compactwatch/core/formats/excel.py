"""Excel workbooks (.xlsx): the first sheet (or one named "data") laid out as tidy CSV."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from openpyxl import Workbook, load_workbook

from compactwatch.core.formats import ExportTable, Row, Table, cell_text
from compactwatch.core.formats.tidy_csv import neutralise
from compactwatch.core.validation import Problem

SHEET = "data"


def read(path: Path) -> list[Table]:
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # noqa: BLE001 - openpyxl raises many kinds for a damaged file
        problem = Problem("bad-file", f"not a readable .xlsx workbook: {error}", file=path.name)
        return [Table(path.name, [], iter([(0, problem)]), 0, "xlsx")]
    sheet = workbook[SHEET] if SHEET in workbook.sheetnames else workbook.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    first = next(rows, ())
    header = [cell_text(value).strip() for value in first]
    while header and not header[-1]:
        header.pop()
    name = f"{path.name} [{sheet.title}]"
    return [Table(name, header, _rows(rows, header, workbook), sheet.max_row or 0, "xlsx")]


def _rows(rows: Iterator[tuple[object, ...]], header: list[str], workbook: object) -> Iterator[Row]:
    width = len(header)
    try:
        for number, values in enumerate(rows, start=2):
            cells = [cell_text(value) for value in values]
            if not any(cell.strip() for cell in cells):
                continue
            yield number, (cells + [""] * width)[:width]
    finally:
        workbook.close()  # type: ignore[attr-defined]


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
