"""Observations are inserted many rows per statement on SQLite (COPY on PostgreSQL): none lost or mixed up.

Three rows per statement here, so an eight-row file takes two full statements and one of two rows.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from compactwatch.observations import writer
from compactwatch.observations.bundled import register_sources
from compactwatch.observations.models import Observation
from compactwatch.observations.services import import_files

pytestmark = pytest.mark.django_db

HEADER = "Indicator,GeoCode,Year,SEX,AGE,Value,Units,Source,ObsStatus\n"
# Country, year, sex, age band, value, observation status: rows with and without an attribute.
CELLS = [
    ("TCD", 2021, "F", "Y0T4", 61234, ""),
    ("TCD", 2021, "M", "Y0T4", 60111, "E"),
    ("TCD", 2022, "F", "Y0T4", 62001, ""),
    ("NER", 2022, "", "Y_LT18", 512000, ""),
    ("NER", 2023, "", "Y_LT18", 513500, "P"),
    ("GBR", 2023, "F", "Y12T17", 7012, ""),
    ("GBR", 2024, "M", "Y12T17", 9315, ""),
    ("GBR", 2024, "", "", 20110, ""),
]


@pytest.fixture(autouse=True)
def _three_rows_per_statement(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(writer, "SQLITE_ROWS_PER_INSERT", 3)
    register_sources([{"code": "test-unhcr", "title": "Refugee Data Finder", "producer": "UNHCR"}])


def test_every_row_is_stored_with_its_own_cells(tmp_path: Path) -> None:
    lines = [
        f"refugee-children,{area},{year},{sex},{age},{value},NUMBER,test-unhcr,{status}\n"
        for area, year, sex, age, value, status in CELLS
    ]
    path = tmp_path / "children.csv"
    path.write_text(HEADER + "".join(lines), encoding="utf-8")

    outcome = import_files([path])

    assert (outcome.rows_read, outcome.added) == (8, 8)
    stored = Observation.objects.values_list(
        "source_row", "series__area__iso3", "year", "series__key", "value", "obs_status", "revision"
    ).order_by("source_row")
    expected = [
        (
            row,
            area,
            year,
            "|".join(f"{d}={c}" for d, c in (("AGE", age), ("SEX", sex)) if c),
            value,
            status,
            1,
        )
        for row, (area, year, sex, age, value, status) in enumerate(CELLS, start=2)
    ]
    assert list(stored) == expected
