"""Apache Parquet: columnar bulk downloads; every column written as text, as in the tidy CSV."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from compactwatch.core.formats import ExportTable, Row, Table, cell_text
from compactwatch.core.validation import Problem

BATCH_ROWS = 50_000


def read(path: Path) -> list[Table]:
    try:
        parquet = pq.ParquetFile(path)
    except (pa.ArrowInvalid, OSError) as error:
        problem = Problem("bad-file", f"not a readable Parquet file: {error}", file=path.name)
        return [Table(path.name, [], iter([(0, problem)]), 0, "parquet")]
    header = list(parquet.schema_arrow.names)
    return [Table(path.name, header, _rows(parquet), parquet.metadata.num_rows, "parquet")]


def _rows(parquet: pq.ParquetFile) -> Iterator[Row]:
    number = 1
    for batch in parquet.iter_batches(batch_size=BATCH_ROWS):
        columns = [batch.column(i).to_pylist() for i in range(batch.num_columns)]
        for values in zip(*columns, strict=True):
            number += 1
            yield number, [cell_text(value) for value in values]


def write(path: Path, header: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    columns = list(zip(*rows, strict=True)) if rows else [() for _ in header]
    table = pa.table(
        {name: pa.array(list(values), type=pa.string()) for name, values in zip(header, columns, strict=True)}
    )
    pq.write_table(table, path, compression="zstd")


def write_export(path: Path, table: ExportTable) -> None:
    write(path, table.columns, table.rows)
