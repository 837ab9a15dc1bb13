"""Fixtures for the public pages: the real bundled data, loaded once for a test module.

Loading the extracts takes seconds, so a module loads them once, committed, and removes them when its tests
are done: every test still runs in its own transaction on top, and other test folders never see them.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client

from compactwatch.assessments.models import Assessment
from compactwatch.observations.bundled import load_bundled_data
from compactwatch.observations.models import ImportBatch, Observation, Series, Source


def remove_indicator_data() -> None:
    Assessment.objects.all().delete()
    Observation.objects.all().delete()
    Series.objects.all().delete()
    ImportBatch.objects.all().delete()
    Source.objects.all().delete()


@pytest.fixture(scope="module")
def bundled_data(django_db_setup: None, django_db_blocker: pytest.FixtureRequest) -> Iterator[None]:
    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        load_bundled_data(settings.BUNDLED_DATA_DIR)
    yield
    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        remove_indicator_data()


def get(client: Client, path: str, status: int = 200) -> str:
    response = client.get(path)
    assert response.status_code == status, path
    return response.content.decode()


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    """Each test starts with no cached page data, so query counts and values are the uncached ones."""
    cache.clear()
