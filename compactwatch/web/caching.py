"""Whole public pages kept ready to send, until the data behind them change.

`cached_page` wraps a view of a public page. An anonymous GET (or HEAD) is answered from the "pages"
cache (a per-process memory cache; Django's default cache when no "pages" cache is configured) under a
key made of the scheme, host, path, query, language and `data_version()`. The version changes with
every import, framework load, assessment run, review move (a practice published or withdrawn) and
audited edit, so a page shows such a change on the very next request, on every worker; what else could
change (a source's wording, the list of areas) shows within `COMPACTWATCH_PAGE_CACHE_SECONDS` (60 s
unless set; 0 turns the cache off).

Never shared: a request with a session or messages cookie or an Authorization header (a signed-in
reviewer, a contributor who just sent something), other methods, and any answer that is not a plain 200,
sets a cookie, changed the session or used the CSRF token. Those run the view as before; a signed-in
user's page is marked ``private, no-cache``.

A shared answer carries ``Cache-Control: no-cache`` (browsers and proxies may keep it but ask again), an
ETag, and ``Vary: Cookie, Accept-Language``; a request whose ``If-None-Match`` matches gets 304.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import BaseCache, caches
from django.db import connection
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.http.response import HttpResponseBase
from django.utils.cache import patch_cache_control, patch_vary_headers

from compactwatch.assessments.models import Assessment
from compactwatch.framework.models import FrameworkVersion
from compactwatch.observations.models import ImportBatch
from compactwatch.practices.models import Practice
from compactwatch.review.models import AuditEvent, Transition

DEFAULT_SECONDS = 60
PAGES_CACHE = "pages"
MESSAGES_COOKIE = "messages"
SHARED_CACHE_CONTROL = "no-cache"
VARY = ("Cookie", "Accept-Language")
HIT_HEADER = "X-Page-Cache"

View = Callable[..., HttpResponseBase]


def cache_seconds() -> int:
    return int(getattr(settings, "COMPACTWATCH_PAGE_CACHE_SECONDS", DEFAULT_SECONDS))


@functools.cache
def _version_sql() -> str:
    """One statement of scalar subqueries: maxima of primary keys (index lookups) and small tables."""
    batch, framework = ImportBatch._meta.db_table, FrameworkVersion._meta.db_table
    assessment, practice = Assessment._meta.db_table, Practice._meta.db_table
    transition, audit = Transition._meta.db_table, AuditEvent._meta.db_table
    parts = [
        f"(SELECT MAX(id) FROM {batch})",
        f"(SELECT COUNT(*) FROM {batch})",
        f"(SELECT MAX(imported_at) FROM {batch})",
        f"(SELECT MAX(id) FROM {framework} WHERE is_current = %s)",
        f"(SELECT MAX(loaded_at) FROM {framework})",
        # Every assessment run replaces its rows (delete, then insert): new ids, possibly fewer rows.
        f"(SELECT MAX(id) FROM {assessment})",
        f"(SELECT COUNT(*) FROM {assessment})",
        f"(SELECT MAX(id) FROM {transition})",
        f"(SELECT MAX(id) FROM {audit})",
        f"(SELECT MAX(at) FROM {audit})",
        f"(SELECT MAX(updated_at) FROM {practice})",
    ]
    return "SELECT " + ", ".join(parts)


def data_version() -> str:
    """Changes whenever what public pages and the API show may have changed; one cheap query."""
    with connection.cursor() as cursor:
        cursor.execute(_version_sql(), [True])
        row = cursor.fetchone()
    return "|".join(str(value) for value in row)


def pages_cache() -> BaseCache:
    return caches[PAGES_CACHE] if PAGES_CACHE in settings.CACHES else caches["default"]


def may_share(request: HttpRequest) -> bool:
    """An anonymous reading request: nothing in it could make its page differ from anyone else's."""
    if request.method not in ("GET", "HEAD"):
        return False
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or MESSAGES_COOKIE in cookies:
        return False
    return "HTTP_AUTHORIZATION" not in request.META


def page_key(request: HttpRequest) -> str:
    language = getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE)
    parts = (
        request.scheme or "",
        request.get_host(),
        request.path,
        request.META.get("QUERY_STRING", ""),
        language,
        data_version(),
    )
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()
    return f"compactwatch:page:{digest}"


def cached_page(view: View) -> View:
    """Answer an anonymous GET from the pages cache, or run the view and keep a shareable answer."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        seconds = cache_seconds()
        if seconds <= 0 or not may_share(request):
            return _unshared(request, view(request, *args, **kwargs))
        store, key = pages_cache(), page_key(request)
        kept = store.get(key)
        hit = kept is not None
        if kept is None:
            response = view(request, *args, **kwargs)
            if not _shareable(request, response):
                return response
            kept = _keep(response)  # an HttpResponse: _shareable checked
            store.set(key, kept, seconds)
        return _answer(request, kept, hit=hit)

    return wrapped


def _unshared(request: HttpRequest, response: HttpResponseBase) -> HttpResponseBase:
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        patch_cache_control(response, private=True, no_cache=True)
    return response


def _shareable(request: HttpRequest, response: HttpResponseBase) -> bool:
    if response.status_code != 200 or not isinstance(response, HttpResponse) or response.streaming:
        return False
    if response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False  # a form's CSRF token belongs to one browser
    session = getattr(request, "session", None)
    return not (session is not None and session.modified)


def _keep(response: HttpResponse) -> dict[str, Any]:
    etag = '"' + hashlib.md5(response.content, usedforsecurity=False).hexdigest() + '"'
    return {"content": response.content, "content_type": response["Content-Type"], "etag": etag}


def _answer(request: HttpRequest, kept: dict[str, Any], *, hit: bool) -> HttpResponse:
    if _matches(request.headers.get("If-None-Match", ""), kept["etag"]):
        response: HttpResponse = HttpResponseNotModified()
    else:
        response = HttpResponse(kept["content"], content_type=kept["content_type"])
    response["ETag"] = kept["etag"]
    response["Cache-Control"] = SHARED_CACHE_CONTROL
    response[HIT_HEADER] = "hit" if hit else "miss"
    patch_vary_headers(response, VARY)
    return response


def _matches(if_none_match: str, etag: str) -> bool:
    if not if_none_match:
        return False
    tags = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
    return "*" in tags or etag in tags
