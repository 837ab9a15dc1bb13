"""The indicator page: chart with target, disaggregation selectors, table, map, metadata, downloads."""

from __future__ import annotations

import json
import re

import pytest
from django.test import Client

from tests.web.conftest import get

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("bundled_data")]


def spec(page: str, spec_id: str) -> dict[str, object]:
    match = re.search(rf'<script id="{spec_id}" type="application/json">(.*?)</script>', page, re.S)
    assert match, spec_id
    return json.loads(match.group(1))  # type: ignore[no-any-return]


def table_rows(page: str, table_id: str) -> list[list[str]]:
    table = re.search(rf'<table id="{table_id}">(.*?)</table>', page, re.S)
    assert table, table_id
    body = table.group(1).split("<tbody>")[1]
    return [
        [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
        for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)
    ]


def test_chart_has_the_data_and_the_target_line(client: Client) -> None:
    # data/nigeria_birth_registration.csv: NGA 2017, all columns empty (total): 46.9
    page = get(client, "/indicators/birth-registration/?area=NGA&AGE=&SEX=")
    chart = spec(page, "indicator-chart-spec")
    layers = chart["layer"]
    assert isinstance(layers, list)
    point = {"year": 2017, "value": 46.9, "series": "nigeria-nbs-open-sdg", "shown": "46.9"}
    values = chart["data"]["values"]  # type: ignore[index]
    assert any(point.items() <= v.items() for v in values)
    rules = [layer for layer in layers if layer["mark"]["type"] == "rule" and "y" in layer["encoding"]]
    assert [rule["encoding"]["y"].get("datum") for rule in rules] == [100.0]  # the target line
    assert ["2017", "46.9", "nigeria-nbs-open-sdg", ""] in table_rows(page, "series-table")


def test_a_disaggregation_changes_chart_and_table(client: Client) -> None:
    total = get(client, "/indicators/birth-registration/?area=NGA&AGE=&SEX=")
    girls = get(client, "/indicators/birth-registration/?area=NGA&AGE=&SEX=F")
    assert table_rows(total, "series-table") != table_rows(girls, "series-table")
    assert spec(total, "indicator-chart-spec")["data"] != spec(girls, "indicator-chart-spec")["data"]
    assert '<option value="F" selected>' in girls
    assert "Nigeria: Female" in girls


def test_selectors_list_the_dimensions_present_in_the_data(client: Client) -> None:
    page = get(client, "/indicators/refugee-children/")
    for name in ("MIGRATORY_STATUS", "SEX", "AGE"):
        assert f'name="{name}"' in page
    assert '<label for="select-migratory_status">Migratory status</label>' in page
    assert '<option value="REF"' in page


def test_the_fragment_is_only_the_part_the_selectors_change(client: Client) -> None:
    fragment = get(client, "/indicators/birth-registration/?area=NGA&SEX=F&fragment=data")
    assert "<html" not in fragment
    assert 'id="series-table"' in fragment
    assert 'data-vega-spec="indicator-chart-spec"' in fragment


def test_a_combination_without_data_offers_the_series_that_have_data(client: Client) -> None:
    page = get(client, "/indicators/birth-registration/?area=NGA&SEX=F&WEALTH_QUINTILE=Q1")
    assert "There are no data for this combination" in page
    assert "WEALTH_QUINTILE=Q1" in page


def test_small_counts_are_never_shown(client: Client) -> None:
    # data/uk_children_entering_detention.csv: GBR 2020 Y0T4 = 1, 2022 Y0T4 = 1
    page = get(client, "/indicators/children-entering-detention/?area=GBR&AGE=Y0T4")
    rows = {row[0]: row[1] for row in table_rows(page, "series-table")}
    assert rows["2020"].startswith("&lt;")
    assert rows["2022"].startswith("&lt;")
    values = [v["value"] for v in spec(page, "indicator-chart-spec")["data"]["values"]]  # type: ignore[index]
    assert not [v for v in values if 0 < v < 5]


def test_map_colours_countries_and_lists_small_states(client: Client) -> None:
    page = get(client, "/indicators/birth-registration/")
    world = spec(page, "indicator-map-spec")
    assert world["data"]["url"].endswith("web/world-110m.json")  # type: ignore[index]
    looked_up = world["layer"][1]["transform"][0]["from"]["data"]["values"]  # type: ignore[index]
    assert {"iso3": "NGA", "value": 57.3, "year": 2021, "shown": "57.3", "name": "Nigeria"} in looked_up
    aside = page.split('id="not-on-map-heading"')[1].split("</aside>")[0]
    assert "Malta" in aside
    assert "Nigeria" not in aside


def test_metadata_sources_and_downloads(client: Client) -> None:
    page = get(client, "/indicators/birth-registration/")
    assert "SDG indicator 16.9.1" in page
    assert "UNICEF Data Warehouse" in page
    assert "Licence:" in page
    for name in ("csv", "sdmx-csv", "xlsx", "datapackage", "parquet"):
        assert f'href="/indicators/birth-registration/download/{name}/"' in page
    assert '<script src="/static/web/charts.js" defer></script>' in page
