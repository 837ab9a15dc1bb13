"""Apache Parquet: columnar bulk downloads; every column written as text, as in the tidy CSV."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from compactwatch.core.formats import (
    DEFAULT_READ_OPTIONS,
    ExportTable,
    ReadLimits,
    ReadOptions,
    Row,
    Table,
    cell_text,
    refused_table,
)
from compactwatch.core.formats.text import cell_problem, header_problem
from compactwatch.core.validation import Problem

BATCH_ROWS = 50_000


# What pyarrow raises for a damaged file, or for text that is not UTF-8.
PARQUET_ERRORS = (pa.ArrowException, OSError, ValueError, UnicodeDecodeError)


def read(path: Path, options: ReadOptions = DEFAULT_READ_OPTIONS) -> list[Table]:
    """The file's one table, once its footer shows it within the limits (columns, expanded size)."""
    try:
        parquet = pq.ParquetFile(path)
        header = list(parquet.schema_arrow.names)
        expanded = sum(parquet.metadata.row_group(i).total_byte_size for i in range(parquet.num_row_groups))
    except PARQUET_ERRORS as error:
        unreadable = Problem("bad-file", f"not a readable Parquet file: {error}", file=path.name)
        return [refused_table(path.name, unreadable, "parquet")]
    limits = options.limits
    problem = header_problem(header, path.name, limits.max_columns)
    if problem is None and expanded > limits.max_uncompressed_bytes:
        message = f"the file expands to {expanded:,} bytes; at most {limits.max_uncompressed_bytes:,}"
        problem = Problem("archive-too-large", message, file=path.name)
    if problem is not None:
        parquet.close()
        return [refused_table(path.name, problem, "parquet")]
    rows = _rows(parquet, header, path.name, limits)
    return [Table(path.name, header, rows, parquet.metadata.num_rows, "parquet")]


def _rows(parquet: pq.ParquetFile, header: list[str], name: str, limits: ReadLimits) -> Iterator[Row]:
    number, expanded = 1, 0
    try:
        for batch in parquet.iter_batches(batch_size=BATCH_ROWS):
            expanded += batch.nbytes  # the footer's sizes are the writer's word; this is what was read
            if expanded > limits.max_uncompressed_bytes:
                message = f"the file expands past {limits.max_uncompressed_bytes:,} bytes"
                yield number + 1, Problem("archive-too-large", message, file=name, row=number + 1)
                return
            columns = [batch.column(i).to_pylist() for i in range(batch.num_columns)]
            for values in zip(*columns, strict=True):
                number += 1
                cells = [cell_text(value) for value in values]
                yield number, cell_problem(cells, header, name, number, limits.max_cell_chars) or cells
    except PARQUET_ERRORS as error:
        message = f"the file cannot be read past this row: {error}"
        yield number + 1, Problem("bad-file", message, file=name, row=number + 1)
    finally:
        parquet.close()


def write(path: Path, header: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    columns = list(zip(*rows, strict=True)) if rows else [() for _ in header]
    table = pa.table(
        {name: pa.array(list(values), type=pa.string()) for name, values in zip(header, columns, strict=True)}
    )
    pq.write_table(table, path, compression="zstd")


def write_export(path: Path, table: ExportTable) -> None:
    write(path, table.columns, table.rows)
