"""The busiest pages answer with a fixed number of queries, whatever the amount of data (no N+1)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("bundled_data")]


@pytest.mark.parametrize(
    # The page cache adds one query (the data version) to a first, uncached request; each read of published
    # values reads the rules of the children's data rule once (thresholds, code hierarchy, derived rates).
    ("path", "most"),
    [
        ("/", 18),
        ("/indicators/refugee-children/", 32),
        ("/indicators/birth-registration/?area=NGA&SEX=F", 30),
        ("/indicators/birth-registration/?fragment=data", 30),
        ("/compare/?areas=GBR,DEU,FRA,ITA,ESP&indicator=refugee-children", 17),
        ("/topics/detention/", 16),
        ("/search/?q=a", 6),
    ],
)
def test_queries_are_bounded(
    client: Client, django_assert_max_num_queries: object, path: str, most: int
) -> None:
    with django_assert_max_num_queries(most):  # type: ignore[operator]
        assert client.get(path).status_code == 200


def test_more_countries_need_no_more_queries(client: Client) -> None:
    def queries(path: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(path).status_code == 200
        return len(captured.captured_queries)

    queries("/compare/?areas=FRA&indicator=refugee-children")  # what all comparisons share is now cached
    two = queries("/compare/?areas=GBR,DEU&indicator=refugee-children")
    six = queries("/compare/?areas=GBR,DEU,FRA,ITA,ESP,TCD&indicator=refugee-children")
    assert two == six
