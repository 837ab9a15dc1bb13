"""Property: whatever the counts, no exported cell in any format shows a count from 1 to 4."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from compactwatch.core.formats import FORMATS, reader_for
from compactwatch.core.validation import Problem
from compactwatch.observations.bundled import register_sources
from compactwatch.observations.exports import export
from compactwatch.observations.models import ImportBatch, Observation, Series
from compactwatch.observations.services import import_files

pytestmark = pytest.mark.django_db

AGES = ("Y0T4", "Y5T11", "Y12T17")
SEXES = ("F", "M")
VALUE_COLUMNS = {"Value", "OBS_VALUE", "LowerBound", "LOWER_BOUND", "UpperBound", "UPPER_BOUND"}
SUFFIX = {"csv": ".csv", "sdmx-csv": ".csv", "xlsx": ".xlsx", "datapackage": "", "parquet": ".parquet"}


def tidy_file(folder: Path, counts: list[int]) -> Path:
    """A sex x age table of refugee children with its margins, as UNHCR publishes it."""
    lines = ["Indicator,GeoCode,Year,SEX,AGE,Value,Source"]
    cells = {
        (sex, age): counts[i * len(AGES) + j] for i, sex in enumerate(SEXES) for j, age in enumerate(AGES)
    }
    for (sex, age), value in cells.items():
        lines.append(f"refugee-children,TCD,2024,{sex},{age},{value},test-unhcr")
    for sex in SEXES:
        lines.append(
            f"refugee-children,TCD,2024,{sex},,{sum(v for (s, _), v in cells.items() if s == sex)},test-unhcr"
        )
    for age in AGES:
        lines.append(
            f"refugee-children,TCD,2024,,{age},{sum(v for (_, a), v in cells.items() if a == age)},test-unhcr"
        )
    lines.append(f"refugee-children,TCD,2024,,,{sum(cells.values())},test-unhcr")
    path = folder / "children.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def exported_numbers(path: Path, format_name: str) -> list[float]:
    numbers = []
    for table in reader_for(format_name)(path):
        for _, cells in table.rows:
            assert not isinstance(cells, Problem), cells
            for column, text in zip(table.header, cells, strict=True):
                if column in VALUE_COLUMNS and text and not text.startswith("<"):
                    numbers.append(float(text))
    return numbers


@pytest.mark.parametrize("format_name", FORMATS)
def test_no_exported_cell_is_a_count_from_one_to_four(format_name: str) -> None:
    register_sources([{"code": "test-unhcr", "title": "Refugee Data Finder", "producer": "UNHCR"}])

    @settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(st.lists(st.integers(min_value=0, max_value=30), min_size=6, max_size=6))
    def check(counts: list[int]) -> None:
        Observation.objects.all().delete()
        Series.objects.all().delete()
        ImportBatch.objects.all().delete()
        with tempfile.TemporaryDirectory() as folder:
            import_files([tidy_file(Path(folder), counts)])
            target = Path(folder) / f"export{SUFFIX[format_name]}"
            export(format_name, str(target))
            numbers = exported_numbers(target, format_name)
        assert numbers, "the export holds the published cells"
        assert [n for n in numbers if 1 <= n <= 4] == []

    check()
