"""Refuse malformed requests with a clear 400 (or 413) before any view or database sees them.

PostgreSQL cannot store a NUL character in text, and neither database can store a lone surrogate; Python
decodes invalid UTF-8 in a query or form into replacement characters without a word. So a request is
refused whole when its path, query string or form fields hold a NUL byte or bytes that are not UTF-8, when
a JSON body holds a NUL or a lone surrogate, and when its body is larger than the configured limits.

Under /api/ only the size limit is checked here (the answer in the API's one error shape, built here so
that this module does not import the API): the API's own guards (compactwatch.api.guards) refuse unstorable
text there, naming the JSON field. Other answers are a short HTML page rendered without the database.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote_to_bytes

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, SuspiciousOperation
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

API_PREFIX = "/api/"
BAD_TEXT = "bad-text"
MEGABYTE = 1024 * 1024
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


@dataclass(frozen=True)
class Refusal:
    """Why a request is refused: an HTTP status, a stable code, words for people, and where."""

    status: int
    code: str
    message: str
    location: str = ""
    field: str = ""


def bad_text(value: str) -> str:
    """What is wrong with a decoded text for storage (a NUL or a lone surrogate), or ''."""
    if "\x00" in value:
        return _("contains a NUL character")
    if any("\ud800" <= char <= "\udfff" for char in value):
        return _("contains a lone surrogate (not valid Unicode)")
    return ""


def bad_raw_component(raw: str, *, plus_is_space: bool = False) -> str:
    """What is wrong with a raw WSGI string (bytes as latin-1, perhaps %-encoded) once decoded, or ''."""
    try:
        data = raw.encode("latin-1")
    except UnicodeEncodeError:
        data = raw.encode("utf-8", errors="surrogatepass")
    if plus_is_space:
        data = data.replace(b"+", b" ")
    try:
        text = unquote_to_bytes(data).decode("utf-8")
    except UnicodeDecodeError:
        return _("is not valid UTF-8")
    return bad_text(text)


def size_in_words(size: int) -> str:
    return f"{size / MEGABYTE:g} MB" if size >= MEGABYTE else f"{size // 1024} KB"


def _query_problems(request: HttpRequest) -> Iterator[Refusal]:
    path_problem = bad_raw_component(str(request.META.get("PATH_INFO", "")))
    if path_problem:
        yield Refusal(400, BAD_TEXT, _("The address %s.") % path_problem, "path")
    for pair in str(request.META.get("QUERY_STRING", "")).split("&"):
        name = pair.split("=", 1)[0]
        problem = bad_raw_component(pair, plus_is_space=True)
        if problem:
            field = name if not bad_raw_component(name, plus_is_space=True) else ""
            yield Refusal(400, BAD_TEXT, _("A query parameter %s.") % problem, "query", field)


def _size_problem(request: HttpRequest) -> Refusal | None:
    raw_length = str(request.META.get("CONTENT_LENGTH") or "0").strip()
    if not (raw_length.isascii() and raw_length.isdigit()):
        return Refusal(400, "bad-request", _("The Content-Length header is not a number."), "header")
    limit = int(settings.MAX_REQUEST_BYTES)
    if int(raw_length) > limit:
        message = _("The request is larger than %(size)s.") % {"size": size_in_words(limit)}
        return Refusal(413, "too-large", message, "body")
    return None


def _form_problems(request: HttpRequest) -> Iterator[Refusal]:
    content_type = request.content_type or ""
    if request.method != "POST" or content_type not in FORM_TYPES:
        return
    if content_type == FORM_TYPES[0]:
        problem = bad_raw_component(request.body.decode("latin-1"), plus_is_space=True)
        if problem:
            yield Refusal(400, BAD_TEXT, _("A form field %s.") % problem, "form")
        return
    yield from _named_problems(request.POST.lists(), "form")
    yield from _named_problems(((name, [f.name or ""]) for name, f in request.FILES.items()), "file")


def _named_problems(items: Iterable[tuple[str, list[Any]]], location: str) -> Iterator[Refusal]:
    for name, values in items:
        problem = bad_text(name) or next((p for p in map(bad_text, map(str, values)) if p), "")
        if problem:
            field = "" if bad_text(name) else name
            yield Refusal(400, BAD_TEXT, _("A form field %s.") % problem, location, field)


def _json_problems(request: HttpRequest) -> Iterator[Refusal]:
    if request.method not in ("POST", "PUT", "PATCH") or "json" not in (request.content_type or ""):
        return
    try:
        document = json.loads(request.body)
    except (ValueError, RecursionError):
        return  # the API answers a body it cannot read in its own words
    problem = next((p for p in map(bad_text, _json_strings(document)) if p), "")
    if problem:
        yield Refusal(400, BAD_TEXT, _("The JSON body %s.") % problem, "body")


def _json_strings(document: Any) -> Iterator[str]:
    stack = [document]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            yield item
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


def first_problem(request: HttpRequest) -> Refusal | None:
    """The first reason to refuse the request, or None when it may go on."""
    size = _size_problem(request)
    if size is not None or request.path.startswith(API_PREFIX):
        return size
    try:
        for check in (_query_problems, _form_problems, _json_problems):
            problem = next(check(request), None)
            if problem is not None:
                return problem
    except RequestDataTooBig:
        size = size_in_words(int(settings.DATA_UPLOAD_MAX_MEMORY_SIZE))
        message = _("The form is larger than %(size)s (files aside).") % {"size": size}
        return Refusal(413, "too-large", message, "body")
    except SuspiciousOperation as refused:  # too many fields, a malformed multipart body...
        return Refusal(400, "bad-request", str(refused) or _("The request could not be read."), "body")
    return None


def refusal_response(request: HttpRequest, refusal: Refusal) -> HttpResponse:
    if request.path.startswith(API_PREFIX):
        detail = {
            "message": refusal.message,
            "location": refusal.location,
            "field": refusal.field,
            "code": "",
        }
        body = {"error": {"code": refusal.code, "message": refusal.message, "details": [detail]}}
        return JsonResponse(body, status=refusal.status)
    page = render_to_string("web/refused.html", {"status": refusal.status, "message": refusal.message})
    return HttpResponse(page, status=refusal.status)


class RefuseMalformedRequests:
    """Answers 400/413 for a request that could not be stored or read safely; passes the rest on."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        refusal = first_problem(request)
        if refusal is not None:
            return refusal_response(request, refusal)
        return self.get_response(request)
