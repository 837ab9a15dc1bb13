"""Pages keep published values in a cache, and show a new import's values at once."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.test import Client

from compactwatch.observations.services import import_files
from tests.web.conftest import get

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("bundled_data")]

PAGE = "/indicators/birth-registration/?area=NGA&AGE=&SEX="


def test_a_revised_value_shows_on_the_next_request(client: Client, tmp_path: Path) -> None:
    assert ">46.9<" in get(client, PAGE)  # data/nigeria_birth_registration.csv: NGA 2017 total
    revised = tmp_path / "revision.csv"
    revised.write_text("Indicator,GeoCode,Year,Value,Units\nbirth-registration,NGA,2017,47.5,PERCENT\n")
    import_files([revised], source="nigeria-nbs-open-sdg", channel="cli")
    page = get(client, PAGE)
    assert ">47.5<" in page
    assert ">46.9<" not in page
