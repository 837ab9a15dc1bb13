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
    # 3 children aged 0-4 in 2022: a sensitive indicator, published as <10 and rated without that value
    assert "<tr><td>0 to 4 years</td><td>2022</td><td>&lt;10</td></tr>" in page
    assert ">3<" not in page
    assert page.count('href="/methodology/#method-absolute-change"') == 4  # the rating, its method, 2 series
    assert 'Not enough evidence</a> <span class="coverage">(rated on 1 of' in page
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
    # 3 children in 2022 is withheld (<10 for a sensitive indicator), so the rating never reads it
    assert (small["latest_year"], small["components"]["latest_value"]) == (2015, "38")
    card = client.get("/api/v1/scorecards/GBR").json()
    assert card["indicators"][0]["status"] == "deterioration"
    assert card["overall"]["status"] == "not_enough_evidence"
    assert card["overall"]["counts"] == {"deterioration": 1}
    assert [t["code"] for t in card["topics"]][4] == "detention"
    assert card["topics"][4]["rollup"]["counts"] == {"deterioration": 1}
    assert card["topics"][4]["rollup"]["coverage"]["text"] == "rated on 1 of 3 indicators"
    assert card["topics"][0]["rollup"]["status"] == "not_enough_evidence"
    assert client.get("/api/v1/scorecards/XXX").status_code == 404
    assert client.get("/countries/XXX/").status_code == 404


@pytest.mark.django_db
@pytest.mark.usefixtures("rated")
def test_api_country_list_and_topic_across_countries(client: Client) -> None:
    countries = client.get("/api/v1/scorecards").json()
    assert [(c["iso3"], c["rollup"]["status"]) for c in countries] == [("GBR", "not_enough_evidence")]
    assert countries[0]["rollup"]["coverage"]["topics_covered"] == 1
    topic = client.get("/api/v1/topics/detention/countries").json()
    assert topic["title"] == "Child immigration detention"
    assert [(c["iso3"], c["rollup"]["counts"]) for c in topic["countries"]] == [("GBR", {"deterioration": 1})]
    assert topic["countries"][0]["rollup"]["status"] == "deterioration"
    assert topic["countries"][0]["rollup"]["coverage"]["text"] == "rated on 1 of 3 indicators"
    assert client.get("/api/v1/topics/non-discrimination/countries").json()["countries"] == []
    missing = client.get("/api/v1/topics/nowhere/countries")
    assert missing.status_code == 404
    assert missing.json()["error"]["code"] == "not-found"


def test_openapi_documents_coverage(client: Client) -> None:
    schemas = client.get("/api/v1/openapi.json").json()["components"]["schemas"]
    coverage = schemas["CoverageOut"]["properties"]
    assert sorted(coverage) == [
        "enough_for_status",
        "indicators",
        "rated_indicators",
        "text",
        "topics",
        "topics_covered",
    ]
    assert "3 rated indicators in 3 topics" in coverage["enough_for_status"]["description"]
    assert schemas["RollupOut"]["properties"]["coverage"]["$ref"] == "#/components/schemas/CoverageOut"
    assert "coverage" in schemas["ScorecardOut"]["required"]
    assert "population" in schemas["AssessmentOut"]["properties"]
