"""SDMX-CSV 1.0 (first column DATAFLOW) and 2.0 (STRUCTURE, STRUCTURE_ID, ACTION).

Dimensions follow the SDG data structure definition where it has them: REF_AREA, TIME_PERIOD, SEX, AGE,
URBANISATION, OBS_VALUE, UNIT_MEASURE, OBS_STATUS... Migration status travels in COMPOSITE_BREAKDOWN and
unaccompanied status in CUST_BREAKDOWN, as the SDG DSD does with breakdowns it has no dimension for.
Migration-status codes use the SDG code where one exists (MS_MIGRANT, MS_NONMIGRANT) and a compactwatch
code prefixed CW_MS_ otherwise; UASC codes are prefixed CW_UASC_.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO

from compactwatch.core.formats import DEFAULT_READ_OPTIONS, ExportTable, ReadOptions, Row, Table, tidy_csv
from compactwatch.core.validation import Problem

DATAFLOW = "COMPACTWATCH:DF_CHILDREN_ON_THE_MOVE(1.0)"
STRUCTURE_COLUMNS = ("STRUCTURE", "STRUCTURE_ID", "ACTION")

# compactwatch dimension -> SDMX column
DIMENSION_COLUMNS = {"MIGRATORY_STATUS": "COMPOSITE_BREAKDOWN", "UASC": "CUST_BREAKDOWN"}
MIGRATORY_STATUS_CODES = {"MIG": "MS_MIGRANT", "NONMIG": "MS_NONMIGRANT"}
ROLE_COLUMNS = {
    "Indicator": "INDICATOR",
    "GeoCode": "REF_AREA",
    "Year": "TIME_PERIOD",
    "Value": "OBS_VALUE",
    "Units": "UNIT_MEASURE",
    "ObsStatus": "OBS_STATUS",
    "ConfStatus": "CONF_STATUS",
    "LowerBound": "LOWER_BOUND",
    "UpperBound": "UPPER_BOUND",
    "Footnote": "COMMENT_OBS",
    "Evidence": "EVIDENCE",
    "Source": "SOURCE_DETAIL",
}


def sdmx_code(dimension: str, code: str) -> str:
    if not code:
        return "_T"
    if dimension == "MIGRATORY_STATUS":
        return MIGRATORY_STATUS_CODES.get(code, f"CW_MS_{code}")
    if dimension == "UASC":
        return f"CW_UASC_{code}"
    return code


def compactwatch_code(column: str, code: str) -> str:
    if column == "COMPOSITE_BREAKDOWN":
        reverse = {sdmx: ours for ours, sdmx in MIGRATORY_STATUS_CODES.items()}
        return reverse.get(code, code.removeprefix("CW_MS_"))
    if column == "CUST_BREAKDOWN":
        return code.removeprefix("CW_UASC_")
    return code


def read(path: Path, options: ReadOptions = DEFAULT_READ_OPTIONS) -> list[Table]:
    table = tidy_csv.read(path, options)[0]
    inverse = {sdmx: dim for dim, sdmx in DIMENSION_COLUMNS.items()}
    header = [inverse.get(column, column) for column in table.header]
    translated = [(i, column) for i, column in enumerate(table.header) if column in inverse]
    rows = _translate(table.rows, translated)
    return [Table(table.name, header, rows, table.size, "sdmx-csv", table.encoding)]


def _translate(rows: Iterator[Row], translated: list[tuple[int, str]]) -> Iterator[Row]:
    """Breakdown codes back to compactwatch's (the columns were renamed in the header)."""
    for number, cells in rows:
        if not isinstance(cells, Problem):
            for position, column in translated:
                code = cells[position]
                cells[position] = "" if code == "_T" else compactwatch_code(column, code)
        yield number, cells


def header(dimensions: Sequence[str], columns: Sequence[str]) -> list[str]:
    """SDMX-CSV 2.0 header for an export with these dimension and role columns (tidy names)."""
    out = list(STRUCTURE_COLUMNS)
    for column in columns:
        if column in dimensions:
            out.append(DIMENSION_COLUMNS.get(column, column))
        else:
            out.append(ROLE_COLUMNS.get(column, column))
    return out


def write(
    handle: IO[str], dimensions: Sequence[str], columns: Sequence[str], rows: Iterable[Sequence[str]]
) -> None:
    positions = {column: i for i, column in enumerate(columns)}

    def sdmx_row(row: Sequence[str]) -> list[str]:
        cells = ["dataflow", DATAFLOW, "I"]
        for column in columns:
            value = row[positions[column]]
            cells.append(sdmx_code(column, value) if column in dimensions else value)
        return cells

    tidy_csv.write(handle, header(dimensions, columns), (sdmx_row(row) for row in rows))


def write_export(path: Path, table: ExportTable) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        write(handle, table.dimensions, table.columns, table.rows)
