"""Files that cannot be read are refused with a coded problem, never a traceback, and change nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from compactwatch.core.validation import InvalidInput
from compactwatch.observations.bundled import register_sources
from compactwatch.observations.models import ImportBatch, Observation, Series
from compactwatch.observations.services import import_files

pytestmark = pytest.mark.django_db

GOOD = "Indicator,GeoCode,Year,AGE,Value,Source\nchildren-entering-detention,GBR,2019,Y12T16,33,test-ho\n"


@pytest.fixture(autouse=True)
def _source(tmp_path: Path) -> None:
    register_sources([{"code": "test-ho", "title": "Immigration statistics", "producer": "UK Home Office"}])
    (tmp_path / "earlier.csv").write_text(GOOD, encoding="utf-8")
    import_files([tmp_path / "earlier.csv"])  # the store is not empty


def make_bad_csv(folder: Path) -> Path:
    path = folder / "quoted.csv"
    path.write_text(GOOD + 'children-entering-detention,GBR,2020,"Y12T16\n', encoding="utf-8")
    return path


def make_latin1_csv(folder: Path) -> Path:
    path = folder / "cote-divoire.csv"
    text = GOOD + "children-entering-detention,GBR,2020,Y12T16,12,test-ho\n" * 3000
    path.write_bytes((text + "child-migrants,Côte d'Ivoire,2020,Y_LT18,1000,test-ho\n").encode("latin-1"))
    return path


def make_damaged_xlsx(folder: Path) -> Path:
    path = folder / "applications.xlsx"
    path.write_bytes(b"PK\x03\x04 this is not really a workbook")
    return path


def make_damaged_parquet(folder: Path) -> Path:
    path = folder / "children.parquet"
    path.write_bytes(b"PAR1 truncated")
    return path


def make_package_without_descriptor(folder: Path) -> Path:
    package = folder / "package"
    package.mkdir()
    (package / "datapackage.json").write_text('{"name": "x", "resources": [', encoding="utf-8")
    return package


def make_package_with_missing_resource(folder: Path) -> Path:
    package = folder / "package"
    package.mkdir()
    (package / "datapackage.json").write_text(
        '{"name": "x", "resources": [{"path": "observations.csv"}]}', encoding="utf-8"
    )
    return package


def make_package_escaping_its_folder(folder: Path) -> Path:
    package = folder / "package"
    package.mkdir()
    (package / "datapackage.json").write_text(
        '{"name": "x", "resources": [{"path": "../earlier.csv"}]}', encoding="utf-8"
    )
    return package


def make_damaged_zip(folder: Path) -> Path:
    path = folder / "package.zip"
    path.write_bytes(b"not a zip")
    return path


CASES = {
    "bad-csv": make_bad_csv,
    "bad-encoding": make_latin1_csv,
    "bad-file (xlsx)": make_damaged_xlsx,
    "bad-file (parquet)": make_damaged_parquet,
    "bad-file (descriptor)": make_package_without_descriptor,
    "bad-file (missing resource)": make_package_with_missing_resource,
    "bad-file (path outside)": make_package_escaping_its_folder,
    "bad-file (zip)": make_damaged_zip,
}


def counts() -> tuple[int, int, int]:
    return Observation.objects.count(), Series.objects.count(), ImportBatch.objects.count()


@pytest.mark.parametrize("case", sorted(CASES))
def test_an_unreadable_file_is_refused_with_its_code(tmp_path: Path, case: str) -> None:
    path = CASES[case](tmp_path)
    before = counts()
    with pytest.raises(InvalidInput) as refused:
        import_files([path])
    assert case.split(" ")[0] in refused.value.report.codes()
    assert counts() == before


def test_a_missing_file_is_not_found(tmp_path: Path) -> None:
    before = counts()
    with pytest.raises(InvalidInput) as refused:
        import_files([tmp_path / "earlier.csv", tmp_path / "no-such-file.csv"])
    assert refused.value.report.codes() == ["not-found"]
    assert counts() == before
