"""Large files report progress as they are read, and are written in chunks within one transaction."""

from __future__ import annotations

from pathlib import Path

import pytest

from compactwatch.core.validation import InvalidInput
from compactwatch.observations import services
from compactwatch.observations.bundled import register_sources
from compactwatch.observations.models import Observation
from compactwatch.observations.services import import_files

pytestmark = pytest.mark.django_db

AREAS = ("TCD", "UGA", "KEN", "ETH", "SDN", "COD", "TUR", "DEU", "COL", "PAK")


def big_file(folder: Path, *, bad_last_row: bool = False) -> Path:
    lines = ["Indicator,GeoCode,Year,SEX,AGE,Value,Source"]
    for area in AREAS:
        for year in range(1950, 2100):
            for sex in ("F", "M", ""):
                for age in ("Y0T4", "Y5T11", "Y12T17", "Y_LT18"):
                    lines.append(f"refugee-children,{area},{year},{sex},{age},{year - 1900},test-unhcr")
    if bad_last_row:
        lines.append("refugee-children,TCD,2101,F,Y0T4,12,test-unhcr")
    path = folder / "children.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(autouse=True)
def _source(monkeypatch: pytest.MonkeyPatch) -> None:
    register_sources([{"code": "test-unhcr", "title": "Refugee Data Finder", "producer": "UNHCR"}])
    monkeypatch.setattr(services, "CHUNK_ROWS", 4_000)  # several chunks from an 18,000-row file


def test_progress_is_reported_while_reading(tmp_path: Path) -> None:
    seen: list[tuple[str, int]] = []
    outcome = import_files([big_file(tmp_path)], progress=lambda file, done, size: seen.append((file, done)))
    assert outcome.added == 18_000 == Observation.objects.count()
    assert seen == [("children.csv", 10_000)]


def test_a_problem_in_the_last_row_undoes_the_chunks_already_written(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput) as refused:
        import_files([big_file(tmp_path, bad_last_row=True)])
    assert refused.value.report.codes() == ["bad-period"]
    assert refused.value.report.problems[0].row == 18_002
    assert Observation.objects.count() == 0
