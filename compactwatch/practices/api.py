"""API endpoints of the practices app, mounted by compactwatch.api.main.

Reading returns published practices only. `POST /practices/contributions` takes a practice from anyone
(no account, the same rules, rate limit and honeypot as the web form) and answers with the reference to
follow its status. Errors have the API's one shape (`compactwatch.api.errors`).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from ninja import Field, Query, Router, Schema, Status
from pydantic import ConfigDict

from compactwatch.accounts.forms import client_address
from compactwatch.api.errors import ApiError, BadFilter, NotFound, answers, move_refused
from compactwatch.api.filters import FIRST_YEAR, LAST_YEAR, MAX_OFFSET
from compactwatch.api.params import id_in_path
from compactwatch.core.workflow import MoveRefused
from compactwatch.practices import selectors
from compactwatch.practices.models import Practice
from compactwatch.practices.services import TOO_MANY, ContributionRefused, contribute
from compactwatch.practices.validation import PracticeInvalid

router = Router(tags=["practices"])


class TagOut(Schema):
    code: str
    title: str


class PracticeSourceOut(Schema):
    """A document a practice cites."""

    title: str
    publisher: str
    year: int | None
    url: str
    quote: str


class PracticeOut(Schema):
    id: int
    url: str
    title: str
    summary: str
    countries: list[TagOut]
    level: str
    implementers: str
    partners: str
    start_year: int | None
    end_year: int | None
    status: str
    topics: list[TagOut]
    policy_areas: list[TagOut]
    gcm_objectives: list[TagOut]
    gcm_principles: list[TagOut]
    target_groups: list[TagOut]
    activities: str
    results: str
    evidence: str
    sources: list[PracticeSourceOut]
    links: list[str]
    contact: str
    licence: str
    published_at: Any


class PracticeList(Schema):
    count: int
    results: list[PracticeOut]


class PracticeQuery(Schema):
    q: str = Field("", max_length=200, description="Words to search for (all must match).")
    topic: str = ""
    policy_area: str = ""
    gcm_objective: str = ""
    gcm_principle: str = ""
    country: str = Field("", description="ISO 3166-1 alpha-3 code.")
    level: str = ""
    target_group: str = ""
    status: str = ""
    limit: int = Field(50, ge=1, le=200, description="Practices per page, 1 to 200.")
    offset: int = Field(0, ge=0, le=MAX_OFFSET, description=f"Practices to skip, 0 to {MAX_OFFSET:,}.")


class SourceIn(Schema):
    model_config = ConfigDict(extra="forbid")
    title: str
    publisher: str = ""
    year: int | None = Field(None, ge=FIRST_YEAR, le=LAST_YEAR)
    url: str = ""
    quote: str = ""


class ContributionIn(Schema):
    """A practice and, for senders without an account, their contact details (seen by reviewers only)."""

    model_config = ConfigDict(extra="forbid")
    title: str
    summary: str
    countries: list[str] = []
    level: str
    implementers: str = ""
    partners: str = ""
    start_year: int | None = Field(None, ge=FIRST_YEAR, le=LAST_YEAR)
    end_year: int | None = Field(None, ge=FIRST_YEAR, le=LAST_YEAR)
    status: str = ""
    topics: list[str] = []
    policy_areas: list[str] = []
    gcm_objectives: list[str] = []
    gcm_principles: list[str] = []
    target_groups: list[str] = []
    activities: str = ""
    results: str = ""
    evidence: str = ""
    links: list[str] = []
    sources: list[SourceIn] = []
    contact: str = ""
    licence: str = ""
    contributor_name: str = ""
    contributor_email: str = ""
    contributor_organisation: str = ""
    website: str = Field("", description="Leave empty (a trap for robots).")


class ContributionOut(Schema):
    reference: str
    status_url: str
    state: str


CONTRIBUTION_HELP = """\
Anyone may send a practice; reviewers see the contact details only. Answers: 201 with the reference to
follow; 400 for a refused sending (e.g. the robot trap filled in, or text with a NUL byte); 403 when the
signed-in sender may not submit it (no permission), or a write with a signed-in session lacks its CSRF
token; 409 when the workflow does not allow the move from the practice's state; 413 for a body over the
size limit; 422 for a practice that fails the checks (one detail per problem); 429 after too many sendings
from one address."""

CONTACT_FIELDS = ("contributor_name", "contributor_email", "contributor_organisation")


def _tags(rows: Any, title: str = "title") -> list[dict[str, str]]:
    return [{"code": row.code, "title": str(getattr(row, title))} for row in rows]


def practice_out(practice: Practice) -> dict[str, Any]:
    return {
        **{name: getattr(practice, name) for name in ("id", "title", "summary", "level", "implementers")},
        **{name: getattr(practice, name) for name in ("partners", "start_year", "end_year", "status")},
        **{name: getattr(practice, name) for name in ("activities", "results", "evidence", "links")},
        "url": practice.get_absolute_url(),
        "countries": [{"code": a.iso3, "title": a.name} for a in practice.countries.all()],
        "topics": _tags(practice.topics.all()),
        "policy_areas": _tags(practice.policy_areas.all()),
        "gcm_objectives": _tags(practice.gcm_objectives.all()),
        "gcm_principles": _tags(practice.gcm_principles.all()),
        "target_groups": [{"code": g.code, "title": str(g)} for g in practice.target_groups.all()],
        "sources": [vars_of_source(source) for source in practice.sources.all()],
        "contact": practice.contact,
        "licence": practice.licence,
        "published_at": practice.state_changed_at,
    }


def vars_of_source(source: Any) -> dict[str, Any]:
    return {name: getattr(source, name) for name in ("title", "publisher", "year", "url", "quote")}


@router.get(
    "/practices",
    response=answers(PracticeList, 422),
    summary="Published good practices: search and filter",
)
def list_practices(request: HttpRequest, params: Query[PracticeQuery]) -> dict[str, Any]:
    filters = selectors.PracticeFilters.from_params(params.dict())
    try:
        found = selectors.search_practices(params.q, filters)
    except selectors.BadPracticeFilter as bad:
        raise BadFilter(bad.message, bad.parameter) from None
    page = list(
        found.prefetch_related("policy_areas", "gcm_objectives", "gcm_principles", "sources")[
            params.offset : params.offset + params.limit
        ]
    )
    return {"count": found.count(), "results": [practice_out(practice) for practice in page]}


@router.get(
    "/practices/{int:practice_id}",
    response=answers(PracticeOut, 404, 422),
    summary="One published good practice",
)
def get_practice(request: HttpRequest, practice_id: int = id_in_path("practice")) -> dict[str, Any]:
    practice = selectors.published_practice(practice_id)
    if practice is None:
        raise NotFound(f"no published practice {practice_id}")
    return practice_out(practice)


@router.post(
    "/practices/contributions",
    response=answers(ContributionOut, 403, 409, 413, 422, 429, success=201, conditional=False),
    summary="Send a good practice for review (no account needed)",
    description=CONTRIBUTION_HELP,
)
def send_contribution(request: HttpRequest, payload: ContributionIn) -> Status:
    data = payload.dict()
    contact = {name: data.pop(name) for name in CONTACT_FIELDS}
    honeypot = data.pop("website")
    try:
        sent = contribute(
            data,
            contact,
            user=request.user,
            address=client_address(request),
            honeypot=honeypot,
            channel="api",
        )
    except PracticeInvalid as invalid:
        details = [
            {"message": p.message, "location": "body", "field": p.path or ""} for p in invalid.problems
        ]
        raise ApiError(422, "invalid-practice", str(invalid), details) from None
    except ContributionRefused as refused:
        raise ApiError(429 if refused.code == TOO_MANY else 400, refused.code, refused.message) from None
    except MoveRefused as refused:
        raise move_refused(refused) from None
    status_url = request.build_absolute_uri(reverse("practices:status", args=[sent.reference]))
    return Status(201, {"reference": sent.reference, "status_url": status_url, "state": sent.practice.state})
