"""API endpoints of the review app, mounted by compactwatch.api.main.

Every endpoint needs an API token (``Authorization: Bearer TOKEN``; `compactwatch users token NAME` or the
account page issues one): without a valid one every endpoint answers 401. Refusals have the API's one
error shape (compactwatch.api.errors); a refused file lists each problem in ``details`` with its code, its
place (file, row) and its column. A refused move is a 403 when you may not make it (role, country scope,
your own submission) and a 409 when the workflow does not allow it from the submission's state or it lacks
what it needs (a comment).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from ninja import File, Form, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.security import HttpBearer

from compactwatch.accounts.services import user_for_token
from compactwatch.api.errors import ApiError, NotFound, answers, move_refused
from compactwatch.api.params import id_in_path
from compactwatch.core.validation import InvalidInput
from compactwatch.core.workflow import MoveRefused
from compactwatch.review import selectors
from compactwatch.review.models import DataSubmission
from compactwatch.review.services import move
from compactwatch.review.submissions import MAX_BYTES, NOTE_MAX, Upload, create_submission


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = user_for_token(token[:200])
        if user is not None:
            request.user = user
        return user


router = Router(tags=["review"], auth=TokenAuth())


class TransitionOut(Schema):
    at: datetime
    actor: str | None
    source: str
    target: str
    comment: str


class SubmissionOut(Schema):
    id: int
    state: str
    country: str
    file_name: str
    format: str
    rows_read: int
    indicators: list[str]
    would_add: int
    would_revise: int
    author: str | None
    created_at: datetime
    transitions: list[TransitionOut]


NOT_FOUND = "no such submission, or it is not yours to see"


class MoveIn(Schema):
    target: str
    comment: str = ""


def _out(submission: DataSubmission) -> SubmissionOut:
    return SubmissionOut(
        id=submission.pk,
        state=submission.state,
        country=submission.country.iso3,
        file_name=submission.original_name,
        format=submission.format,
        rows_read=submission.rows_read,
        indicators=submission.indicators,
        would_add=submission.would_add,
        would_revise=submission.would_revise,
        author=submission.author.username if submission.author else None,
        created_at=submission.created_at,
        transitions=[
            TransitionOut(
                at=t.at,
                actor=t.actor.username if t.actor else None,
                source=t.source,
                target=t.target,
                comment=t.comment,
            )
            for t in submission.transitions.select_related("actor")
        ],
    )


def _refused(refused: InvalidInput) -> ApiError:
    details = [
        {
            "code": problem.code,
            "message": problem.message,
            "location": problem.location(),
            "field": problem.column or "",
        }
        for problem in refused.report
    ]
    return ApiError(422, "invalid-input", f"the file was refused: {refused.report.summary()}", details)


@router.get(
    "/submissions", response=answers(list[SubmissionOut], 401), summary="Data submissions you may see"
)
def list_submissions(request: HttpRequest) -> list[SubmissionOut]:
    return [_out(s) for s in selectors.submissions_for(request.user)]


@router.post(
    "/submissions",
    response=answers(SubmissionOut, 401, 413, 422, success=201, conditional=False),
    summary="Send a data file for one of your countries (checked at once; saved as a draft)",
)
def create(
    request: HttpRequest,
    file: File[UploadedFile],
    country: Form[str],
    note: Form[str] = "",
) -> Status[Any]:
    upload = Upload(file.name or "", file.read(MAX_BYTES + 1), country[:10], note[: NOTE_MAX + 1])
    try:
        submission = create_submission(upload, author=request.user, channel="api")
    except InvalidInput as refused:
        raise _refused(refused) from refused
    return Status(201, _out(submission))


@router.get(
    "/submissions/{submission_id}",
    response=answers(SubmissionOut, 401, 404, 422),
    summary="One data submission you may see",
)
def detail(request: HttpRequest, submission_id: int = id_in_path("submission")) -> Status[Any]:
    submission = selectors.visible_item(DataSubmission, submission_id, request.user)
    if submission is None:
        raise NotFound(NOT_FOUND)
    return Status(200, _out(submission))


@router.post(
    "/submissions/{submission_id}/moves",
    response=answers(SubmissionOut, 401, 403, 404, 409, 413, 422, conditional=False),
    summary="Move a submission: submitted, returned (with comment), approved, published, withdrawn",
    description="403: you may not make this move; 409: the workflow does not allow it from the "
    "submission's state, or it needs a comment.",
)
def move_submission(
    request: HttpRequest, payload: MoveIn, submission_id: int = id_in_path("submission")
) -> Status[Any]:
    submission = selectors.visible_item(DataSubmission, submission_id, request.user)
    if submission is None:
        raise NotFound(NOT_FOUND)
    try:
        move(submission, payload.target[:20], actor=request.user, comment=payload.comment, channel="api")
    except MoveRefused as refused:
        raise move_refused(refused) from refused
    return Status(200, _out(submission))
