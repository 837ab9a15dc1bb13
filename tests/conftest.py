"""Shared fixtures: the real framework and areas are loaded once per test database."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: None, django_db_blocker: pytest.FixtureRequest) -> Iterator[None]:
    """The test database starts as `compactwatch setup` leaves it (without static files)."""
    from compactwatch.areas.services import load_areas
    from compactwatch.framework.services import load_framework

    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        load_areas()
        load_framework(settings.FRAMEWORK_DIR)
    return


@pytest.fixture(autouse=True)
def _plain_static_files(settings: pytest.FixtureRequest) -> None:
    """Pages render without `collectstatic` having run (the manifest storage needs it)."""
    settings.STORAGES = {  # type: ignore[attr-defined]
        **settings.STORAGES,  # type: ignore[attr-defined]
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _fresh_cache(settings: pytest.FixtureRequest) -> Iterator[None]:
    """Each test starts with empty in-memory caches: rate limits and pages never leak between tests."""
    from django.core.cache import caches

    settings.CACHES = {  # type: ignore[attr-defined]
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tests"},
        "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tests-pages"},
    }
    for alias in settings.CACHES:  # type: ignore[attr-defined]
        caches[alias].clear()
    yield
    for alias in settings.CACHES:  # type: ignore[attr-defined]
        caches[alias].clear()


@pytest.fixture
def framework_dir() -> Path:
    return Path(settings.FRAMEWORK_DIR)
