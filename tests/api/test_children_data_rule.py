"""The children's data rule through the API: no count from 1 to 4 (1 to 9 when sensitive) ever leaves it."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.test import Client

from tests.api.helpers import API, get_json

pytestmark = pytest.mark.django_db


def chad_2023(client: Client, extra: str = "") -> dict[str, dict[str, object]]:
    results = get_json(client, f"/observations?indicator=refugee-children&area=TCD&from=2023{extra}")[
        "results"
    ]
    return {row["dimensions"].get("SEX", "_T"): row for row in results}


def test_a_small_count_reads_below_5_flagged_confidential(client: Client, data: None) -> None:
    girls = chad_2023(client)["F"]
    assert (girls["value"], girls["value_text"], girls["conf_status"]) == (None, "<5", "C")


def test_the_cell_that_would_reveal_it_is_withheld_too(client: Client, data: None) -> None:
    rows = chad_2023(client)
    boys, total = rows["M"], rows["_T"]
    assert (boys["value"], boys["value_text"], boys["conf_status"]) == (None, "", "C")
    assert (total["value"], total["value_text"]) == (120, "120")


def test_filtering_one_dimension_does_not_escape_the_rule(client: Client, data: None) -> None:
    """Asking for the boys alone still withholds them: the rule looks at the whole table, not the filter."""
    boys = get_json(client, "/observations?indicator=refugee-children&area=TCD&from=2023&SEX=M")["results"]
    assert [(row["value"], row["value_text"]) for row in boys] == [(None, "")]
    # Pages of one row (total, girls, boys) are published as the whole table is.
    base = "/observations?indicator=refugee-children&area=TCD&from=2023&limit=1"
    texts = [get_json(client, f"{base}&offset={offset}")["results"][0]["value_text"] for offset in range(3)]
    assert texts == ["120", "<5", ""]


def test_a_sensitive_indicator_uses_the_higher_threshold(client: Client, data: None) -> None:
    results = get_json(client, "/observations?indicator=uasc-asylum-applications&SEX=F")["results"]
    assert [(row["value"], row["value_text"], row["conf_status"]) for row in results] == [(None, "<10", "C")]


def test_no_small_count_appears_anywhere_in_json_or_csv(client: Client, data: None) -> None:
    as_json = get_json(client, "/observations?limit=1000")["results"]
    numbers = [row["value"] for row in as_json if row["value"] is not None and row["unit"] == "NUMBER"]
    assert numbers
    assert not [value for value in numbers if 0 < value < 5]
    assert '"value": 3.0' not in json.dumps(as_json)
    assert '"value": 7.0' not in json.dumps(as_json)
    text = client.get(f"{API}/observations?limit=1000&format=csv").content.decode()
    values = [row["Value"] for row in csv.DictReader(io.StringIO(text))]
    assert "3" not in values
    assert "7" not in values
    assert "117" not in values
    assert values.count("<5") == 1


def test_series_observations_apply_the_rule_too(client: Client, data: None) -> None:
    series = get_json(client, "/series?indicator=refugee-children&area=TCD&SEX=F")["results"]
    assert len(series) == 1
    observations = client.get(series[0]["observations_url"]).json()["results"]
    assert [(row["value"], row["value_text"]) for row in observations] == [(None, "<5")]
