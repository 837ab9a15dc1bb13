"""Compare: several countries on one chart and one table."""

from __future__ import annotations

import json
import re

import pytest
from django.test import Client

from compactwatch.areas.models import Area
from tests.web.conftest import get

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("bundled_data")]


def test_two_countries_on_one_chart_and_table(client: Client) -> None:
    names = dict(Area.objects.filter(iso3__in=["GBR", "DEU"]).values_list("iso3", "name"))
    page = get(client, "/compare/?areas=GBR,DEU&indicator=refugee-children&MIGRATORY_STATUS=REF&AGE=Y_LT18")
    found = re.search(r'id="compare-chart-spec" type="application/json">(.*?)</script>', page)
    assert found
    chart = json.loads(found.group(1))
    assert {v["series"] for v in chart["data"]["values"]} == {names["GBR"], names["DEU"]}
    header = page.split('<table id="compare-table">')[1].split("</thead>")[0]
    assert 'href="/countries/GBR/"' in header
    assert 'href="/countries/DEU/"' in header


def test_unknown_area_is_named_and_unknown_indicator_not_found(client: Client) -> None:
    page = get(client, "/compare/?areas=DEU,XXX&indicator=refugee-children&MIGRATORY_STATUS=REF&AGE=Y_LT18")
    assert "No data for this series in: XXX." in page
    assert client.get("/compare/?indicator=no-such").status_code == 404


def test_without_an_indicator_the_form_is_offered(client: Client) -> None:
    page = get(client, "/compare/")
    assert '<select id="compare-indicator" name="indicator">' in page
    assert '<option value="refugee-children"' in page
