"""Topic and goal pages give each indicator's latest status across countries, once ratings exist."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from compactwatch.assessments.models import Assessment
from compactwatch.assessments.services import assess
from tests.web.conftest import get

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("bundled_data")]


def status_cell(page: str, indicator: str) -> str:
    row = re.search(rf'href="/indicators/{indicator}/">.*?</tr>', page, re.S)
    assert row, indicator
    return re.findall(r"<td>(.*?)</td>", row.group(0), re.S)[-1]


def test_before_any_rating_the_status_says_so(client: Client) -> None:
    page = get(client, "/topics/detention/")
    assert "not rated yet" in status_cell(page, "children-entering-detention")
    assert 'href="/topics/detention/countries/"' in page


def test_ratings_are_counted_by_status(client: Client) -> None:
    assess(indicator="children-entering-detention")
    rating = Assessment.objects.get(
        indicator__code="children-entering-detention", area__iso3="GBR", level=Assessment.Level.INDICATOR
    )
    cell = status_cell(get(client, "/goals/DET.1/"), "children-entering-detention")
    assert f"{rating.get_status_display()}: 1" in cell
    page = get(client, "/indicators/children-entering-detention/?area=GBR")
    assert rating.explanation.replace("'", "&#x27;") in page
