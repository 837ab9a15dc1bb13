"""`compactwatch review list|move`: the same workflow rules from the command line."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from compactwatch.core.workflow import State
from compactwatch.review.models import DataSubmission
from compactwatch.review.services import move
from compactwatch.review.submissions import Upload, create_submission
from tests.accounts.personas import CHAD_FILE, People

pytestmark = pytest.mark.django_db


def review(*args: str) -> str:
    out = io.StringIO()
    call_command("review", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def item(people: People) -> DataSubmission:
    submission = create_submission(
        Upload("chad.csv", CHAD_FILE.encode(), "TCD"), author=people.contributor_tcd, channel="api"
    )
    move(submission, State.SUBMITTED, actor=people.contributor_tcd)
    return submission


def test_list_and_approve_from_the_command_line(item: DataSubmission) -> None:
    assert f"review.datasubmission\t{item.pk}\tsubmitted\tTCD\tchad.csv (TCD)" in review(
        "list", "--user", "rita"
    )
    assert review("list", "--user", "rob") == ""
    assert "submitted -> approved" in review(
        "move", "review.datasubmission", str(item.pk), "approved", "--user", "rita"
    )
    assert item.transitions.last().actor.username == "rita"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["approved", "--user", "cora"], r"\[role-not-allowed\]"),
        (["returned", "--user", "rita"], r"\[comment-required\]"),
        (["approved", "--user", "rob"], "that rob may see"),
        (["approved", "--user", "nobody"], "no user named 'nobody'"),
    ],
)
def test_refused_moves_say_why(item: DataSubmission, args: list[str], message: str) -> None:
    with pytest.raises(CommandError, match=message):
        review("move", "review.datasubmission", str(item.pk), *args)
    item.refresh_from_db()
    assert item.state == State.SUBMITTED


def test_an_unknown_kind_is_refused(item: DataSubmission) -> None:
    with pytest.raises(CommandError, match="not a reviewable kind"):
        review("move", "auth.user", "1", "approved", "--user", "rita")
