"""Framework pages through the URL router: each shows the framework's own words and links."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from compactwatch.framework.models import Commitment, Goal, Indicator, PolicyArea, Topic

pytestmark = pytest.mark.django_db


def get(client: Client, path: str, status: int = 200) -> str:
    response = client.get(path)
    assert response.status_code == status, path
    return response.content.decode()


def test_home_introduces_the_six_topics(client: Client) -> None:
    page = get(client, "/")
    for topic in Topic.objects.all():
        assert topic.title in page
        assert reverse("web:topic", args=[topic.code]) in page


def test_framework_page_lists_every_goal_and_target_word_for_word(client: Client) -> None:
    page = get(client, "/framework/")
    for goal in Goal.objects.prefetch_related("targets"):
        assert goal.text in page or goal.text.replace("'", "&#x27;").replace('"', "&quot;") in page, goal.code
        for target in goal.targets.all():
            assert f"Target {target.code}" in page


def test_each_topic_page_quotes_its_commitments(client: Client) -> None:
    for topic in Topic.objects.prefetch_related("commitments", "goals"):
        page = get(client, f"/topics/{topic.code}/")
        for commitment in topic.commitments.all():
            if commitment.paragraph:
                assert f"paragraph {commitment.paragraph}" in page
        for goal in topic.goals.all():
            assert reverse("web:goal", args=[goal.code]) in page


def test_goal_page_shows_targets_indicators_and_provenance(client: Client) -> None:
    page = get(client, "/goals/DET.1/")
    assert "Progressively end the immigration detention of children." in page
    assert "Target DET.T1" in page
    assert reverse("web:indicator", args=["children-entering-detention"]) in page
    assert "Coalition paper, word for word" in page


def test_indicator_page_explains_the_indicator(client: Client) -> None:
    page = get(client, "/indicators/birth-registration/")
    indicator = Indicator.objects.get(code="birth-registration")
    assert indicator.title in page
    assert "SDG indicator 16.9.1" in page
    assert "100% by 2020" in page
    assert "Official framework" in page
    assert "Wealth" in page  # expected disaggregations are listed with their codes


def test_indicator_list_links_every_indicator(client: Client) -> None:
    page = get(client, "/indicators/")
    for code in Indicator.objects.values_list("code", flat=True):
        assert reverse("web:indicator", args=[code]) in page


def test_commitments_and_crosswalks(client: Client) -> None:
    page = get(client, "/commitments/")
    assert Commitment.objects.filter(paragraph="32").exists()
    assert "paragraph 32" in page
    crosswalks = get(client, "/crosswalks/")
    for area in PolicyArea.objects.all():
        assert f'id="{area.code}"' in crosswalks
    assert "Global Compact for Migration objective" in crosswalks


def test_framework_versions_and_snapshot(client: Client) -> None:
    page = get(client, "/framework/versions/")
    assert "current" in page
    from compactwatch.framework.selectors import current_version

    version = current_version()
    assert version is not None
    snapshot = client.get(f"/framework/versions/{version.label}.json").json()
    assert snapshot["version"] == version.label
    assert len(snapshot["topics"]) == 6


@pytest.mark.parametrize(
    "path",
    [
        "/topics/no-such-topic/",
        "/goals/XX.9/",
        "/indicators/no-such/",
        "/framework/versions/x.json",
    ],
)
def test_unknown_codes_are_not_found(client: Client, path: str) -> None:
    get(client, path, status=404)


def test_pages_only_answer_reads(client: Client) -> None:
    assert client.post("/framework/").status_code == 405


def test_admin_lists_the_framework_for_staff(admin_client: Client) -> None:
    for name in ("topic", "goal", "target", "indicator", "commitment", "codelist", "frameworkversion"):
        response = admin_client.get(f"/admin/framework/{name}/")
        assert response.status_code == 200, name
    assert "DET.1" in admin_client.get("/admin/framework/goal/").content.decode()
