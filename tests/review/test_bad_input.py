"""Bad input to every review form and endpoint: a clear message naming what is wrong, and nothing changed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from compactwatch.core.workflow import State
from compactwatch.observations.models import Observation
from compactwatch.review.models import AuditEvent, DataSubmission, Transition
from compactwatch.review.services import move
from compactwatch.review.submissions import Upload, create_submission
from tests.accounts.personas import CHAD_FILE, NIGERIA_ROW, People

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01"
BAD_UPLOADS = [
    # (file name, content, country, note, code shown, text shown)
    ("chad.exe", CHAD_FILE.encode(), "TCD", "", "unsupported-file-type", "send a data file"),
    ("chad.pdf", b"%PDF-1.4", "TCD", "", "unsupported-file-type", "send a data file"),
    ("chad.csv", b"", "TCD", "", "empty-file", "the file is empty"),
    ("chad.csv", PNG, "TCD", "", "unreadable-encoding", "save it as CSV UTF-8"),
    ("chad.xlsx", b"not a workbook", "TCD", "", "bad-file", "not a readable .xlsx workbook"),
    ("chad.csv", (CHAD_FILE + NIGERIA_ROW).encode(), "TCD", "", "area-out-of-scope", "this row is for NGA"),
    (
        "chad.csv",
        CHAD_FILE.replace("refugee-children,TCD,2023,M", "no-such-indicator,TCD,2023,M").encode(),
        "TCD",
        "",
        "unknown-indicator",
        "not in the framework",
    ),
    ("chad.csv", CHAD_FILE.encode(), "TCD", "<script>alert(1)</script>", "bad-note", "HTML or script"),
    ("chad.csv", CHAD_FILE.encode(), "TCD", "n" * 2001, "bad-note", "longer than 2000"),
    ("c" * 151 + ".csv", CHAD_FILE.encode(), "TCD", "", "name-too-long", "longer than 150"),
    (
        "big.csv",
        CHAD_FILE.encode() + b"," * (10 * 1024 * 1024),
        "TCD",
        "",
        "file-too-large",
        "larger than 10 MB",
    ),
    ("chad.csv", CHAD_FILE.splitlines()[0].encode(), "TCD", "", "no-rows", "no data rows"),
]


def counts() -> tuple[int, ...]:
    files = sum(1 for path in Path(settings.MEDIA_ROOT).rglob("*") if path.is_file())
    tables = (DataSubmission, Transition, AuditEvent, Observation)
    return (*(model.objects.count() for model in tables), files)


@pytest.fixture
def unchanged() -> Iterator[None]:
    before = counts()
    yield
    assert counts() == before, "refused input must change nothing"


@pytest.mark.parametrize(("name", "content", "country", "note", "code", "text"), BAD_UPLOADS)
def test_web_upload_refused_with_the_report(
    people: People, unchanged: None, name: str, content: bytes, country: str, note: str, code: str, text: str
) -> None:
    client = people.client("contributor_tcd")
    upload = SimpleUploadedFile(name, content)
    response = client.post("/review/submissions/new/", {"country": country, "file": upload, "note": note})
    page = response.content.decode()
    assert response.status_code == 400
    assert f"<code>{code}</code>" in page
    assert text in page
    assert "<script>alert" not in page


@pytest.mark.parametrize(("name", "content", "country", "note", "code", "text"), BAD_UPLOADS)
def test_api_upload_refused_with_the_report(
    people: People, name: str, content: bytes, country: str, note: str, code: str, text: str
) -> None:
    headers = {"Authorization": f"Bearer {people.token('contributor_tcd')}"}
    before = counts()
    data = {"country": country, "file": SimpleUploadedFile(name, content), "note": note}
    response = people.client(None).post("/api/v1/submissions", data, headers=headers)
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "invalid-input"
    assert code in [problem["code"] for problem in error["details"]]
    assert any(text in problem["message"] for problem in error["details"])
    assert counts() == before


def test_report_names_file_row_and_column(people: People, unchanged: None) -> None:
    bad = CHAD_FILE.replace("61234", "many")
    client = people.client("contributor_tcd")
    response = client.post(
        "/review/submissions/new/", {"country": "TCD", "file": SimpleUploadedFile("chad.csv", bad.encode())}
    )
    page = response.content.decode()
    assert "<td>chad.csv</td><td>2</td><td>Value</td>" in page.replace("\n", "")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"country": "TCD"}, "This field is required."),
        ({"file": "x"}, "This field is required."),
        ({"country": "NGA", "file": "x"}, "Select a valid choice"),
        ({"country": "<b>TCD</b>", "file": "x"}, "Select a valid choice"),
    ],
)
def test_web_upload_missing_or_foreign_fields(
    people: People, unchanged: None, data: dict[str, str], message: str
) -> None:
    if "file" in data:
        data = {**data, "file": SimpleUploadedFile("chad.csv", CHAD_FILE.encode())}  # type: ignore[dict-item]
    response = people.client("contributor_tcd").post("/review/submissions/new/", data)
    assert response.status_code == 400
    assert message in response.content.decode()


@pytest.mark.parametrize(
    ("data", "status", "text"),
    [
        ({"country": "TCD"}, 422, "file"),
        ({"file": "x"}, 422, "country"),
        ({"country": "NGA", "file": "x"}, 422, "NGA is not one of your countries"),
        ({"country": "XXX", "file": "x"}, 422, "not an ISO3 country code"),
    ],
)
def test_api_upload_missing_or_foreign_fields(
    people: People, data: dict[str, str], status: int, text: str
) -> None:
    headers = {"Authorization": f"Bearer {people.token('contributor_tcd')}"}
    before = counts()
    if "file" in data:
        data = {**data, "file": SimpleUploadedFile("chad.csv", CHAD_FILE.encode())}  # type: ignore[dict-item]
    response = people.client(None).post("/api/v1/submissions", data, headers=headers)
    assert response.status_code == status
    assert text in response.content.decode()
    assert counts() == before


def submitted(people: People) -> DataSubmission:
    item = create_submission(
        Upload("chad.csv", CHAD_FILE.encode(), "TCD"), author=people.contributor_tcd, channel="web"
    )
    move(item, State.SUBMITTED, actor=people.contributor_tcd)
    return item


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "choose an action"),
        ({"target": "returned"}, "needs a comment"),
        ({"target": "returned", "comment": "<img src=x onerror=alert(1)>"}, "HTML or script"),
        ({"target": "returned", "comment": "c" * 2001}, "longer than 2000"),
        ({"target": "deleted"}, "is not a workflow state"),
        ({"target": "published"}, "cannot go from submitted to published"),
    ],
)
def test_web_move_refused(people: People, data: dict[str, str], message: str) -> None:
    item = submitted(people)
    before = counts()
    client = people.client("reviewer_tcd")
    response = client.post(f"/review/items/review/datasubmission/{item.pk}/move/", data, follow=True)
    assert message in response.content.decode()
    assert "onerror=alert" not in response.content.decode()
    assert counts() == before
    item.refresh_from_db()
    assert item.state == State.SUBMITTED


@pytest.mark.parametrize(
    ("payload", "status", "code"),
    [
        ({}, 422, None),
        ({"target": "returned"}, 409, "comment-required"),
        ({"target": "returned", "comment": "<script>x</script>"}, 409, "bad-comment"),
        ({"target": "returned", "comment": "c" * 2001}, 409, "bad-comment"),
        ({"target": "deleted"}, 409, "unknown-state"),
        ({"target": "published"}, 409, "move-not-allowed"),
    ],
)
def test_api_move_refused(people: People, payload: dict[str, str], status: int, code: str | None) -> None:
    item = submitted(people)
    before = counts()
    headers = {"Authorization": f"Bearer {people.token('reviewer_tcd')}"}
    url = f"/api/v1/submissions/{item.pk}/moves"
    response = people.client(None).post(url, payload, content_type="application/json", headers=headers)
    assert response.status_code == status
    if code is not None:
        assert response.json()["error"]["code"] == code
    assert counts()[:4] == (before[0], before[1], before[2] + 1, before[3])  # + the token-issued event


def test_api_rejects_malformed_json_and_bad_tokens(people: People) -> None:
    item = submitted(people)
    client = people.client(None)
    url = f"/api/v1/submissions/{item.pk}/moves"
    bad_token = {"Authorization": "Bearer cw_not-a-token"}
    assert (
        client.post(
            url, {"target": "approved"}, content_type="application/json", headers=bad_token
        ).status_code
        == 401
    )
    good = {"Authorization": f"Bearer {people.token('reviewer_tcd')}"}
    assert client.post(url, "{not json", content_type="application/json", headers=good).status_code in {
        400,
        422,
    }
    item.refresh_from_db()
    assert item.state == State.SUBMITTED
