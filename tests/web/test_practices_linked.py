"""Topic and goal pages lead to the good practices published under their topic."""

from __future__ import annotations

import pytest
from django.test import Client

from compactwatch.practices.seeds import SEED_FILE, load_seed_practices

pytestmark = pytest.mark.django_db

DETENTION_PRACTICE = "Reducing the immigration detention of children in the United Kingdom"


def test_the_detention_topic_lists_its_practice(client: Client) -> None:
    load_seed_practices(SEED_FILE)
    page = client.get("/topics/detention/").content.decode()
    assert DETENTION_PRACTICE in page


def test_a_goal_of_the_topic_lists_it_too(client: Client) -> None:
    load_seed_practices(SEED_FILE)
    page = client.get("/goals/DET.1/").content.decode()
    assert DETENTION_PRACTICE in page


def test_another_topic_does_not(client: Client) -> None:
    load_seed_practices(SEED_FILE)
    page = client.get("/topics/non-discrimination/").content.decode()
    assert DETENTION_PRACTICE not in page
    assert "Good practices" in page
