"""Large files are written a chunk at a time: repeats and revisions across chunks, files and tables.

The writer skips comparing a series that the file being read created, unless a row of that file repeats an
earlier one or the file has several tables; these tests use two-row chunks so every case crosses a chunk.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from compactwatch.observations import services
from compactwatch.observations.bundled import register_sources
from compactwatch.observations.models import Observation
from compactwatch.observations.services import import_files

pytestmark = pytest.mark.django_db

HEADER = "Indicator,GeoCode,Year,SEX,AGE,MIGRATORY_STATUS,Value,Units,Source\n"
ROWS = [
    "refugee-children,TCD,2023,F,Y0T4,REF,61234,NUMBER,test-unhcr\n",
    "refugee-children,TCD,2023,M,Y0T4,REF,60111,NUMBER,test-unhcr\n",
    "refugee-children,TCD,2023,,Y_LT18,REF,402345,NUMBER,test-unhcr\n",
    "refugee-children,NER,2024,,Y_LT18,REF,512000,NUMBER,test-unhcr\n",
]
GIRLS = {"series__key": "AGE=Y0T4|MIGRATORY_STATUS=REF|SEX=F", "year": 2023}


@pytest.fixture(autouse=True)
def _small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(services, "CHUNK_ROWS", 2)
    register_sources([{"code": "test-unhcr", "title": "Refugee Data Finder", "producer": "UNHCR"}])


def write(path: Path, rows: list[str]) -> Path:
    path.write_text(HEADER + "".join(rows), encoding="utf-8")
    return path


def test_a_row_repeated_in_a_later_chunk_is_counted_once(tmp_path: Path) -> None:
    outcome = import_files([write(tmp_path / "repeat.csv", [*ROWS, ROWS[0]])])
    assert (outcome.rows_read, outcome.added, outcome.revised, outcome.unchanged) == (5, 4, 0, 1)
    assert Observation.objects.count() == 4
    assert list(Observation.objects.filter(**GIRLS).values_list("revision", "source_row")) == [(1, 2)]


def test_a_new_series_changed_by_a_second_file_of_the_same_import_is_revised(tmp_path: Path) -> None:
    first = write(tmp_path / "first.csv", ROWS)
    second = write(tmp_path / "second.csv", [ROWS[0].replace("61234", "61300"), *ROWS[1:]])
    outcome = import_files([first, second])
    assert [(f.added, f.revised, f.unchanged) for f in outcome.files] == [(4, 0, 0), (0, 1, 3)]
    history = Observation.objects.filter(**GIRLS).order_by("revision")
    assert [(o.revision, o.value, o.is_current, o.batch.file_name) for o in history] == [
        (1, 61234, False, "first.csv"),
        (2, 61300, True, "second.csv"),
    ]


def test_a_second_table_of_a_data_package_is_compared_with_the_first(tmp_path: Path) -> None:
    package = tmp_path / "package"
    package.mkdir()
    write(package / "one.csv", ROWS)
    write(package / "two.csv", [ROWS[3], ROWS[0].replace("61234", "61300")])
    resources = [{"name": name, "path": f"{name}.csv"} for name in ("one", "two")]
    (package / "datapackage.json").write_text(json.dumps({"resources": resources}), encoding="utf-8")
    outcome = import_files([package])
    assert (outcome.rows_read, outcome.added, outcome.revised, outcome.unchanged) == (6, 4, 1, 1)
    assert list(Observation.objects.filter(**GIRLS, is_current=True).values_list("value", "revision")) == [
        (61300, 2)
    ]
    assert Observation.objects.count() == 5
