"""List endpoints answer in a fixed number of queries, however many rows they return (no N+1)."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import Client

from tests.api.helpers import API

pytestmark = pytest.mark.django_db

# Each budget includes the query that reads the data version for the cache key. Published observations
# also read the rules of the children's data rule once: thresholds, code hierarchy, derived rates.
BUDGETS = [
    ("/topics", 13),
    ("/topics/detention", 13),
    ("/goals", 11),
    ("/goals/DET.1", 11),
    ("/targets", 7),
    ("/indicators", 5),
    ("/indicators/refugee-children", 9),
    ("/codelists", 3),
    ("/areas", 2),
    ("/areas/GBR", 3),
    ("/regions", 2),
    ("/regions/002", 3),
    ("/sources", 2),
    ("/observations?limit=1000", 7),
    ("/observations?indicator=refugee-children&area=GBR,TCD&SEX=F,M&AGE=Y0T4&from=2020", 12),
    ("/series?limit=1000", 3),
    ("/series?indicator=refugee-children&SEX=F", 7),
]


@pytest.mark.parametrize(("path", "budget"), BUDGETS)
def test_list_endpoints_stay_within_their_query_budget(
    client: Client, data: None, django_assert_max_num_queries: object, path: str, budget: int
) -> None:
    cache.clear()  # a cached answer would need no query at all
    with django_assert_max_num_queries(budget):  # type: ignore[operator]
        response = client.get(f"{API}{path}")
    assert response.status_code == 200
