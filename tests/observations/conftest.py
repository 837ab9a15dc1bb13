"""Fixtures for indicator data: the real bundled extracts, and a registered test source."""

from __future__ import annotations

import pytest
from django.conf import settings

from compactwatch.observations.bundled import load_bundled_data


@pytest.fixture
def bundled_data() -> None:
    """The extracts of data/ loaded as `compactwatch setup` loads them (~2 s on SQLite)."""
    load_bundled_data(settings.BUNDLED_DATA_DIR)
