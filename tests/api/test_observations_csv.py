"""CSV answers: chosen by format=csv or the Accept header, in the tidy format of the downloads."""

from __future__ import annotations

import csv
import io

import pytest
from django.test import Client

from compactwatch.observations.exports import render_text
from compactwatch.observations.selectors import published_table
from tests.api.helpers import API

pytestmark = pytest.mark.django_db


def read_csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_format_csv_answers_the_tidy_csv(client: Client, data: None) -> None:
    response = client.get(f"{API}/observations?indicator=refugee-children&area=GBR&SEX=F&format=csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    table = read_csv(response.content.decode())
    assert [(row["Year"], row["SEX"], row["Value"], row["Source"]) for row in table] == [
        ("2022", "F", "1400", "test-unhcr"),
        ("2023", "F", "1485", "test-unhcr"),
    ]


def test_the_accept_header_chooses_csv_and_json_stays_the_default(client: Client, data: None) -> None:
    as_csv = client.get(
        f"{API}/observations?indicator=uasc-asylum-applications", headers={"Accept": "text/csv"}
    )
    assert as_csv["Content-Type"].startswith("text/csv")
    assert "Accept" in as_csv["Vary"]
    as_json = client.get(f"{API}/observations?indicator=uasc-asylum-applications", headers={"Accept": "*/*"})
    assert as_json["Content-Type"].startswith("application/json")
    forced = client.get(
        f"{API}/observations?indicator=uasc-asylum-applications&format=json", headers={"Accept": "text/csv"}
    )
    assert forced["Content-Type"].startswith("application/json")


def test_the_csv_of_a_whole_selection_equals_the_download(client: Client, data: None) -> None:
    """The API and the downloads publish the same cells, withheld values included."""
    response = client.get(f"{API}/observations?format=csv&limit=1000")
    assert response.content.decode() == render_text("csv", published_table())
    chad = client.get(f"{API}/observations?format=csv&indicator=refugee-children&area=TCD")
    assert chad.content.decode() == render_text("csv", published_table("refugee-children", "TCD"))


def test_an_unknown_format_is_a_validation_error(client: Client) -> None:
    response = client.get(f"{API}/observations?format=xml")
    assert response.status_code == 422
    assert response.json()["error"]["details"][0]["field"] == "format"
