"""The home page: what compactwatch monitors, a headline figure with its source, and ways in."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from tests.web.conftest import get

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("bundled_data")]


def children_in_file(year: int) -> int:
    """Refugee + asylum-seeking children under 18 in data/unhcr_refugee_children.csv, summed independently:
    rows with AGE=Y_LT18 and no SEX, counts of 5 or more (smaller counts are never published)."""
    total = 0
    with (Path(settings.BUNDLED_DATA_DIR) / "unhcr_refugee_children.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if (
                row["Year"] == str(year)
                and row["AGE"] == "Y_LT18"
                and row["SEX"] == ""
                and row["MIGRATORY_STATUS"] in {"REF", "ASY"}
                and float(row["Value"]) >= 5
            ):
                total += round(float(row["Value"]))
    return total


def test_home_gives_the_refugee_children_figure_with_its_source(client: Client) -> None:
    page = get(client, "/")
    expected_2024 = children_in_file(2024)
    assert expected_2024 > 1_000_000
    assert f"{expected_2024:,}" in page
    assert "UNHCR, the UN Refugee Agency" in page
    assert "CC BY 4.0" in page
    assert 'href="https://www.unhcr.org/refugee-statistics/download"' in page
    assert 'data-vega-spec="headline-chart-spec"' in page
    assert '<script id="headline-chart-spec" type="application/json">' in page


def test_home_offers_topics_countries_indicators_and_search(client: Client) -> None:
    page = get(client, "/")
    assert 'href="/topics/detention/"' in page
    assert 'href="/countries/GBR/"' in page
    assert 'href="/indicators/birth-registration/"' in page
    assert 'action="/search/"' in page


def test_navigation_and_language(client: Client) -> None:
    page = get(client, "/")
    assert '<html lang="en">' in page
    for link in (
        "/framework/",
        "/indicators/",
        "/countries/",
        "/compare/",
        "/practices/",
        "/accounts/login/",
    ):
        assert f'href="{link}"' in page
