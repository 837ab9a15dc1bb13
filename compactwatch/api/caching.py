"""A short server-side cache for the public reading endpoints, so that repeated queries cost no rendering.

An answer is kept for `COMPACTWATCH_API_CACHE_SECONDS` (60 s unless set; 0 turns it off), in the
per-process "pages" cache (`compactwatch.web.caching.pages_cache`), under a key made of the host, the path,
the query, the `Accept` header and the version of the data (`compactwatch.web.caching.data_version`: imports,
the current framework, assessments, review moves). An import or a framework load therefore changes
every key at once, on every worker; what else changes (a source's licence text, the list of areas) shows
within the 60 s that `Cache-Control: public, max-age=60` already allows clients.

Only the routers of public reference data and published observations use it (never an endpoint whose
answer depends on who asks).
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase

from compactwatch.web.caching import data_version, pages_cache

DEFAULT_SECONDS = 60
KEPT_HEADERS = ("Content-Type", "Content-Disposition", "Link", "X-Total-Count")


def cache_seconds() -> int:
    return int(getattr(settings, "COMPACTWATCH_API_CACHE_SECONDS", DEFAULT_SECONDS))


def cache_key(request: HttpRequest) -> str:
    accept = request.headers.get("Accept", "")
    parts = (request.get_host(), request.path, request.META.get("QUERY_STRING", ""), accept, data_version())
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()
    return f"compactwatch:api:{digest}"


def cached_read(run: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """A ninja "view" decorator: answer a GET from the cache, or run it and keep a successful answer."""

    @functools.wraps(run)
    def wrapped(request: HttpRequest, **kwargs: Any) -> HttpResponseBase:
        seconds = cache_seconds()
        if request.method != "GET" or seconds <= 0:
            return run(request, **kwargs)
        key = cache_key(request)
        kept = pages_cache().get(key)
        if kept is not None:
            return _restore(kept)
        response = run(request, **kwargs)
        if response.status_code == 200 and isinstance(response, HttpResponse) and not response.streaming:
            pages_cache().set(key, _keep(response), seconds)
        return response

    return wrapped


def _keep(response: HttpResponse) -> dict[str, Any]:
    headers = {name: response[name] for name in KEPT_HEADERS if response.has_header(name)}
    return {"content": response.content, "headers": headers}


def _restore(kept: dict[str, Any]) -> HttpResponse:
    response = HttpResponse(kept["content"])
    for name, value in kept["headers"].items():
        response[name] = value
    return response
