"""Whole public pages are kept ready to send, and a change in the data shows on the very next request.

The pages cache (compactwatch.web.caching) is only for anonymous reading requests; a signed-in user's
page is always rendered for them, never taken from or put into the shared cache.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from compactwatch.areas.models import Area
from compactwatch.assessments.models import Assessment
from compactwatch.assessments.services import assess
from compactwatch.observations.services import import_files
from tests.accounts.personas import People
from tests.practices.conftest import Publish, people, publish  # noqa: F401 - fixtures used by tests
from tests.web.conftest import get

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("bundled_data")]

INDICATOR = "/indicators/birth-registration/?area=NGA&AGE=&SEX="
COUNTRY = "/countries/GBR/"
PRACTICES = "/practices/"
CACHED = "X-Page-Cache"


def cached_twice(client: Client, path: str) -> str:
    """The page, asked for twice: the first answer is rendered and kept, the second comes from the cache."""
    first = client.get(path)
    second = client.get(path)
    assert (first.status_code, second.status_code) == (200, 200), path
    assert (first[CACHED], second[CACHED]) == ("miss", "hit"), path
    assert first.content == second.content
    return second.content.decode()


def test_a_revised_value_shows_right_after_the_import(client: Client, tmp_path: Path) -> None:
    assert ">46.9<" in cached_twice(client, INDICATOR)  # data/nigeria_birth_registration.csv: NGA 2017 total
    revised = tmp_path / "revision.csv"
    revised.write_text("Indicator,GeoCode,Year,Value,Units\nbirth-registration,NGA,2017,47.5,PERCENT\n")
    import_files([revised], source="nigeria-nbs-open-sdg", channel="cli")

    response = client.get(INDICATOR)

    assert response[CACHED] == "miss"
    assert ">47.5<" in response.content.decode()
    assert ">46.9<" not in response.content.decode()


def test_a_new_assessment_shows_right_away(client: Client) -> None:
    Assessment.objects.filter(area__iso3="GBR").delete()
    before = cached_twice(client, COUNTRY)  # the page without the United Kingdom's ratings, now cached
    assess(area="GBR")
    explanation = Assessment.objects.filter(area__iso3="GBR", level="indicator").first()
    assert explanation is not None  # the bundled data rate at least one indicator in the United Kingdom

    after = client.get(COUNTRY)

    assert after[CACHED] == "miss"
    assert after.content.decode() != before
    assert explanation.explanation in after.content.decode()
    assert explanation.explanation not in before


def test_a_published_practice_shows_right_away(client: Client, publish: Publish) -> None:  # noqa: F811
    assert "Foster care for children in Britain" not in cached_twice(client, PRACTICES)
    assert "Foster care for children in Britain" not in cached_twice(client, COUNTRY)

    publish(title="Foster care for children in Britain", countries=["GBR"])

    for path in (PRACTICES, COUNTRY):
        response = client.get(path)
        assert response[CACHED] == "miss", path
        assert "Foster care for children in Britain" in response.content.decode(), path


def test_a_withdrawn_practice_disappears_right_away(
    client: Client,
    publish: Publish,  # noqa: F811
    people: People,  # noqa: F811
) -> None:
    from compactwatch.review.services import move

    practice = publish(title="Withdrawn from the library")
    detail = f"/practices/{practice.pk}/"
    assert "Withdrawn from the library" in cached_twice(client, detail)
    assert "Withdrawn from the library" in cached_twice(client, PRACTICES)

    move(practice, "withdrawn", actor=people.reviewer_all, comment="source no longer available")

    assert client.get(detail).status_code == 404
    assert "Withdrawn from the library" not in get(client, PRACTICES)


def test_a_signed_in_user_is_never_served_from_the_cache(
    client: Client,
    people: People,  # noqa: F811
) -> None:
    anonymous = Client()
    assert "United Kingdom" in cached_twice(anonymous, COUNTRY)
    # A change the data version does not follow (an area renamed in the database): the shared copy keeps
    # the old name for its minute, but a signed-in reviewer's page is rendered for them.
    Area.objects.filter(iso3="GBR").update(name="Renamed Kingdom")
    client.force_login(people.reviewer_all)

    signed_in = client.get(COUNTRY)

    assert CACHED not in signed_in
    assert "Renamed Kingdom" in signed_in.content.decode()
    assert "private" in signed_in["Cache-Control"]
    assert anonymous.get(COUNTRY)[CACHED] == "hit"


def test_a_signed_in_users_page_is_not_kept_for_others(client: Client, people: People) -> None:  # noqa: F811
    client.force_login(people.reviewer_all)
    assert client.get(COUNTRY).status_code == 200
    assert client.get(COUNTRY).status_code == 200

    assert Client().get(COUNTRY)[CACHED] == "miss"  # the first anonymous request renders the page


def test_a_request_with_a_messages_cookie_is_not_served_from_the_cache(client: Client) -> None:
    cached_twice(client, COUNTRY)
    client.cookies["messages"] = "anything"

    assert CACHED not in client.get(COUNTRY)


def test_each_language_has_its_own_copy(client: Client) -> None:
    english = cached_twice(client, COUNTRY)

    french = client.get(COUNTRY, headers={"Accept-Language": "fr"})

    assert french[CACHED] == "miss"
    assert french["Content-Language"] == "fr"
    assert 'lang="fr"' in french.content.decode()
    assert 'lang="en"' in english


def test_a_shared_page_has_sane_cache_headers_and_answers_conditional_requests(client: Client) -> None:
    cached_twice(client, COUNTRY)
    response = client.get(COUNTRY)

    assert response["Cache-Control"] == "no-cache"  # may be kept, but asked again: new data show at once
    assert {"Cookie", "Accept-Language"} <= {v.strip() for v in response["Vary"].split(",")}
    etag = response["ETag"]
    assert etag.startswith('"')
    assert etag.endswith('"')
    not_modified = client.get(COUNTRY, headers={"If-None-Match": etag})
    assert not_modified.status_code == 304
    assert not_modified.content == b""
    assert client.get(COUNTRY, headers={"If-None-Match": '"other"'}).status_code == 200


def test_a_cached_page_costs_one_query(client: Client) -> None:
    cached_twice(client, INDICATOR)

    with CaptureQueriesContext(connection) as captured:
        assert client.get(INDICATOR)[CACHED] == "hit"

    assert len(captured.captured_queries) == 1  # the data version


def test_other_methods_and_errors_are_not_cached(client: Client) -> None:
    assert client.post(COUNTRY).status_code == 405
    assert client.get("/countries/XXX/").status_code == 404
    assert client.get("/countries/XXX/").status_code == 404
    assert client.get(COUNTRY)[CACHED] == "miss"


def test_the_cache_can_be_turned_off(client: Client, settings: object) -> None:
    settings.COMPACTWATCH_PAGE_CACHE_SECONDS = 0  # type: ignore[attr-defined]

    assert CACHED not in client.get(COUNTRY)
    assert CACHED not in client.get(COUNTRY)
