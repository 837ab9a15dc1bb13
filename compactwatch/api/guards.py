"""Checks every API request passes before its endpoint runs, so that no bad input reaches the database.

- Text: a NUL byte or a lone surrogate anywhere in the path, the query (names and values) or the body
  (JSON strings and keys, form fields, file names) is refused with 400 `bad-text`, naming where it was.
  PostgreSQL cannot store a NUL byte and no database stores a lone surrogate; both only ever come from a
  broken or hostile client. This holds whatever middleware runs before the API.
- Size: a body over Django's `DATA_UPLOAD_MAX_MEMORY_SIZE` (or with too many fields) is refused with 413.
- CSRF: a write (POST, PUT, PATCH, DELETE) made with the session of a signed-in user must carry Django's
  CSRF token, as every form of the site does; writes with an API token (`Authorization`) need none, since
  a browser never adds that header to a request from another site (the CORS preflight refuses it).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from django.core.exceptions import RequestDataTooBig, SuspiciousOperation, TooManyFieldsSent
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.middleware.csrf import CsrfViewMiddleware

from compactwatch.api.errors import error_body

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
LONE_SURROGATE = re.compile("[\ud800-\udfff]")

Place = tuple[str, str]  # (location, field): ("query", "area"), ("body", "sources.0.title"), ("path", "")


def text_problem(text: str) -> str | None:
    """What makes `text` unstorable, in words, or None."""
    if "\x00" in text:
        return "a NUL byte"
    if LONE_SURROGATE.search(text):
        return "a lone surrogate (half of a UTF-16 pair)"
    return None


def refused(request: HttpRequest) -> HttpResponse | None:
    """The refusal a request gets before its endpoint runs, or None when it may go on."""
    try:
        return _bad_text(request) or _cross_site_write(request)
    except (RequestDataTooBig, TooManyFieldsSent) as too_large:
        return JsonResponse(error_body("too-large", f"the request is too large: {too_large}"), status=413)
    except (MultiPartParserError, SuspiciousOperation) as unreadable:
        return JsonResponse(error_body("bad-request", f"the body cannot be read: {unreadable}"), status=400)


def _bad_text(request: HttpRequest) -> HttpResponse | None:
    details = [
        {"message": f"contains {problem}", "location": location, "field": field}
        for (location, field), text in _texts(request)
        if (problem := text_problem(text)) is not None
    ]
    if not details:
        return None
    places = ", ".join(f"{d['location']} {d['field']}".strip() for d in details)
    message = f"text the platform cannot store (a NUL byte or a lone surrogate) in {places}"
    return JsonResponse(error_body("bad-text", message, details), status=400)


def _texts(request: HttpRequest) -> Iterator[tuple[Place, str]]:
    yield ("path", ""), request.path
    for name, values in request.GET.lists():
        yield ("query", _printable(name)), name
        yield from ((("query", _printable(name)), value) for value in values)
    if request.method in SAFE_METHODS:
        return
    content_type = request.content_type or ""
    if content_type == "application/json":
        yield from _json_texts(request.body)
    elif content_type in ("multipart/form-data", "application/x-www-form-urlencoded"):
        yield from _form_texts(request)


def _json_texts(body: bytes) -> Iterator[tuple[Place, str]]:
    try:
        document = json.loads(body)
    except (ValueError, RecursionError):
        return  # not JSON: the endpoint refuses it with its own message
    yield from _strings(document, "")


def _strings(value: Any, path: str) -> Iterator[tuple[Place, str]]:
    if isinstance(value, str):
        yield ("body", path), value
    elif isinstance(value, dict):
        for key, item in value.items():
            where = f"{path}.{_printable(key)}" if path else _printable(key)
            yield ("body", where), key
            yield from _strings(item, where)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, f"{path}.{index}" if path else str(index))


def _form_texts(request: HttpRequest) -> Iterator[tuple[Place, str]]:
    for name, values in request.POST.lists():
        yield ("body", _printable(name)), name
        yield from ((("body", _printable(name)), value) for value in values)
    for name, files in request.FILES.lists():
        yield from ((("body", _printable(name)), upload.name or "") for upload in files)


def _printable(name: str) -> str:
    """A field name fit to quote in a message: the bad characters themselves are shown escaped."""
    return name.encode("unicode_escape", "backslashreplace").decode("ascii") if text_problem(name) else name


def _cross_site_write(request: HttpRequest) -> HttpResponse | None:
    if request.method in SAFE_METHODS or "Authorization" in request.headers:
        return None
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    checker = CsrfViewMiddleware(lambda request: HttpResponse())
    if checker.process_view(request, None, (), {}) is None:
        return None
    message = "a write with a signed-in session needs the CSRF token (or use an API token instead)"
    return JsonResponse(error_body("csrf-failed", message), status=403)
