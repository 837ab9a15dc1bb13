"""Scorecard, country list, topic map and the API, through the real URL router."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from compactwatch.assessments.services import assess
from tests.assessments.conftest import AddSeries


@pytest.fixture
def rated(add_series: AddSeries) -> None:
    add_series("children-entering-detention", "GBR", "", {2015: 163, 2022: 232})
    add_series("children-entering-detention", "GBR", "AGE=Y0T4", {2015: 38, 2022: 3})
    assess()


@pytest.mark.django_db
@pytest.mark.usefixtures("rated")
def test_scorecard_shows_rating_explanation_chart_and_table(client: Client) -> None:
    page = client.get("/countries/GBR/").content.decode()
    assert "Deterioration" in page
    assert "rose from 163 in 2015 to 232 in 2022" in page
    assert 'data-vega-spec="chart-children-entering-detention"' in page
    assert '<script id="chart-children-entering-detention" type="application/json">' in page
    assert "to &lt;10 in 2022" in page  # 3 children aged 0-4 in 2022: a sensitive indicator, shown as <10
    assert ">3<" not in page
    assert "vega-lite.min.js" in page


@pytest.mark.django_db
@pytest.mark.usefixtures("rated")
def test_country_list_and_topic_map(client: Client) -> None:
    assert "United Kingdom" in client.get("/countries/").content.decode()
    page = client.get("/topics/detention/countries/").content.decode()
    start = page.index('<script id="topic-map" type="application/json">') + len(
        '<script id="topic-map" type="application/json">'
    )
    spec = json.loads(page[start : page.index("</script>", start)])
    rows = spec["transform"][0]["from"]["data"]["values"]
    assert rows == [{"iso3": "GBR", "name": rows[0]["name"], "band": "bad", "status": "Deterioration"}]
    assert 'data-band="bad"' in page


@pytest.mark.django_db
@pytest.mark.usefixtures("rated")
def test_api_assessments_and_scorecard(client: Client) -> None:
    rows = client.get("/api/v1/assessments?area=GBR&level=series").json()
    small = next(r for r in rows if r["key"] == "AGE=Y0T4")
    assert small["components"]["latest_value"] == "<10"  # sensitive indicator: threshold 10
    card = client.get("/api/v1/scorecards/GBR").json()
    assert card["indicators"][0]["status"] == "deterioration"
    assert card["topics"][0]["rollup"]["counts"] == {"deterioration": 1}
    assert client.get("/api/v1/scorecards/XXX").status_code == 404
    assert client.get("/countries/XXX/").status_code == 404


@pytest.mark.django_db
@pytest.mark.usefixtures("rated")
def test_api_country_list_and_topic_across_countries(client: Client) -> None:
    countries = client.get("/api/v1/scorecards").json()
    assert [(c["iso3"], c["rollup"]["status"]) for c in countries] == [("GBR", "deterioration")]
    topic = client.get("/api/v1/topics/detention/countries").json()
    assert topic["title"] == "Child immigration detention"
    assert [(c["iso3"], c["rollup"]["counts"]) for c in topic["countries"]] == [("GBR", {"deterioration": 1})]
    assert client.get("/api/v1/topics/non-discrimination/countries").json()["countries"] == []
    missing = client.get("/api/v1/topics/nowhere/countries")
    assert missing.status_code == 404
    assert missing.json()["error"]["code"] == "not-found"
