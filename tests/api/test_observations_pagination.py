"""Pagination: limit and offset, the total count, next and previous links, the same in CSV headers."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client

from tests.api.helpers import API, assert_error, get_json

pytestmark = pytest.mark.django_db


def offset_of(url: str) -> int:
    return int(parse_qs(urlsplit(url).query)["offset"][0])


def test_pages_cover_every_row_once_with_links(client: Client, data: None) -> None:
    everything = get_json(client, "/observations?limit=1000")["results"]
    first = get_json(client, "/observations?limit=5")
    assert (first["count"], first["limit"], first["offset"], first["previous"]) == (17, 5, 0, None)
    assert first["next"].startswith("http://testserver/api/v1/observations?")
    assert offset_of(first["next"]) == 5
    collected = list(first["results"])
    following = first["next"]
    while following:
        page = client.get(following).json()
        collected.extend(page["results"])
        following = page["next"]
    assert collected == everything
    last = get_json(client, "/observations?limit=5&offset=15")
    assert len(last["results"]) == 2
    assert last["next"] is None
    assert offset_of(last["previous"]) == 10


def test_links_keep_the_filters(client: Client, data: None) -> None:
    page = get_json(client, "/observations?indicator=refugee-children&SEX=F,M&limit=2")
    query = parse_qs(urlsplit(page["next"]).query)
    assert query == {"indicator": ["refugee-children"], "SEX": ["F,M"], "limit": ["2"], "offset": ["2"]}
    assert page["count"] == 6


def test_an_offset_past_the_end_is_an_empty_page(client: Client, data: None) -> None:
    page = get_json(client, "/observations?offset=500")
    assert (page["count"], page["results"], page["next"]) == (17, [], None)


@pytest.mark.parametrize("query", ["limit=0", "limit=1001", "offset=-1", "limit=many"])
def test_limits_out_of_range_are_validation_errors(client: Client, query: str) -> None:
    body = get_json(client, f"/observations?{query}", status=422)
    assert_error(body, "invalid-parameter")
    assert body["error"]["details"][0]["field"] == query.split("=")[0]


def test_csv_pages_carry_the_total_and_links_in_headers(client: Client, data: None) -> None:
    response = client.get(f"{API}/observations?format=csv&limit=5&offset=5")
    assert response["X-Total-Count"] == "17"
    links = response["Link"]
    assert 'rel="next"' in links
    assert 'rel="prev"' in links
    assert "offset=10" in links
    assert "offset=0" in links
