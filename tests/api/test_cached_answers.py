"""The server-side cache: a repeated query is answered without running again; an import shows at once."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.test import Client

from compactwatch.observations.services import import_files
from tests.api.helpers import API

pytestmark = pytest.mark.django_db

URL = f"{API}/observations?indicator=refugee-children&area=GBR&format=csv"


def test_a_repeated_query_is_answered_from_the_cache(
    client: Client, data: None, django_assert_max_num_queries: object
) -> None:
    first = client.get(URL)
    with django_assert_max_num_queries(1):  # type: ignore[operator]
        again = client.get(URL)  # only the data version is read
    assert again.content == first.content
    assert again["X-Total-Count"] == first["X-Total-Count"]
    assert again["Content-Type"] == first["Content-Type"]
    assert again["ETag"] == first["ETag"]


def test_an_import_changes_the_answer_at_once(client: Client, data: None, tmp_path: Path) -> None:
    before = client.get(URL).content.decode()
    assert "2024" not in before
    path = tmp_path / "new.csv"
    path.write_text(
        "Indicator,GeoCode,Year,AGE,MIGRATORY_STATUS,Value,Units,Source\n"
        "refugee-children,GBR,2024,Y0T4,REF,3200,NUMBER,test-unhcr\n",
        encoding="utf-8",
    )
    import_files([path])
    after = client.get(URL).content.decode()
    assert "refugee-children,GBR,2024,Y0T4,REF,,3200,NUMBER" in after


def test_the_cache_can_be_turned_off(
    client: Client, data: None, settings: object, django_assert_num_queries: object
) -> None:
    settings.COMPACTWATCH_API_CACHE_SECONDS = 0  # type: ignore[attr-defined]
    client.get(URL)
    with django_assert_num_queries(8):  # type: ignore[operator]
        # checks of the filters (2), count, page, derived rates, the groups of the page, thresholds, hierarchy
        client.get(URL)


def test_answers_that_differ_by_accept_are_kept_apart(client: Client, data: None) -> None:
    url = f"{API}/observations?indicator=refugee-children&area=GBR"
    as_csv = client.get(url, headers={"Accept": "text/csv"})
    as_json = client.get(url, headers={"Accept": "application/json"})
    assert as_csv["Content-Type"].startswith("text/csv")
    assert as_json["Content-Type"].startswith("application/json")
