"""A rate or share carries its base (the denominator it is computed on): stored with the value, part of what
makes a revision, and never lost to a file that does not give it (published outputs never do)."""

from __future__ import annotations

from pathlib import Path

import pytest

from compactwatch.core.validation import InvalidInput
from compactwatch.observations.bundled import register_sources
from compactwatch.observations.models import Observation
from compactwatch.observations.services import import_files

pytestmark = pytest.mark.django_db

HEADER = "Indicator,GeoCode,Year,MIGRATORY_STATUS,AGE,Value,Units,Source"
SHARE = "refugee-children-share,ISL,2008,REF,Y_LT18,100,PERCENT,test-unhcr"


@pytest.fixture(autouse=True)
def _source() -> None:
    register_sources([{"code": "test-unhcr", "title": "Refugee Data Finder", "producer": "UNHCR"}])


def write(tmp_path: Path, name: str, header: str, *rows: str) -> Path:
    path = tmp_path / name
    path.write_text("\n".join((header, *rows)) + "\n", encoding="utf-8")
    return path


def history() -> list[tuple[int, float | None, float | None, bool]]:
    return list(
        Observation.objects.filter(year=2008)
        .order_by("revision")
        .values_list("revision", "value", "base", "is_current")
    )


@pytest.mark.parametrize("column", ["Base", "Denominator", "BASE"])
def test_the_base_is_stored_with_the_value(tmp_path: Path, column: str) -> None:
    import_files([write(tmp_path, "share.csv", f"{HEADER},{column}", f"{SHARE},5")])
    assert history() == [(1, 100, 5, True)]


def test_a_file_without_the_base_leaves_the_stored_base(tmp_path: Path) -> None:
    import_files([write(tmp_path, "with.csv", f"{HEADER},Base", f"{SHARE},5")])
    outcome = import_files([write(tmp_path, "without.csv", HEADER, SHARE)])
    assert (outcome.added, outcome.revised, outcome.unchanged) == (0, 0, 1)
    assert history() == [(1, 100, 5, True)]


def test_a_changed_base_is_a_revision(tmp_path: Path) -> None:
    import_files([write(tmp_path, "first.csv", f"{HEADER},Base", f"{SHARE},5")])
    import_files([write(tmp_path, "second.csv", f"{HEADER},Base", f"{SHARE},6")])
    assert history() == [(1, 100, 5, False), (2, 100, 6, True)]


def test_a_changed_value_without_a_base_does_not_keep_the_old_base(tmp_path: Path) -> None:
    import_files([write(tmp_path, "first.csv", f"{HEADER},Base", f"{SHARE},5")])
    import_files([write(tmp_path, "second.csv", HEADER, SHARE.replace(",100,", ",80,"))])
    assert history() == [(1, 100, 5, False), (2, 80, None, True)]


@pytest.mark.parametrize("base", ["0", "-5", "five"])
def test_a_base_that_is_not_a_positive_number_is_refused_with_row_and_column(
    tmp_path: Path, base: str
) -> None:
    path = write(
        tmp_path, "share.csv", f"{HEADER},Base", f"{SHARE},5", f"{SHARE.replace('2008', '2009')},{base}"
    )
    with pytest.raises(InvalidInput) as error:
        import_files([path])
    problems = [(p.code, p.row, p.column) for p in error.value.report.problems]
    assert problems == [("bad-base", 3, "Base")]
    assert not Observation.objects.exists()
