"""Importing files: every problem code from a real-looking bad file, all or nothing, revisions, dry runs."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from compactwatch.core.validation import InvalidInput
from compactwatch.observations.bundled import register_sources
from compactwatch.observations.models import ImportBatch, Observation, Series
from compactwatch.observations.services import import_files

pytestmark = pytest.mark.django_db

GOOD = """\
Indicator,GeoCode,Year,SEX,AGE,MIGRATORY_STATUS,Value,Units,Source
refugee-children,TCD,2023,F,Y0T4,REF,61234,NUMBER,test-unhcr
refugee-children,TCD,2023,M,Y0T4,REF,60111,NUMBER,test-unhcr
refugee-children,TCD,2023,,Y_LT18,REF,402345,NUMBER,test-unhcr
refugee-children,Chad,2024,,Y_LT18,REF,512000,NUMBER,test-unhcr
"""


@pytest.fixture(autouse=True)
def _sources() -> None:
    register_sources(
        [
            {
                "code": "test-unhcr",
                "title": "Refugee Data Finder",
                "producer": "UNHCR",
                "licence": "CC BY 4.0",
            },
            {"code": "test-nbs", "title": "Nigeria SDG data", "producer": "National Bureau of Statistics"},
        ]
    )


def write(tmp_path: Path, text: str, name: str = "children.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def counts() -> tuple[int, int, int]:
    return Observation.objects.count(), Series.objects.count(), ImportBatch.objects.count()


def refused(path: Path, **options: object) -> list[str]:
    before = counts()
    with pytest.raises(InvalidInput) as error:
        import_files([path], **options)  # type: ignore[arg-type]
    assert counts() == before, "a refused file must change nothing"
    return error.value.report.codes()


def test_a_good_file_is_imported_with_its_keys(tmp_path: Path) -> None:
    outcome = import_files([write(tmp_path, GOOD)])
    assert (outcome.rows_read, outcome.added) == (4, 4)
    girls = Observation.objects.get(series__key="AGE=Y0T4|MIGRATORY_STATUS=REF|SEX=F", year=2023)
    assert girls.value == 61234
    assert girls.source.producer == "UNHCR"
    assert girls.batch.file_name == "children.csv"
    assert girls.source_row == 2
    assert Series.objects.filter(area__iso3="TCD").count() == 3  # "Chad" matched to TCD


def test_importing_the_same_file_twice_adds_nothing(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD)
    import_files([path])
    before = Observation.objects.count()
    again = import_files([path])
    assert (again.added, again.revised, again.unchanged) == (0, 0, 4)
    assert Observation.objects.count() == before


def test_a_changed_value_is_a_new_revision_and_the_old_one_is_kept(tmp_path: Path) -> None:
    import_files([write(tmp_path, GOOD)])
    changed = write(tmp_path, GOOD.replace("61234", "61300"), "children-revised.csv")
    outcome = import_files([changed])
    assert (outcome.added, outcome.revised, outcome.unchanged) == (0, 1, 3)
    history = Observation.objects.filter(
        series__key="AGE=Y0T4|MIGRATORY_STATUS=REF|SEX=F", year=2023
    ).order_by("revision")
    assert [(o.revision, o.value, o.is_current, o.batch.file_name) for o in history] == [
        (1, 61234, False, "children.csv"),
        (2, 61300, True, "children-revised.csv"),
    ]


def test_dry_run_reports_and_writes_nothing(tmp_path: Path) -> None:
    before = counts()
    outcome = import_files([write(tmp_path, GOOD)], dry_run=True)
    assert outcome.added == 4
    assert not outcome.written
    assert counts() == before


BAD_FILES = {
    "missing-column": "Indicator,GeoCode,SEX,Value,Source\nrefugee-children,TCD,F,4,test-unhcr\n",
    "unknown-column": GOOD.replace("Units,Source", "Units,Colour,Source").replace("NUMBER,", "NUMBER,red,"),
    "unknown-indicator": GOOD.replace("refugee-children,Chad", "refugee-childs,Chad"),
    "unknown-area": GOOD.replace("refugee-children,Chad", "refugee-children,Wakanda"),
    "unknown-source": GOOD.replace(
        "NUMBER,test-unhcr\nrefugee-children,Chad", "NUMBER,who\nrefugee-children,Chad"
    ),
    "unknown-code": GOOD.replace(",F,Y0T4", ",Girls and boys,Y0T4"),
    "unexpected-dimension": GOOD.replace("SEX,AGE,MIGRATORY_STATUS", "SEX,AGE,URBANISATION").replace(
        ",REF,", ",U,"
    ),
    "bad-period": GOOD.replace("TCD,2023,F", "TCD,2023-Q1,F"),
    "missing-value": GOOD.replace("61234", ""),
    "bad-value": GOOD.replace("61234", "61 thousand"),
    "out-of-range": GOOD.replace("61234", "-61234"),
    "unit-mismatch": GOOD.replace("61234,NUMBER", "61234,PERCENT"),
    "conflicting-duplicate": GOOD + "refugee-children,TCD,2023,F,Y0T4,REF,61999,NUMBER,test-unhcr\n",
    "ragged-row": GOOD + "refugee-children,TCD,2022,F\n",
    "bad-bound": (
        "Indicator,GeoCode,Year,Value,LowerBound,UpperBound,Source\n"
        "birth-registration,NGA,2021,56.6,58.1,60.2,test-nbs\n"
    ),
}


@pytest.mark.parametrize("code", sorted(BAD_FILES))
def test_each_problem_refuses_the_file_and_changes_nothing(tmp_path: Path, code: str) -> None:
    import_files([write(tmp_path, GOOD, "earlier.csv")])  # the database is not empty
    codes = refused(write(tmp_path, BAD_FILES[code]))
    assert code in codes


def test_problems_name_file_row_and_column(tmp_path: Path) -> None:
    path = write(tmp_path, BAD_FILES["out-of-range"])
    with pytest.raises(InvalidInput) as error:
        import_files([path])
    problem = error.value.report.problems[0]
    assert (problem.file, problem.row, problem.column) == ("children.csv", 2, "Value")
    assert str(problem).startswith("children.csv, row 2, column 'Value': [out-of-range]")


def test_one_bad_file_among_several_imports_none(tmp_path: Path) -> None:
    good = write(tmp_path, GOOD, "good.csv")
    bad = write(tmp_path, BAD_FILES["unknown-area"], "bad.csv")
    before = counts()
    with pytest.raises(InvalidInput):
        import_files([good, bad])
    assert counts() == before


def test_the_cli_prints_the_report_and_fails(tmp_path: Path) -> None:
    path = write(tmp_path, BAD_FILES["unknown-area"])
    with pytest.raises(CommandError) as error:
        call_command("import", str(path))
    assert "nothing was imported; the database is unchanged" in str(error.value)
    assert "[unknown-area]" in str(error.value)
    assert "'Wakanda'" in str(error.value)


def test_the_cli_indicator_and_source_options(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "Year,GeoCode,Sex,Value\n2021,NGA,Female,55.9\n2021,NGA,,56.6\n")
    call_command(
        "import", str(path), "--indicator", "birth-registration", "--source", "test-nbs", "--dry-run"
    )
    assert "dry run" in capsys.readouterr().out
    assert not Observation.objects.filter(
        series__indicator__code="birth-registration", batch__channel="cli"
    ).exists()
    call_command("import", str(path), "--indicator", "birth-registration", "--source", "test-nbs")
    assert Observation.objects.filter(source__code="test-nbs").count() == 2
