"""Framework endpoints: topics, goals, targets, indicators and codelists, lists, filters and details.

Expected codes are those of framework/topics.yaml, framework/indicators.yaml and framework/codelists.yaml.
"""

from __future__ import annotations

import pytest
from django.test import Client

from tests.api.helpers import assert_error, get_json

pytestmark = pytest.mark.django_db

TOPICS = [
    "non-discrimination",
    "best-interests",
    "child-protection",
    "durable-solutions",
    "detention",
    "access-to-services",
]


def test_topics_are_listed_in_order_with_their_goals(client: Client) -> None:
    body = get_json(client, "/topics")
    assert body["count"] == 6
    assert [topic["code"] for topic in body["results"]] == TOPICS
    detention = body["results"][4]
    assert detention["goals"] == ["DET.1"]
    assert detention["commitments"] == ["NYD-33-detention"]
    assert detention["provenance"]["kind"] == "coalition"


def test_a_topic_has_its_goals_and_the_commitments_it_quotes(client: Client) -> None:
    topic = get_json(client, "/topics/non-discrimination")
    assert [goal["code"] for goal in topic["goal_details"]] == ["ND.1", "ND.2"]
    assert topic["goal_details"][0]["targets"] == ["ND.T1", "ND.T4"]
    commitment = topic["commitment_details"][0]
    assert commitment["code"] == "NYD-xenophobia"
    assert commitment["quote"]


def test_goals_can_be_filtered_by_topic(client: Client) -> None:
    assert get_json(client, "/goals")["count"] == 15
    body = get_json(client, "/goals?topic=durable-solutions")
    assert [goal["code"] for goal in body["results"]] == ["DS.1", "DS.2", "DS.3", "DS.4"]
    assert {goal["topic"] for goal in body["results"]} == {"durable-solutions"}


def test_a_goal_has_its_targets_and_indicators(client: Client) -> None:
    goal = get_json(client, "/goals/DET.1")
    assert [target["code"] for target in goal["target_details"]] == ["DET.T1", "DET.T2"]
    assert {"detention-prohibited-law", "children-entering-detention"} <= set(goal["indicators"])


def test_targets_can_be_filtered_by_goal_and_read_one_by_one(client: Client) -> None:
    assert get_json(client, "/targets")["count"] == 6
    body = get_json(client, "/targets?goal=ND.2")
    assert [target["code"] for target in body["results"]] == ["ND.T2", "ND.T3"]
    target = get_json(client, "/targets/ND.T2")
    assert target["goal"] == "ND.2"
    assert target["text"]


def test_indicators_are_listed_and_filtered_by_topic_goal_and_type(client: Client) -> None:
    assert get_json(client, "/indicators")["count"] == 29  # framework/indicators.yaml, version 2026.3
    structural = get_json(client, "/indicators?type=structural")["results"]
    assert len(structural) == 10
    assert {indicator["unit"]["code"] for indicator in structural} == {"YES_PARTIAL_NO"}
    detention = get_json(client, "/indicators?topic=detention")["results"]
    assert {"children-entering-detention", "alternatives-to-detention"} <= {i["code"] for i in detention}
    by_goal = get_json(client, "/indicators?goal=DET.1")["results"]
    assert all("DET.1" in indicator["goals"] for indicator in by_goal)
    assert get_json(client, "/indicators?goal=no-such-goal")["count"] == 0


def test_an_unknown_indicator_type_is_a_validation_error(client: Client) -> None:
    assert_error(get_json(client, "/indicators?type=magic", status=422), "invalid-parameter")


def test_an_indicator_has_its_codelists_and_data_coverage(client: Client, data: None) -> None:
    indicator = get_json(client, "/indicators/refugee-children")
    assert indicator["unit"] == {"code": "NUMBER", "label": indicator["unit"]["label"]}
    assert indicator["disaggregations"] == ["AGE", "MIGRATORY_STATUS", "SEX"]
    sex = next(codelist for codelist in indicator["codelists"] if codelist["code"] == "SEX")
    assert [code["code"] for code in sex["codes"]][:3] == ["_T", "F", "M"]
    # 11 rows of the inline refugee-children file, in 7 series, for TCD and GBR, 2022-2023.
    assert indicator["data"] == {
        "observations": 11,
        "series": 7,
        "areas": 2,
        "first_year": 2022,
        "last_year": 2023,
        "sources": ["test-unhcr"],
    }
    assert indicator["observations_url"] == "/api/v1/observations?indicator=refugee-children"


def test_codelists_are_listed_with_their_codes(client: Client) -> None:
    body = get_json(client, "/codelists")
    codes = {codelist["code"] for codelist in body["results"]}
    assert {"SEX", "AGE", "MIGRATORY_STATUS", "UASC"} <= codes
    migratory = get_json(client, "/codelists/MIGRATORY_STATUS")
    assert {"REF", "ASY", "IDP"} <= {code["code"] for code in migratory["codes"]}


@pytest.mark.parametrize(
    "path",
    ["/topics/nothing", "/goals/XX.9", "/targets/XX.T9", "/indicators/nothing", "/codelists/NOTHING"],
)
def test_an_unknown_code_is_a_404_in_the_error_shape(client: Client, path: str) -> None:
    body = get_json(client, path, status=404)
    assert_error(body, "not-found")
    assert path.rsplit("/", 1)[1] in body["error"]["message"]
