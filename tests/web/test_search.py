"""Search finds indicators, countries and topics by their words or codes."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.web.conftest import get

pytestmark = pytest.mark.django_db


def test_search_finds_a_country_an_indicator_and_a_topic(client: Client) -> None:
    page = get(client, "/search/?q=nigeria")
    assert 'href="/countries/NGA/"' in page
    page = get(client, "/search/?q=birth")
    assert 'href="/indicators/birth-registration/"' in page
    page = get(client, "/search/?q=detention")
    assert 'href="/topics/detention/"' in page
    assert 'href="/indicators/children-entering-detention/"' in page


def test_search_says_when_nothing_matches(client: Client) -> None:
    page = get(client, "/search/?q=zzzzzz")
    assert "No indicator matches." in page
    assert "No country matches." in page
