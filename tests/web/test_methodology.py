"""/methodology/: every method the engine registers, with its formula and thresholds, the score scale, the
coverage rule and the children's data rule, all read from the code that applies them."""

from __future__ import annotations

import html

import pytest
from django.test import Client
from django.test.utils import override_settings

from compactwatch.core.progress import METHODS, Status

pytestmark = pytest.mark.django_db


def methodology(client: Client) -> str:
    response = client.get("/methodology/")
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def test_every_registered_method_has_its_section_formula_and_thresholds(client: Client) -> None:
    page = methodology(client)
    assert len(METHODS) >= 4
    for name, method in METHODS.items():
        assert f'<section class="method" id="method-{name}"' in page, name
        assert f">{method.title}</h3>" in page, name
        for status, condition in getattr(method, "thresholds", ()):
            assert condition in page, (name, condition)
            assert Status(status).label in page
        if getattr(method, "formula", ""):
            assert method.formula in page, name
    for other in ("structural", "equity-gap", "mean-score"):
        assert f'id="method-{other}"' in page


def test_the_score_scale_and_every_status(client: Client) -> None:
    page = methodology(client)
    assert 'id="score-scale"' in page
    # the anchors of the scale: a score of -5 at R = -0.6 and at v = -2% a year, +5 at R = 1.3 and v = 2%
    assert '<tr><th scope="row">-5.0</th><td>-0.60</td><td>-2.0%</td></tr>' in page
    assert '<tr><th scope="row">5.0</th><td>1.30</td><td>2.0%</td></tr>' in page
    for status in Status:
        assert f'<tr id="status-{status.value}"><th scope="row">{status.label}</th>' in page
    assert 'id="status-not_enough_evidence"' in page


def test_the_coverage_and_childrens_data_rules(client: Client) -> None:
    page = methodology(client)
    assert "at least 3 indicators about children on the move, and those indicators cover at least 3" in page
    assert "<dt>All children (context)</dt>" in page
    assert "<dt>Data system</dt>" in page
    assert 'it reads "<5"' in page
    assert 'such counts read "<10"' in page
    assert "computed on fewer than 25 children is not published" in page
    assert "Children entering immigration detention" in page  # published under the higher floor
    for anchor in ("coverage", "populations", "breaks", "estimated", "childrens-data", "insufficient-data"):
        assert f'id="{anchor}"' in page


@override_settings(SMALL_COUNT_THRESHOLD=3, MIN_RATE_BASE=40)
def test_the_thresholds_shown_are_the_ones_applied(client: Client) -> None:
    page = methodology(client)
    assert 'it reads "<3"' in page
    assert "computed on fewer than 40 children" in page


def test_linked_from_the_home_page(client: Client) -> None:
    assert 'href="/methodology/"' in client.get("/").content.decode()
