"""A reviewer reads the audit trail of their own countries only: the events about items and the data imports
of their countries; reviewers with every country and admins read it all."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import call_command

from compactwatch.core.workflow import State
from compactwatch.framework.models import FrameworkVersion
from compactwatch.review.models import DataSubmission
from compactwatch.review.services import move
from compactwatch.review.submissions import Upload, create_submission
from tests.accounts.personas import CHAD_FILE, People, write_file

pytestmark = pytest.mark.django_db

NIGERIA_FILE = CHAD_FILE.replace("TCD", "NGA")


def send(people: People, author: str, name: str, text: str, country: str) -> DataSubmission:
    item = create_submission(
        Upload(name, text.encode(), country), author=getattr(people, author), channel="web"
    )
    move(item, State.SUBMITTED, actor=getattr(people, author))
    return item


def trail_page(people: People, persona: str) -> str:
    response = people.client(persona).get("/review/audit/")
    assert response.status_code == 200
    return response.content.decode()


def test_each_reviewer_reads_the_trail_of_their_own_countries(people: People) -> None:
    chad = send(people, "contributor_tcd", "chad.csv", CHAD_FILE, "TCD")
    nigeria = send(people, "contributor_nga", "nigeria.csv", NIGERIA_FILE, "NGA")
    rita, rob, rex = (trail_page(people, p) for p in ("reviewer_tcd", "reviewer_nga", "reviewer_all"))
    assert ("chad.csv (TCD)" in rita, "nigeria.csv (NGA)" in rita) == (True, False)
    assert ("chad.csv (TCD)" in rob, "nigeria.csv (NGA)" in rob) == (False, True)
    assert ("chad.csv (TCD)" in rex, "nigeria.csv (NGA)" in rex) == (True, True)
    assert "framework-loaded" not in rita, "the framework is no country's: every-country reviewers only"
    assert "framework-loaded" in rex
    for persona, item, status in [
        ("reviewer_tcd", chad, 200),
        ("reviewer_tcd", nigeria, 404),
        ("reviewer_nga", chad, 404),
        ("reviewer_all", nigeria, 200),
        ("admin", chad, 200),
    ]:
        url = f"/review/audit/review/datasubmission/{item.pk}/"
        assert people.client(persona).get(url).status_code == status, (persona, item)


def test_another_countrys_framework_and_account_records_stay_hidden(people: People) -> None:
    version = FrameworkVersion.objects.get(is_current=True)
    rita = people.client("reviewer_tcd")
    assert rita.get(f"/review/audit/framework/frameworkversion/{version.pk}/").status_code == 404
    assert rita.get(f"/review/audit/auth/user/{people.reviewer_nga.pk}/").status_code == 404
    assert people.client("admin").get(f"/review/audit/auth/user/{people.reviewer_nga.pk}/").status_code == 200


def test_data_imports_show_to_reviewers_of_every_country_they_touch(people: People, tmp_path: Path) -> None:
    quiet = {"stdout": io.StringIO(), "stderr": io.StringIO()}
    call_command("import", str(write_file(tmp_path, CHAD_FILE, "chad-cli.csv")), **quiet)
    call_command("import", str(write_file(tmp_path, NIGERIA_FILE, "nigeria-cli.csv")), **quiet)
    rita, rob = trail_page(people, "reviewer_tcd"), trail_page(people, "reviewer_nga")
    assert ("chad-cli.csv" in rita, "nigeria-cli.csv" in rita) == (True, False)
    assert ("chad-cli.csv" in rob, "nigeria-cli.csv" in rob) == (False, True)


@pytest.mark.parametrize("object_id", ["x", "99999999999999999999999", "-1", "١٢"])
def test_odd_object_numbers_are_not_found(people: People, object_id: str) -> None:
    for persona in ("reviewer_tcd", "admin"):
        response = people.client(persona).get(f"/review/audit/review/datasubmission/{object_id}/")
        assert response.status_code == 404, (persona, object_id)


def test_the_trail_is_filtered_in_the_database(people: People, django_assert_max_num_queries: object) -> None:
    for number in range(6):
        send(people, "contributor_nga", f"nigeria-{number}.csv", NIGERIA_FILE, "NGA")
    send(people, "contributor_tcd", "chad.csv", CHAD_FILE, "TCD")
    client = people.client("reviewer_tcd")
    client.get("/review/audit/")  # the session and content types are loaded once
    with django_assert_max_num_queries(12):  # type: ignore[operator]
        page = client.get("/review/audit/").content.decode()
    assert page.count("chad.csv (TCD)") == 2
    assert "nigeria" not in page
