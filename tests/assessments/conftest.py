"""Fixtures: a few observations written straight to the store, and the bundled real data when needed."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from compactwatch.areas.models import Area
from compactwatch.framework.models import Indicator
from compactwatch.observations.models import ImportBatch, Observation, Series, Source

AddSeries = Callable[[str, str, str, dict[int, float]], Series]


@pytest.fixture
def add_series(db: None) -> AddSeries:
    source = Source.objects.create(code="test-source", title="Test source", producer="Tests", licence="CC0")
    batch = ImportBatch.objects.create(file_name="test.csv", sha256="0" * 64, format="tidy-csv")

    def add(indicator: str, iso3: str, key: str, values: dict[int, float]) -> Series:
        ind = Indicator.objects.get(code=indicator)
        series = Series.objects.create(indicator=ind, area=Area.objects.get(iso3=iso3), key=key)
        Observation.objects.bulk_create(
            Observation(series=series, year=y, value=v, source=source, unit=ind.unit, batch=batch)
            for y, v in values.items()
        )
        return series

    return add
