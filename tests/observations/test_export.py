"""Exports: every format round-trips, small counts never leave, spreadsheet formulas are neutralised."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command

from compactwatch.core.formats import FORMATS
from compactwatch.observations.bundled import register_sources
from compactwatch.observations.exports import export, render_text
from compactwatch.observations.models import ImportBatch, Observation, Series
from compactwatch.observations.selectors import published_table
from compactwatch.observations.services import import_files

pytestmark = pytest.mark.django_db

DETENTION = """\
Indicator,GeoCode,Year,AGE,Value,Source,Footnote
children-entering-detention,GBR,2020,,31,test-home-office,
children-entering-detention,GBR,2020,Y0T4,9,test-home-office,
children-entering-detention,GBR,2020,Y5T11,12,test-home-office,
children-entering-detention,GBR,2020,Y12T16,8,test-home-office,
children-entering-detention,GBR,2020,Y17,2,test-home-office,=HYPERLINK("http://example.org")
birth-registration,NGA,2021,,56.6,test-home-office,@SUM(A1)
birth-registration,NGA,2017,,46.9,test-home-office,+1 survey round
"""


@pytest.fixture
def exported_data(tmp_path: Path) -> Path:
    register_sources(
        [
            {
                "code": "test-home-office",
                "title": "Immigration system statistics",
                "producer": "UK Home Office",
                "licence": "Open Government Licence v3.0",
                "licence_url": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
            }
        ]
    )
    path = tmp_path / "detention.csv"
    path.write_text(DETENTION, encoding="utf-8")
    import_files([path])
    return path


def empty_the_store() -> None:
    Observation.objects.all().delete()
    Series.objects.all().delete()
    ImportBatch.objects.all().delete()


def read_csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_small_counts_are_withheld_and_the_total_cannot_reveal_them(exported_data: Path) -> None:
    rows = read_csv(render_text("csv", published_table(indicator="children-entering-detention", area="GBR")))
    shown = {row["AGE"]: (row["Value"], row["ConfStatus"]) for row in rows if row["Year"] == "2020"}
    # children-entering-detention is sensitive: its threshold is 10, so 9, 8 and 2 are withheld.
    assert shown["Y17"] == ("<10", "C")
    assert shown["Y0T4"] == ("<10", "C")
    assert shown[""] == ("31", "")
    assert (
        Observation.objects.get(series__key="AGE=Y17", year=2020).value == 2
    )  # the store keeps the raw value


def test_csv_cannot_carry_formulas(exported_data: Path) -> None:
    text = render_text("csv", published_table(indicator="birth-registration", area="NGA"))
    rows = read_csv(text)
    footnotes = {row["Year"]: row["Footnote"] for row in rows}
    assert footnotes["2021"] == "'@SUM(A1)"
    assert footnotes["2017"] == "'+1 survey round"
    detention = render_text("csv", published_table(indicator="children-entering-detention"))
    assert "'=HYPERLINK" in detention


@pytest.mark.parametrize("format_name", FORMATS)
def test_every_format_round_trips(exported_data: Path, tmp_path: Path, format_name: str) -> None:
    """Export -> import into an empty store -> export gives the identical file."""
    suffix = {"csv": ".csv", "sdmx-csv": ".csv", "xlsx": ".xlsx", "datapackage": "", "parquet": ".parquet"}
    first = tmp_path / f"first{suffix[format_name]}"
    second = tmp_path / f"second{suffix[format_name]}"
    rows = export(format_name, str(first), area="GBR")
    assert rows >= 5
    empty_the_store()
    outcome = import_files([first])
    assert outcome.added == rows
    export(format_name, str(second), area="GBR")
    assert _content(first) == _content(second)


def _content(path: Path) -> object:
    if path.suffix == ".xlsx":
        # A workbook is a zip whose entries carry the time they were written: compare what it holds.
        from openpyxl import load_workbook

        workbook = load_workbook(path, read_only=True)
        return [list(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]
    if path.is_dir():
        return b"".join((path / name).read_bytes() for name in sorted(p.name for p in path.iterdir()))
    return path.read_bytes()


def test_data_package_names_sources_and_licences(exported_data: Path, tmp_path: Path) -> None:
    folder = tmp_path / "package"
    export("datapackage", str(folder), area="GBR")
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["sources"][0]["producer"] == "UK Home Office"
    assert descriptor["licenses"][0]["title"] == "Open Government Licence v3.0"
    fields = [f["name"] for f in descriptor["resources"][0]["schema"]["fields"]]
    assert fields[:4] == ["Indicator", "GeoCode", "Year", "AGE"]


def test_export_to_standard_output(exported_data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    call_command("export", "--format", "sdmx-csv", "--indicator", "children-entering-detention", "-o", "-")
    out = capsys.readouterr().out
    assert out.startswith("STRUCTURE,STRUCTURE_ID,ACTION,INDICATOR,REF_AREA,TIME_PERIOD")
    assert "dataflow,COMPACTWATCH:DF_CHILDREN_ON_THE_MOVE(1.0),I,children-entering-detention,GBR,2020" in out


@pytest.mark.parametrize("format_name", ["xlsx", "parquet", "datapackage"])
def test_binary_formats_stream_to_standard_output_and_import_back(
    exported_data: Path, tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes], format_name: str
) -> None:
    rows = export(format_name, "-", area="GBR")
    streamed = capsysbinary.readouterr().out
    suffix = {"xlsx": ".xlsx", "parquet": ".parquet", "datapackage": ".zip"}[format_name]
    path = tmp_path / f"streamed{suffix}"
    path.write_bytes(streamed)
    empty_the_store()
    assert import_files([path]).added == rows
