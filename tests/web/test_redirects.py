"""The old area addresses lead permanently to the country pages."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("old", "new"),
    [("/areas/", "/countries/"), ("/areas/nga/", "/countries/NGA/"), ("/areas/GBR/", "/countries/GBR/")],
)
def test_area_addresses_redirect_permanently(client: Client, old: str, new: str) -> None:
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == new
