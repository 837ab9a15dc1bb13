"""The selectors and include that topic, goal, target and country pages use: published practices only."""

from __future__ import annotations

import pytest
from django.template.loader import render_to_string

from compactwatch.practices.selectors import (
    practices_for_country,
    practices_for_goal,
    practices_for_target,
    practices_for_topic,
)
from tests.practices.conftest import Publish


@pytest.fixture
def tagged(publish: Publish) -> None:
    publish(title="Detention alternative in Nigeria", topics=["detention"], countries=["NGA"])
    publish(title="Protection in Chad", topics=["child-protection"])
    publish(state="approved", title="Approved detention practice", topics=["detention"], countries=["NGA"])


def _titles(practices) -> list[str]:
    return [practice.title for practice in practices]


@pytest.mark.django_db
@pytest.mark.usefixtures("tagged")
def test_practices_for_each_page() -> None:
    assert _titles(practices_for_topic("detention")) == ["Detention alternative in Nigeria"]
    assert _titles(practices_for_goal("DET.1")) == ["Detention alternative in Nigeria"]
    assert _titles(practices_for_target("DET.T2")) == ["Detention alternative in Nigeria"]
    assert _titles(practices_for_country("nga")) == ["Detention alternative in Nigeria"]
    assert _titles(practices_for_country("TCD")) == ["Protection in Chad"]
    assert _titles(practices_for_goal("NO.SUCH")) == []
    assert _titles(practices_for_target("NO.SUCH")) == []


@pytest.mark.django_db
@pytest.mark.usefixtures("tagged")
def test_the_include_lists_practices_with_links() -> None:
    html = render_to_string(
        "practices/includes/practice_list.html", {"practices": practices_for_topic("detention")}
    )

    assert "Detention alternative in Nigeria" in html
    assert "Approved detention practice" not in html
    assert 'href="/practices/' in html
    empty = render_to_string("practices/includes/practice_list.html", {"practices": practices_for_topic("x")})
    assert "No published good practice yet." in empty
