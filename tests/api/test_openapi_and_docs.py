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
