"""A country's scorecard links to the good practices published for that country."""

from __future__ import annotations

import pytest
from django.test import Client

from compactwatch.practices.seeds import SEED_FILE, load_seed_practices

pytestmark = pytest.mark.django_db


def test_the_uk_scorecard_lists_its_published_practices(client: Client) -> None:
    load_seed_practices(SEED_FILE)
    page = client.get("/countries/GBR/").content.decode()
    assert "Good practices" in page
    assert "/practices/" in page
    assert "Reducing the immigration detention of children in the United Kingdom" in page


def test_a_country_without_practices_says_so(client: Client) -> None:
    load_seed_practices(SEED_FILE)
    page = client.get("/countries/CHL/").content.decode()
    assert "No published good practice yet." in page
