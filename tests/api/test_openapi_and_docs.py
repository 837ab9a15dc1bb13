"""The OpenAPI document validates and lists every endpoint; the docs page works offline (no CDN)."""

from __future__ import annotations

import re

import pytest
from django.contrib.staticfiles import finders
from django.test import Client
from openapi_spec_validator import validate

from tests.api.helpers import API, get_json

pytestmark = pytest.mark.django_db

ENDPOINTS = {
    "/api/v1/topics",
    "/api/v1/topics/{code}",
    "/api/v1/goals",
    "/api/v1/goals/{code}",
    "/api/v1/targets",
    "/api/v1/targets/{code}",
    "/api/v1/indicators",
    "/api/v1/indicators/{code}",
    "/api/v1/codelists",
    "/api/v1/codelists/{code}",
    "/api/v1/areas",
    "/api/v1/areas/{iso3}",
    "/api/v1/regions",
    "/api/v1/regions/{m49}",
    "/api/v1/observations",
    "/api/v1/series",
    "/api/v1/series/{series_id}",
    "/api/v1/series/{series_id}/observations",
    "/api/v1/sources",
    "/api/v1/sources/{code}",
}


def test_the_openapi_document_is_valid_and_lists_every_endpoint(client: Client) -> None:
    document = get_json(client, "/openapi.json")
    validate(document)
    assert set(document["paths"]) >= ENDPOINTS
    observations = document["paths"]["/api/v1/observations"]["get"]
    parameters = {parameter["name"] for parameter in observations["parameters"]}
    assert {"indicator", "area", "source", "from", "to", "limit", "offset", "format"} <= parameters
    assert "text/csv" in observations["responses"]["200"]["content"]
    assert '{"error": {"code": "bad-filter"' in document["info"]["description"]
    error_schema = observations["responses"]["400"]["content"]["application/json"]["schema"]
    assert error_schema == {"$ref": "#/components/schemas/ErrorResponse"}  # the error shape, documented


def test_the_docs_page_loads_only_the_platforms_own_files(client: Client) -> None:
    response = client.get(f"{API}/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert not re.search(r"""(src|href)=["'](https?:)?//""", html), "the docs must not load from a CDN"
    assets = re.findall(r"""(?:src|href)=["']/static/([^"']+)["']""", html)
    assert {"ninja/swagger-ui-bundle.js", "ninja/swagger-ui.css", "ninja/swagger-ui-init.js"} <= set(assets)
    for asset in assets:
        assert finders.find(asset), f"{asset} is not among the static files"
    assert '"validatorUrl": null' in html  # no call to an outside validation service either


def test_every_schema_has_its_own_name(client: Client) -> None:
    schemas = get_json(client, "/openapi.json")["components"]["schemas"]
    assert {"TopicOut", "GoalOut", "SourceOut"} <= set(schemas)  # the framework's and the data's
    assert {"TopicRatingOut", "GoalRatingOut", "PracticeSourceOut"} <= set(schemas)  # scorecards, practices
    assert "number" in schemas["TopicOut"]["properties"]
    assert "rollup" in schemas["TopicRatingOut"]["properties"]
    assert "licence" in schemas["SourceOut"]["properties"]
    assert "publisher" in schemas["PracticeSourceOut"]["properties"]


def test_every_error_status_is_documented_with_the_error_shape(client: Client) -> None:
    paths = get_json(client, "/openapi.json")["paths"]
    error = {"$ref": "#/components/schemas/ErrorResponse"}
    for path, operations in paths.items():
        for method, operation in operations.items():
            statuses = {int(status) for status in operation["responses"]}
            assert 400 in statuses, f"{method} {path}"
            for status in statuses - {200, 201, 304}:
                content = operation["responses"][str(status)]["content"]
                assert content["application/json"]["schema"] == error, f"{method} {path} {status}"
    move = paths["/api/v1/submissions/{submission_id}/moves"]["post"]
    assert {"401", "403", "404", "409", "422"} <= set(move["responses"])
    assert "403: you may not make this move; 409: the workflow does not allow it" in move["description"]
    contribution = paths["/api/v1/practices/contributions"]["post"]
    assert {"201", "400", "403", "409", "413", "422", "429"} == set(contribution["responses"])
    series = paths["/api/v1/series/{series_id}"]["get"]
    assert {"200", "304", "400", "404", "422"} == set(series["responses"])
    series_id = next(p for p in series["parameters"] if p["name"] == "series_id")
    assert (series_id["schema"]["minimum"], series_id["schema"]["maximum"]) == (1, 2**63 - 1)


def test_the_openapi_document_is_built_once_per_process(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    import ninja.main

    from compactwatch.api.main import api

    builds: list[str] = []
    build = ninja.main.get_schema

    def counted(**kwargs: object) -> object:
        builds.append(str(kwargs["path_prefix"]))
        return build(**kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(ninja.main, "get_schema", counted)
    monkeypatch.setitem(api.__dict__, "_built_documents", {})
    first = get_json(client, "/openapi.json")
    second = get_json(client, "/openapi.json")
    assert first == second
    assert builds == ["/api/v1/"]


def test_the_dimension_filters_are_documented(client: Client) -> None:
    paths = get_json(client, "/openapi.json")["paths"]
    for path in ("/api/v1/observations", "/api/v1/series", "/api/v1/series/{series_id}/observations"):
        parameters = {parameter["name"]: parameter for parameter in paths[path]["get"]["parameters"]}
        dimensions = parameters["dimensions"]
        assert (dimensions["in"], dimensions["style"], dimensions["explode"]) == ("query", "form", True)
        assert dimensions["schema"]["example"] == {"SEX": "F", "AGE": "Y0T4,Y5T11"}
    assert "dimensions" not in {p["name"] for p in paths["/api/v1/series/{series_id}"]["get"]["parameters"]}
