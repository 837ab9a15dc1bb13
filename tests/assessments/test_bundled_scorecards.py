"""The UK and countries hosting many refugee children get real, explained ratings from the bundled data."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client

from compactwatch.assessments.models import Assessment
from compactwatch.assessments.services import assess
from compactwatch.observations.bundled import load_bundled_data

COUNTRIES = ["GBR", "TUR", "DEU", "UGA", "PAK", "COL", "TCD"]


@pytest.mark.django_db
def test_scorecards_from_bundled_data(client: Client) -> None:
    load_bundled_data(settings.BUNDLED_DATA_DIR)
    assess()
    for iso3 in COUNTRIES:
        rated = Assessment.objects.filter(area__iso3=iso3, level="indicator").exclude(
            status="insufficient_data"
        )
        assert rated.exists(), iso3
        assert all(a.explanation.endswith(".") for a in rated)
        page = client.get(f"/countries/{iso3}/").content.decode()
        assert rated.first().explanation.split(":")[0] in page  # type: ignore[union-attr]
    uk = Assessment.objects.get(
        area__iso3="GBR", level="indicator", indicator__code="children-entering-detention"
    )
    assert uk.status == "deterioration"  # 163 children in 2015, 232 in 2022; the target is 0 by 2030
