"""HTTP behaviour shared by every API endpoint: open CORS for reading, ETags and conditional GET, HEAD.

`OpenReadAPI` wraps each view of the NinjaAPI, whichever router it comes from, so nothing in settings has
to be remembered:

- GET, HEAD and OPTIONS answer with ``Access-Control-Allow-Origin: *``; a CORS preflight (OPTIONS) is
  answered directly and allows only reading methods. Other methods get no CORS headers, so browsers on
  other sites cannot write.
- A successful GET carries an ETag (a hash of the body) and ``Cache-Control: public, max-age=60``
  (``private, no-cache`` when the answer may depend on who asks: a token was sent or the session read);
  a request whose ``If-None-Match`` matches gets ``304 Not Modified`` with no body.
- HEAD runs the GET and drops the body.
- A path under the API that matches no endpoint, and a method an endpoint does not accept, answer with
  the API's one error shape (see `compactwatch.api.errors`).
- Before any endpoint runs, `compactwatch.api.guards` refuses text that cannot be stored, oversized
  bodies and session-authenticated writes without a CSRF token.
- The OpenAPI document is built once per process and prefix (building it takes about 100 ms).
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.http.response import HttpResponseBase
from django.urls import URLPattern, URLResolver, re_path
from django.utils.cache import get_conditional_response, patch_vary_headers, set_response_etag
from ninja import NinjaAPI

from compactwatch.api.errors import error_body
from compactwatch.api.guards import refused

READ_METHODS = ("GET", "HEAD", "OPTIONS")
CACHE_CONTROL = "public, max-age=60"
PRIVATE_CACHE_CONTROL = "private, no-cache"
EXPOSED_HEADERS = "ETag, Link, X-Total-Count, Content-Disposition"
PREFLIGHT_MAX_AGE = "86400"

View = Callable[..., HttpResponseBase]


def open_for_reading(view: View) -> View:
    """Add CORS, caching headers, conditional GET and HEAD to one API view."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.method == "OPTIONS":
            return _preflight()
        is_head = request.method == "HEAD"
        if is_head:
            request.method = "GET"
        response = refused(request) or view(request, *args, **kwargs)
        if response.status_code == 405:
            response = _method_not_allowed(response)
        if request.method == "GET":
            response = _cacheable(request, response)
            _allow_any_origin(response)
        if is_head:
            request.method = "HEAD"
            _drop_body(response)
        return response

    wrapped.csrf_exempt = True  # type: ignore[attr-defined]
    return wrapped


def _preflight() -> HttpResponse:
    response = HttpResponse(status=204)
    _allow_any_origin(response)
    response["Access-Control-Allow-Methods"] = ", ".join(READ_METHODS)
    response["Access-Control-Allow-Headers"] = "Accept, Accept-Language, If-None-Match, Content-Type"
    response["Access-Control-Max-Age"] = PREFLIGHT_MAX_AGE
    return response


def _allow_any_origin(response: HttpResponseBase) -> None:
    response["Access-Control-Allow-Origin"] = "*"
    response["Access-Control-Expose-Headers"] = EXPOSED_HEADERS


def _cacheable(request: HttpRequest, response: HttpResponseBase) -> HttpResponseBase:
    patch_vary_headers(response, ("Accept",))
    if response.status_code != 200 or response.streaming or not isinstance(response, HttpResponse):
        return response
    if not response.has_header("ETag"):
        set_response_etag(response)
    response.setdefault("Cache-Control", CACHE_CONTROL if _shared_answer(request) else PRIVATE_CACHE_CONTROL)
    conditional = get_conditional_response(request, etag=response["ETag"], response=response)
    return conditional if conditional is not None else response


def _shared_answer(request: HttpRequest) -> bool:
    """Whether the answer is the same for everyone: not when it may depend on who asks."""
    session = getattr(request, "session", None)
    return "Authorization" not in request.headers and not getattr(session, "accessed", False)


def _method_not_allowed(response: HttpResponseBase) -> HttpResponseBase:
    allowed = response.get("Allow", "")
    body = error_body("method-not-allowed", f"this endpoint accepts {allowed or 'no other method'}")
    replacement = JsonResponse(body, status=405)
    replacement["Allow"] = allowed
    return replacement


def _drop_body(response: HttpResponseBase) -> None:
    if isinstance(response, HttpResponse) and not response.streaming:
        length = len(response.content)
        response.content = b""
        response["Content-Length"] = str(length)


def no_such_endpoint(request: HttpRequest, rest: str = "") -> HttpResponse:
    body = error_body("not-found", f"no API endpoint at {request.path}; the endpoints are listed at docs")
    return HttpResponse(json.dumps(body), status=404, content_type="application/json")


class OpenReadAPI(NinjaAPI):
    """A NinjaAPI whose every view is wrapped by `open_for_reading`, with a JSON 404 for unknown paths,
    and whose OpenAPI document is built once."""

    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> Any:
        if path_prefix is None:
            path_prefix = self.get_root_path(path_params or {})
        built: dict[str, Any] = self.__dict__.setdefault("_built_documents", {})
        if path_prefix not in built:
            built[path_prefix] = super().get_openapi_schema(path_prefix=path_prefix)
        return built[path_prefix]

    def _get_urls(self) -> list[URLResolver | URLPattern]:
        patterns = super()._get_urls()
        patterns.append(re_path(r"^(?P<rest>.*)$", no_such_endpoint, name="no-such-endpoint"))
        for pattern in patterns:
            if isinstance(pattern, URLPattern):
                pattern.callback = open_for_reading(pattern.callback)
        return patterns
