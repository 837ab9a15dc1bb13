"""Importing the formats statistical offices send: SDMX-CSV 1.0 and 2.0, Excel; areas named every way."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from compactwatch.core.validation import InvalidInput
from compactwatch.observations.bundled import register_sources
from compactwatch.observations.models import Observation
from compactwatch.observations.services import import_files

pytestmark = pytest.mark.django_db

SDMX_1 = """\
DATAFLOW,INDICATOR,REF_AREA,TIME_PERIOD,SEX,AGE,COMPOSITE_BREAKDOWN,OBS_VALUE,UNIT_MEASURE,SOURCE_DETAIL
UNHCR:DF_DEMOGRAPHICS(1.0),refugee-children,TCD,2024,F,Y0T4,CW_MS_REF,65232,NUMBER,test-unhcr
UNHCR:DF_DEMOGRAPHICS(1.0),refugee-children,TCD,2024,M,Y0T4,CW_MS_REF,65755,NUMBER,test-unhcr
UNHCR:DF_DEMOGRAPHICS(1.0),refugee-children,TCD,2024,_T,Y_LT18,CW_MS_REF,528938,NUMBER,test-unhcr
"""
SDMX_2 = """\
STRUCTURE,STRUCTURE_ID,ACTION,INDICATOR,REF_AREA,TIME_PERIOD,NATIONALITY,CUST_BREAKDOWN,OBS_VALUE,SOURCE_DETAIL
dataflow,HO:DF_ASYLUM(1.0),I,uasc-asylum-applications,GBR,2023,ERI,_T,500,test-unhcr
dataflow,HO:DF_ASYLUM(1.0),I,uasc-asylum-applications,GBR,2023,_T,_T,3412,test-unhcr
"""


@pytest.fixture(autouse=True)
def _source() -> None:
    register_sources([{"code": "test-unhcr", "title": "Refugee Data Finder", "producer": "UNHCR"}])


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def stored(indicator: str, area: str) -> dict[tuple[int, str], float | None]:
    rows = Observation.objects.filter(series__indicator__code=indicator, series__area__iso3=area)
    return {(o.year, o.series.key): o.value for o in rows.select_related("series")}


def test_sdmx_csv_1_with_composite_breakdown_for_migration_status(tmp_path: Path) -> None:
    outcome = import_files([write(tmp_path, "unhcr.csv", SDMX_1)])
    assert outcome.files[0].format == "sdmx-csv"
    assert stored("refugee-children", "TCD") == {
        (2024, "AGE=Y0T4|MIGRATORY_STATUS=REF|SEX=F"): 65232,
        (2024, "AGE=Y0T4|MIGRATORY_STATUS=REF|SEX=M"): 65755,
        (2024, "AGE=Y_LT18|MIGRATORY_STATUS=REF"): 528938,
    }


def test_sdmx_csv_2_with_totals_coded_t(tmp_path: Path) -> None:
    outcome = import_files([write(tmp_path, "home-office.csv", SDMX_2)])
    assert outcome.files[0].format == "sdmx-csv"
    assert stored("uasc-asylum-applications", "GBR") == {(2023, "NATIONALITY=ERI"): 500, (2023, ""): 3412}


def test_an_excel_workbook_with_country_names_and_labels(tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Indicator", "Country", "Year", "Gender", "Value", "Source"])
    sheet.append(["birth-registration", "Nigeria", 2021, "Female", 56.8, "test-unhcr"])
    sheet.append(["birth-registration", "Nigeria", 2021, None, 57.3, "test-unhcr"])
    sheet.append([None, None, None, None, None, None])  # blank rows are skipped
    path = tmp_path / "nigeria.xlsx"
    workbook.save(path)
    outcome = import_files([path])
    assert (outcome.files[0].format, outcome.added) == ("xlsx", 2)
    assert stored("birth-registration", "NGA") == {(2021, "SEX=F"): 56.8, (2021, ""): 57.3}


@pytest.mark.parametrize(
    "written",
    ["TZA", "TZ", "834", "United Republic of Tanzania", " Tanzania", "république-unie de tanzanie"],
)
def test_areas_match_by_iso3_iso2_m49_and_name(tmp_path: Path, written: str) -> None:
    text = (
        f'Indicator,GeoCode,Year,AGE,Value,Source\nchild-migrants,"{written}",2020,Y_LT18,91000,test-unhcr\n'
    )
    import_files([write(tmp_path, "migrants.csv", text)])
    assert stored("child-migrants", "TZA") == {(2020, "AGE=Y_LT18"): 91000}


def test_names_that_match_no_area_are_listed_once_with_their_row_counts(tmp_path: Path) -> None:
    text = (
        "Indicator,Country,Year,AGE,Value,Source\n"
        "child-migrants,Germany,2020,Y_LT18,1149000,test-unhcr\n"
        "child-migrants,Atlantis,2020,Y_LT18,1000,test-unhcr\n"
        "child-migrants,Atlantis,2019,Y_LT18,1000,test-unhcr\n"
        "child-migrants,Ruritania,2020,Y_LT18,2000,test-unhcr\n"
    )
    with pytest.raises(InvalidInput) as refused:
        import_files([write(tmp_path, "migrants.csv", text)])
    report = refused.value.report
    assert [p.row for p in report if p.code == "unknown-area"] == [3, 4, 5]
    assert report.notes == [
        "migrants.csv: area names that matched no country or territory: "
        "'Atlantis' (2 rows), 'Ruritania' (1 row)"
    ]
    assert report.notes[0] in report.render()
    assert not Observation.objects.filter(series__area__iso3="DEU").exists()
