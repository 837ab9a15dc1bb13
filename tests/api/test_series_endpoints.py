"""Series: listed with filters and counts of published observations; one series and its observations."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.api.helpers import API, assert_error, get_json

pytestmark = pytest.mark.django_db


def test_series_are_listed_with_their_keys_and_years(client: Client, data: None) -> None:
    body = get_json(client, "/series?indicator=refugee-children&area=GBR")
    assert body["count"] == 4
    assert [(s["key"], s["observations"], s["first_year"], s["last_year"]) for s in body["results"]] == [
        ("AGE=Y0T4|MIGRATORY_STATUS=REF", 2, 2022, 2023),
        ("AGE=Y0T4|MIGRATORY_STATUS=REF|SEX=F", 2, 2022, 2023),
        ("AGE=Y0T4|MIGRATORY_STATUS=REF|SEX=M", 2, 2022, 2023),
        ("AGE=Y_LT18|MIGRATORY_STATUS=ASY", 1, 2023, 2023),
    ]
    assert body["results"][1]["dimensions"] == {"AGE": "Y0T4", "MIGRATORY_STATUS": "REF", "SEX": "F"}


def test_series_can_be_filtered_by_dimension_and_paged(client: Client, data: None) -> None:
    assert get_json(client, "/series")["count"] == 12  # TCD 3, GBR 4, UASC 2, NGA 2, the law 1
    girls = get_json(client, "/series?SEX=F")["results"]
    assert {(s["indicator"], s["area"]) for s in girls} == {
        ("refugee-children", "TCD"),
        ("refugee-children", "GBR"),
        ("uasc-asylum-applications", "GBR"),
        ("birth-registration", "NGA"),
    }
    page = get_json(client, "/series?limit=4&offset=9")
    assert (len(page["results"]), page["next"]) == (3, None)
    assert page["previous"].endswith("offset=5")


def test_one_series_and_its_observations(client: Client, data: None) -> None:
    listed = get_json(client, "/series?indicator=refugee-children&area=GBR&SEX=F")["results"][0]
    series = get_json(client, f"/series/{listed['id']}")
    assert series == listed
    observations = get_json(client, f"/series/{listed['id']}/observations")
    assert [(row["year"], row["value"]) for row in observations["results"]] == [(2022, 1400), (2023, 1485)]
    only_2023 = get_json(client, f"/series/{listed['id']}/observations?from=2023")
    assert only_2023["count"] == 1
    csv_text = client.get(f"{API}/series/{listed['id']}/observations?format=csv").content.decode()
    assert csv_text.splitlines()[1].startswith("refugee-children,GBR,2022,Y0T4,REF,F,1400,NUMBER")


def test_an_unknown_series_is_a_404(client: Client, data: None) -> None:
    assert_error(get_json(client, "/series/999999", status=404), "not-found")
    assert_error(get_json(client, "/series/999999/observations", status=404), "not-found")
    assert_error(get_json(client, "/series/abc", status=422), "invalid-parameter")
