"""/observations: every filter, multiple codes, totals, years, sources, and rows that cite their source."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tests.api.helpers import get_json

pytestmark = pytest.mark.django_db


def rows(client: Client, query: str) -> list[dict[str, Any]]:
    return get_json(client, f"/observations?{query}")["results"]


def keys(results: list[dict[str, Any]]) -> list[tuple[str, int, str]]:
    return [
        (row["area"], row["year"], "|".join(f"{k}={v}" for k, v in sorted(row["dimensions"].items())))
        for row in results
    ]


def test_all_published_observations_are_returned_in_a_stable_order(client: Client, data: None) -> None:
    body = get_json(client, "/observations")
    assert body["count"] == 17  # 11 + 3 + 2 + 1 rows of the inline files
    first = body["results"][0]
    assert (first["indicator"], first["area"], first["year"]) == ("birth-registration", "NGA", 2021)
    assert first["dimensions"] == {}


def test_an_indicator_filter_takes_one_or_several_codes(client: Client, data: None) -> None:
    assert {row["indicator"] for row in rows(client, "indicator=uasc-asylum-applications")} == {
        "uasc-asylum-applications"
    }
    both = rows(client, "indicator=uasc-asylum-applications,birth-registration")
    assert {row["indicator"] for row in both} == {"uasc-asylum-applications", "birth-registration"}
    assert len(both) == 5


def test_an_area_filter_takes_iso3_codes_in_any_case(client: Client, data: None) -> None:
    chad = rows(client, "indicator=refugee-children&area=tcd")
    assert keys(chad) == [
        ("TCD", 2022, "AGE=Y0T4|MIGRATORY_STATUS=REF"),
        ("TCD", 2023, "AGE=Y0T4|MIGRATORY_STATUS=REF"),
        ("TCD", 2023, "AGE=Y0T4|MIGRATORY_STATUS=REF|SEX=F"),
        ("TCD", 2023, "AGE=Y0T4|MIGRATORY_STATUS=REF|SEX=M"),
    ]
    assert len(rows(client, "indicator=refugee-children&area=TCD,GBR")) == 11


def test_a_year_range_is_inclusive_at_both_ends(client: Client, data: None) -> None:
    years = [row["year"] for row in rows(client, "indicator=refugee-children&from=2023&to=2023")]
    assert set(years) == {2023}
    assert len(years) == 7  # TCD: 3, GBR: 4
    assert {row["year"] for row in rows(client, "indicator=refugee-children&to=2022")} == {2022}
    assert len(rows(client, "indicator=refugee-children&from=2024")) == 0


def test_any_dimension_filters_by_its_codelist_code(client: Client, data: None) -> None:
    girls = rows(client, "indicator=refugee-children&area=GBR&SEX=F")
    assert keys(girls) == [
        ("GBR", 2022, "AGE=Y0T4|MIGRATORY_STATUS=REF|SEX=F"),
        ("GBR", 2023, "AGE=Y0T4|MIGRATORY_STATUS=REF|SEX=F"),
    ]
    assert [row["value"] for row in girls] == [1400, 1485]
    asylum = rows(client, "area=GBR&MIGRATORY_STATUS=ASY&AGE=Y_LT18")
    assert keys(asylum) == [("GBR", 2023, "AGE=Y_LT18|MIGRATORY_STATUS=ASY")]
    assert len(rows(client, "area=GBR&indicator=refugee-children&SEX=F,M")) == 4
    assert len(rows(client, "area=GBR&indicator=refugee-children&sex=f")) == 2  # names and codes in any case


def test_the_total_code_selects_rows_without_that_dimension(client: Client, data: None) -> None:
    totals = rows(client, "indicator=refugee-children&area=GBR&SEX=_T&AGE=Y0T4")
    assert keys(totals) == [
        ("GBR", 2022, "AGE=Y0T4|MIGRATORY_STATUS=REF"),
        ("GBR", 2023, "AGE=Y0T4|MIGRATORY_STATUS=REF"),
    ]


def test_a_source_filter_selects_one_publisher(client: Client, data: None) -> None:
    mics = rows(client, "source=test-mics")
    assert {row["indicator"] for row in mics} == {"birth-registration"}
    assert len(mics) == 2


def test_every_row_cites_its_source_and_the_sources_endpoint_describes_it(client: Client, data: None) -> None:
    cited = {row["source"] for row in rows(client, "limit=1000")}
    assert cited == {"test-unhcr", "test-home-office", "test-mics", "test-law"}
    sources = {source["code"]: source for source in get_json(client, "/sources")["results"]}
    assert cited <= set(sources)
    unhcr = get_json(client, "/sources/test-unhcr")
    assert unhcr["producer"] == "UNHCR"
    assert unhcr["licence"] == "CC BY 4.0"
    assert unhcr["url"] == "https://www.unhcr.org/refugee-statistics/"
    assert unhcr["retrieved"] == "2026-06-25"
    assert sources["test-mics"]["licence"] == "not stated"


def test_percentages_keep_bounds_and_footnotes(client: Client, data: None) -> None:
    girls = rows(client, "indicator=birth-registration&SEX=F")[0]
    assert (girls["value"], girls["value_text"], girls["unit"]) == (55.9, "55.9", "PERCENT")
    assert (girls["lower_bound"], girls["upper_bound"], girls["footnote"]) == (53.1, 58.7, "MICS 2021")


def test_structural_values_are_codes_with_their_evidence(client: Client, data: None) -> None:
    law = rows(client, "indicator=detention-prohibited-law")[0]
    assert (law["value"], law["value_text"], law["unit"]) == (None, "NO", "YES_PARTIAL_NO")
    assert law["evidence"] == "Immigration Act 2016 section 5"
