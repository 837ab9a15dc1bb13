"""The one NinjaAPI of compactwatch; each concept adds its router here.

Every endpoint is open for reading from any site (CORS), answers conditional GETs with its ETag, and every
error has one shape (see `compactwatch.api.errors` and `compactwatch.api.http`). The OpenAPI document is
at /api/v1/openapi.json and the interactive docs at /api/v1/docs (served from the platform's own static
files: no CDN).
"""

from ninja import Swagger

from compactwatch.api.areas import router as areas_router
from compactwatch.api.caching import cached_read
from compactwatch.api.errors import install_error_handlers
from compactwatch.api.framework import router as framework_router
from compactwatch.api.http import OpenReadAPI
from compactwatch.api.observations import router as data_router
from compactwatch.assessments.api import router as assessments_router
from compactwatch.practices.api import router as practices_router
from compactwatch.review.api import router as review_router

DESCRIPTION = """\
Framework, indicator data, assessments and scorecards for children on the move.

Reading is open to everyone: no key, CORS allowed from any origin, an `ETag` on every answer
(send it back in `If-None-Match` to get `304 Not Modified`). Only published data is returned, and no
count from 1 to 4 ever appears (see `/observations`).

Every error has the same shape, whatever its status:

    {"error": {"code": "bad-filter", "message": "unknown area (ISO 3166-1 alpha-3 code): XYZ",
               "details": [{"message": "...", "location": "query", "field": "area"}]}}

Codes, by status (each operation lists the statuses it can answer with):

- 400 `bad-filter` (a filter names something that does not exist), `bad-text` (a NUL byte or a lone
  surrogate anywhere in the path, the query or the body: text no database can store), `bad-request`;
- 401 `not-authenticated` (the endpoints of data submissions need `Authorization: Bearer TOKEN`);
- 403 `csrf-failed` (a write with a signed-in session needs the CSRF token; API tokens need none), and the
  code of a workflow move you may not make (`role-not-allowed`, `out-of-scope`, `own-submission`...);
- 404 `not-found`; 405 `method-not-allowed`;
- 409 the code of a move the workflow does not allow from the item's state (`move-not-allowed`) or that
  lacks what it needs (`comment-required`);
- 413 `too-large` (a body over the size limit);
- 422 `invalid-parameter` (a parameter has the wrong type or is out of range, e.g. an id beyond 2^63-1, an
  offset beyond 10^9, a year outside 1-9999; one detail per parameter), `invalid-input`, `invalid-practice`;
- 429 `too-many-requests`; 500 `server-error` (never expected; logged).
"""

api = OpenReadAPI(
    title="compactwatch API",
    version="1",
    urls_namespace="api",
    description=DESCRIPTION,
    # No validator badge: Swagger UI would otherwise send the document to an outside validation service.
    docs=Swagger(settings={"validatorUrl": None}),
)
install_error_handlers(api)
for public_router in (framework_router, areas_router, data_router):
    public_router.add_decorator(cached_read, mode="view")
api.add_router("/", framework_router)
api.add_router("/", areas_router)
api.add_router("/", data_router)
api.add_router("/", assessments_router)
api.add_router("/", review_router)
api.add_router("/", practices_router)
