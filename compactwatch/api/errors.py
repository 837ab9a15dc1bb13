"""The one error shape of the API, and the handlers that give every error that shape.

Every error answers with a JSON body of this form, whatever went wrong and whichever router raised it::

    {"error": {"code": "bad-filter", "message": "what went wrong, in words", "details": [...]}}

`code` is stable and meant for programs; `message` is for people; `details` lists the individual problems
(for a validation error: one entry per parameter, with its location and field) and may be empty.
"""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any

from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI, Schema
from ninja.errors import HttpError, ValidationError

from compactwatch.core.workflow import MoveRefused

logger = logging.getLogger(__name__)


class ErrorDetail(Schema):
    message: str
    location: str = ""
    field: str = ""
    code: str = ""


class ErrorBody(Schema):
    code: str
    message: str
    details: list[ErrorDetail] = []


class ErrorResponse(Schema):
    """The body of every error response."""

    error: ErrorBody


# Every operation can answer 400: a text with a NUL byte or a lone surrogate anywhere in the request.
ALWAYS = (400,)


def answers(schema: Any, *errors: int, success: int = 200, conditional: bool = True) -> dict[int, Any]:
    """The responses an operation documents: its schema on success, the one error shape on every error
    status it can return (400 always), and 304 for a conditional GET (`If-None-Match`)."""
    documented: dict[int, Any] = {success: schema}
    if conditional:
        documented[304] = None
    documented.update({status: ErrorResponse for status in sorted({*ALWAYS, *errors})})
    return documented


class ApiError(Exception):
    """An error an endpoint raises on purpose: a status, a stable code and a message naming what was wrong."""

    def __init__(self, status: int, code: str, message: str, details: list[dict[str, str]] | None = None):
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.details = details or []


class NotFound(ApiError):
    def __init__(self, message: str) -> None:
        super().__init__(404, "not-found", message)


class BadFilter(ApiError):
    def __init__(self, message: str, parameter: str = "") -> None:
        details = [{"message": message, "location": "query", "field": parameter}] if parameter else []
        super().__init__(400, "bad-filter", message, details)


STATUS_CODES = {
    400: "bad-request",
    401: "not-authenticated",
    403: "forbidden",
    404: "not-found",
    405: "method-not-allowed",
    409: "conflict",
    413: "too-large",
    422: "invalid-parameter",
    429: "too-many-requests",
}


# A refused workflow move: 403 when the user may not make it (role, country scope, own item, sign-in),
# 409 when the workflow does not allow it from the item's state or it lacks what it needs (a comment).
FORBIDDEN_MOVES = frozenset(
    {"role-not-allowed", "out-of-scope", "own-submission", "not-author", "sign-in-required"}
)


def move_refused(refused: MoveRefused) -> ApiError:
    status = 403 if refused.code in FORBIDDEN_MOVES else 409
    return ApiError(status, refused.code, refused.message)


class TooLarge(ApiError):
    def __init__(self, message: str) -> None:
        super().__init__(413, "too-large", message)


def error_body(code: str, message: str, details: list[dict[str, str]] | None = None) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, "details": details or []}}


def code_for_status(status: int) -> str:
    return STATUS_CODES.get(status, "server-error" if status >= 500 else "bad-request")


def install_error_handlers(api: NinjaAPI) -> None:
    """Replace ninja's default handlers so that every error has the one shape."""

    def respond(request: HttpRequest, status: int, body: dict[str, Any]) -> HttpResponse:
        return api.create_response(request, body, status=status)

    def on_api_error(request: HttpRequest, exc: ApiError) -> HttpResponse:
        return respond(request, exc.status, error_body(exc.code, exc.message, exc.details))

    def on_validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        details = [_validation_detail(error) for error in exc.errors]
        message = "; ".join(f"{d['field'] or d['location']}: {d['message']}" for d in details)
        return respond(request, 422, error_body("invalid-parameter", message or "invalid request", details))

    def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return respond(request, 404, error_body("not-found", str(exc) or "not found"))

    def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        return respond(request, exc.status_code, error_body(code_for_status(exc.status_code), exc.message))

    def on_unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
        logger.exception("API error on %s", request.get_full_path())
        message = HTTPStatus.INTERNAL_SERVER_ERROR.phrase
        return respond(request, 500, error_body("server-error", message))

    def on_too_large(request: HttpRequest, exc: Exception) -> HttpResponse:
        return on_api_error(request, TooLarge(f"the request is too large: {exc}"))

    api.add_exception_handler(Exception, on_unexpected)
    for too_large in (RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent):
        api.add_exception_handler(too_large, on_too_large)
    api.add_exception_handler(Http404, on_not_found)
    api.add_exception_handler(HttpError, on_http_error)
    api.add_exception_handler(ValidationError, on_validation_error)
    api.add_exception_handler(ApiError, on_api_error)


def _validation_detail(error: dict[str, Any]) -> dict[str, str]:
    location = [str(part) for part in error.get("loc", ())]
    # ninja puts the parameter kind first ("query", "path", "body"), then a schema name or the field.
    where = location[0] if location else ""
    field = location[-1] if len(location) > 1 else ""
    return {"message": str(error.get("msg", "invalid value")), "location": where, "field": field}
