"""Every export format can be downloaded from the indicator page, with small counts withheld."""

from __future__ import annotations

import csv
import io
import json
import zipfile

import openpyxl
import pyarrow.parquet as pq
import pytest
from django.test import Client

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("bundled_data")]

BASE = "/indicators/children-entering-detention/download"


def download(client: Client, name: str) -> bytes:
    response = client.get(f"{BASE}/{name}/")
    assert response.status_code == 200, name
    assert response["Content-Disposition"].startswith("attachment; filename=")
    return response.content


def detention_rows(rows: list[dict[str, str]]) -> dict[tuple[str, str], str]:
    return {(row["Year"], row.get("AGE") or ""): str(row["Value"] or "") for row in rows}


def test_csv_withholds_small_counts(client: Client) -> None:
    rows = list(csv.DictReader(io.StringIO(download(client, "csv").decode("utf-8"))))
    values = detention_rows(rows)
    # data/uk_children_entering_detention.csv: 2020 total 87, 2020 Y0T4 = 1 (withheld), 2010 total 436
    assert values[("2010", "")] == "436"
    assert values[("2020", "Y0T4")].startswith("<")
    assert all(not (v.isdigit() and 0 < int(v) < 5) for v in values.values())


def test_sdmx_csv_xlsx_parquet_and_datapackage(client: Client) -> None:
    sdmx = download(client, "sdmx-csv").decode("utf-8")
    assert sdmx.splitlines()[0].startswith(("DATAFLOW", "STRUCTURE"))
    workbook = openpyxl.load_workbook(io.BytesIO(download(client, "xlsx")), read_only=True)
    assert len(list(workbook.worksheets[0].iter_rows())) > 50
    table = pq.read_table(io.BytesIO(download(client, "parquet")))
    assert table.num_rows > 50
    assert "Value" in table.column_names
    archive = zipfile.ZipFile(io.BytesIO(download(client, "datapackage")))
    descriptor = next(name for name in archive.namelist() if name.endswith("datapackage.json"))
    package = json.loads(archive.read(descriptor))
    assert package["resources"]


def test_unknown_format_and_indicator_are_not_found(client: Client) -> None:
    assert client.get(f"{BASE}/pdf/").status_code == 404
    assert client.get("/indicators/no-such/download/csv/").status_code == 404
