"""Breaks in series (OBS_STATUS B) and partial periods are attributes of a value: the bundled data carry them
where the producers document them, and importing, exporting and importing again keeps them."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import call_command

from compactwatch.core.observation_checks import PARTIAL_PERIOD_CELLS
from compactwatch.core.series import comparable_stretches
from compactwatch.core.validation import InvalidInput
from compactwatch.observations.models import Observation, Source
from compactwatch.observations.services import import_files

pytestmark = pytest.mark.django_db

SOURCE = "uk-home-office-asylum-applications"
HEADER = "Indicator,GeoCode,Year,Value,Units,ObsStatus,Footnote,PartialPeriod\n"
FLAGGED = (
    HEADER + "uasc-asylum-applications,GBR,2023,4880,NUMBER,B,new counting rule,\n"
    "uasc-asylum-applications,GBR,2024,3000,NUMBER,,January-September,true\n"
)


@pytest.fixture
def home_office() -> Source:
    return Source.objects.create(
        code=SOURCE, title="UASC applications", producer="UK Home Office", licence="OGL"
    )


def current(indicator: str, area: str, year: int, key: str = "") -> Observation:
    return Observation.objects.get(
        series__indicator__code=indicator,
        series__area__iso3=area,
        series__key=key,
        year=year,
        is_current=True,
    )


def flags(year: int) -> tuple[str, bool, int]:
    value = current("uasc-asylum-applications", "GBR", year)
    return value.obs_status, value.partial_period, value.revision


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.usefixtures("bundled_data")
def test_turkiye_refugee_children_break_in_2015_and_2018_with_unhcr_reason() -> None:
    key = "AGE=Y_LT18|MIGRATORY_STATUS=REF"
    by_year = {year: current("refugee-children", "TUR", year, key) for year in (2014, 2015, 2017, 2018)}

    assert {year: (v.value, v.obs_status) for year, v in by_year.items()} == {
        2014: (138119, ""),
        2015: (13633, "B"),
        2017: (20037, ""),
        2018: (1668018, "B"),
    }
    assert by_year[2015].footnote.startswith(
        "Break in series: in 2015 UNHCR's age and sex breakdown for refugees in Türkiye leaves out the "
        "2,503,549 Syrian refugees, 236,496 of whom it covered the year before."
    )
    assert "UNHCR Refugee Data Finder" in by_year[2015].footnote
    girls = current("refugee-children", "TUR", 2015, "AGE=Y0T4|MIGRATORY_STATUS=REF|SEX=F")
    share = current("refugee-children-share", "TUR", 2015, key)
    assert (girls.value, girls.obs_status, share.value, share.obs_status) == (1439, "B", 36.2, "B")
    asylum_seekers = current("refugee-children", "TUR", 2015, "AGE=Y_LT18|MIGRATORY_STATUS=ASY")
    assert asylum_seekers.obs_status == ""


@pytest.mark.usefixtures("bundled_data")
def test_uk_detention_2021_is_footnoted_with_the_home_office_account_but_not_flagged() -> None:
    value = current("children-entering-detention", "GBR", 2021)

    assert (value.value, value.obs_status, value.partial_period) == (515, "", False)
    assert "It reports no change in how detention is counted" in value.footnote
    assert value.footnote.endswith(
        "https://www.gov.uk/government/statistics/immigration-statistics-year-ending-december-2021/"
        "how-many-people-are-detained-or-returned"
    )


@pytest.mark.usefixtures("bundled_data")
def test_uk_2024_is_a_partial_year_in_every_uasc_file_and_only_2024() -> None:
    partial = {
        (indicator, year): current(indicator, "GBR", year, key).partial_period
        for indicator, key in (
            ("uasc-asylum-applications", ""),
            ("uasc-asylum-decisions", ""),
            ("uasc-grant-rate", ""),
        )
        for year in (2023, 2024)
    }

    assert partial == {
        ("uasc-asylum-applications", 2023): False,
        ("uasc-asylum-applications", 2024): True,
        ("uasc-asylum-decisions", 2023): False,
        ("uasc-asylum-decisions", 2024): True,
        ("uasc-grant-rate", 2023): False,
        ("uasc-grant-rate", 2024): True,
    }
    assert Observation.objects.filter(is_current=True, partial_period=True).exclude(year=2024).count() == 0
    assert not Observation.objects.filter(is_current=True, partial_period=True, series__area__iso3="TUR")


@pytest.mark.usefixtures("home_office")
def test_flags_are_stored_and_a_repeated_import_changes_nothing(tmp_path: Path) -> None:
    path = write(tmp_path, "flagged.csv", FLAGGED)
    import_files([path], source=SOURCE)
    again = import_files([path], source=SOURCE)

    assert (flags(2023), flags(2024)) == (("B", False, 1), ("", True, 1))
    assert (again.added, again.revised, again.unchanged) == (0, 0, 2)


@pytest.mark.usefixtures("home_office")
def test_a_file_that_does_not_say_keeps_the_flag_and_one_that_says_false_clears_it(tmp_path: Path) -> None:
    import_files([write(tmp_path, "flagged.csv", FLAGGED)], source=SOURCE)
    silent = "Indicator,GeoCode,Year,Value,Units,ObsStatus,Footnote\n"
    silent += "uasc-asylum-applications,GBR,2024,3000,NUMBER,,January-September\n"
    import_files([write(tmp_path, "silent.csv", silent)], source=SOURCE)
    assert flags(2024) == ("", True, 1)

    cleared = HEADER + "uasc-asylum-applications,GBR,2024,3000,NUMBER,,January-September,false\n"
    outcome = import_files([write(tmp_path, "cleared.csv", cleared)], source=SOURCE)

    assert (outcome.revised, flags(2024)) == (1, ("", False, 2))


@pytest.mark.usefixtures("home_office")
def test_a_partial_period_cell_that_is_not_true_or_false_is_a_coded_problem(tmp_path: Path) -> None:
    bad = HEADER + "uasc-asylum-applications,GBR,2024,3000,NUMBER,,,Q1-Q3\n"

    with pytest.raises(InvalidInput) as refused:
        import_files([write(tmp_path, "bad.csv", bad)], source=SOURCE)

    problems = [(p.code, p.row, p.column) for p in refused.value.report.problems]
    assert problems == [("bad-value", 2, "PartialPeriod")]
    assert sorted(k for k, v in PARTIAL_PERIOD_CELLS.items() if v) == ["1", "true", "y", "yes"]


@pytest.mark.usefixtures("home_office")
def test_export_then_reimport_keeps_break_and_partial_flags(tmp_path: Path) -> None:
    import_files([write(tmp_path, "flagged.csv", FLAGGED)], source=SOURCE)
    exported = tmp_path / "export.csv"
    call_command("export", "--format", "csv", "-o", str(exported))
    header, *rows = exported.read_text(encoding="utf-8").splitlines()
    status = header.split(",").index("ObsStatus")

    outcome = import_files([exported])

    assert sorted(row.split(",")[status] for row in rows) == ["", "B"]
    assert (outcome.revised, outcome.unchanged) == (0, 2)
    assert (flags(2023), flags(2024)) == (("B", False, 1), ("", True, 1))


def test_a_break_starts_a_new_stretch_of_comparable_values() -> None:
    assert comparable_stretches(["", "", "B", "", "B", "E"]) == [0, 0, 1, 1, 2, 2]
    assert comparable_stretches(["B", ""]) == [0, 0]
