"""Area endpoints: countries with their M49 region, sub-region and groupings; the groupings themselves."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.api.helpers import assert_error, get_json

pytestmark = pytest.mark.django_db


def test_areas_are_listed_with_their_m49_region(client: Client) -> None:
    body = get_json(client, "/areas")
    assert body["count"] == 249
    chad = next(area for area in body["results"] if area["iso3"] == "TCD")
    # M49: Chad 148, Africa 002, Sub-Saharan Africa 202, Middle Africa 017.
    assert chad["m49"] == "148"
    assert chad["region"] == {"m49": "002", "name": "Africa"}
    assert chad["subregion"]["m49"] == "202"
    assert chad["intermediate_region"]["m49"] == "017"


def test_areas_can_be_filtered_by_any_m49_grouping(client: Client) -> None:
    northern_europe = get_json(client, "/areas?region=154")["results"]
    assert "GBR" in {area["iso3"] for area in northern_europe}
    assert "TCD" not in {area["iso3"] for area in northern_europe}
    assert_error(get_json(client, "/areas?region=999", status=404), "not-found")


def test_an_area_is_found_by_its_iso3_code_in_any_case(client: Client) -> None:
    area = get_json(client, "/areas/gbr")
    assert area["iso3"] == "GBR"
    assert area["iso2"] == "GB"
    groupings = {grouping["m49"]: grouping for grouping in area["groupings"]}
    assert {"001", "150", "154"} <= set(groupings)
    assert groupings["154"]["parent"] == "150"
    assert_error(get_json(client, "/areas/XYZ", status=404), "not-found")


def test_regions_are_listed_by_level_with_their_areas(client: Client) -> None:
    regions = get_json(client, "/regions?level=region")["results"]
    assert {"002", "019", "142", "150", "009"} == {region["m49"] for region in regions}
    africa = get_json(client, "/regions/002")
    assert africa["level"] == "region"
    assert "TCD" in africa["areas"]
    assert_error(get_json(client, "/regions?level=planet", status=422), "invalid-parameter")
