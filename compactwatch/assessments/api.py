"""API endpoints for assessments and scorecards, mounted at /api/v1/ by compactwatch.api.main."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from compactwatch.api.errors import answers
from compactwatch.api.filters import MAX_OFFSET
from compactwatch.assessments import selectors
from compactwatch.assessments.models import Assessment

router = Router(tags=["assessments"])
MAX_LIMIT = 1000


class AssessmentOut(Schema):
    indicator: str
    population: str = Field(
        description="Whose data the indicator measures: children-on-the-move, all-children (context) or "
        "data-system. Only children-on-the-move ratings make a topic's or a country's status."
    )
    area: str
    level: str
    key: str
    status: str
    status_label: str
    score: float | None
    method: str
    method_version: str
    base_year: int | None
    latest_year: int | None
    explanation: str
    components: dict[str, object]
    parameters: dict[str, object]
    assessed_at: str


class CoverageOut(Schema):
    """What a roll-up rests on: rated indicators about children on the move, each counted once."""

    rated_indicators: int = Field(description="Indicators about children on the move with a rating.")
    indicators: int = Field(description="Indicators about children on the move that could be rated here.")
    topics_covered: int | None = Field(
        description="Topics the rated indicators cover, each indicator counted for one topic only; "
        "null below the country level."
    )
    topics: int | None = Field(description="Topics in the framework; null below the country level.")
    enough_for_status: bool = Field(
        description=f"A country needs {selectors.MIN_RATED_INDICATORS} rated indicators in "
        f"{selectors.MIN_RATED_TOPICS} topics for an overall status; a goal or topic needs one. "
        "When false, status is not_enough_evidence."
    )
    text: str = Field(
        description='The coverage in words, e.g. "rated on 2 of 29 indicators, in 1 of 6 topics".'
    )


class RollupOut(Schema):
    status: str = Field(description="A status code, or not_enough_evidence when coverage is short.")
    status_label: str
    score: float | None = Field(description="Mean score from -5 to +5; null when no status is given.")
    counts: dict[str, int] = Field(description="Indicators about children on the move by status.")
    coverage: CoverageOut


class GoalRatingOut(Schema):
    """A goal's rating on a scorecard: its code and the roll-up of its indicators' ratings."""

    code: str
    rollup: RollupOut


class TopicRatingOut(Schema):
    """A topic's rating on a scorecard, with its goals' ratings."""

    code: str
    title: str
    rollup: RollupOut
    goals: list[GoalRatingOut]


class AvailabilityOut(Schema):
    indicator: str
    series: int
    first_year: int | None
    latest_year: int | None
    rated: bool
    expected_dimensions: list[str]
    present_dimensions: list[str]
    completeness_percent: int | None


class ScorecardOut(Schema):
    iso3: str
    name: str
    coverage: CoverageOut = Field(description="What the overall status rests on (as in overall.coverage).")
    overall: RollupOut
    topics: list[TopicRatingOut]
    indicators: list[AssessmentOut]
    series: list[AssessmentOut]
    gaps: list[AssessmentOut]
    availability: list[AvailabilityOut]


def _assessment(a: Assessment) -> dict[str, object]:
    return {
        "indicator": a.indicator.code,
        "population": selectors.population_of(a.indicator),
        "area": a.area.iso3,
        "level": a.level,
        "key": a.key,
        "status": a.status,
        "status_label": a.get_status_display(),
        "score": a.score,
        "method": a.method,
        "method_version": a.method_version,
        "base_year": a.base_year,
        "latest_year": a.latest_year,
        "explanation": a.explanation,
        "components": selectors.public_components(a),
        "parameters": a.parameters,
        "assessed_at": a.assessed_at.isoformat(),
    }


def _rollup(rollup: selectors.Rollup) -> dict[str, object]:
    return {
        "status": rollup.code,
        "status_label": rollup.label,
        "score": rollup.shown_score,
        "counts": dict(rollup.counts),
        "coverage": rollup.coverage.as_dict(),
    }


@router.get("/assessments", response=answers(list[AssessmentOut], 422), summary="Stored progress ratings")
def list_assessments(
    request: HttpRequest,
    indicator: str | None = None,
    area: str | None = None,
    level: str | None = None,
    limit: int = Query(200, ge=1, le=MAX_LIMIT, description=f"Ratings per page, 1 to {MAX_LIMIT}."),
    offset: int = Query(0, ge=0, le=MAX_OFFSET, description=f"Ratings to skip, 0 to {MAX_OFFSET:,}."),
) -> list[dict[str, object]]:
    """Ratings filtered by indicator code, area (ISO3) and level (series, indicator, gap)."""
    return [_assessment(a) for a in selectors.assessments(indicator, area, level)[offset : offset + limit]]


@router.get("/scorecards/{iso3}", response=answers(ScorecardOut, 404), summary="A country's scorecard")
def get_scorecard(request: HttpRequest, iso3: str) -> dict[str, object]:
    card = selectors.scorecard(iso3)
    return {
        "iso3": card.area.iso3,
        "name": card.area.name,
        "coverage": _rollup(card.overall)["coverage"],
        "overall": _rollup(card.overall),
        "topics": [
            {
                "code": t.topic.code,
                "title": t.topic.title,
                "rollup": _rollup(t.rollup),
                "goals": [{"code": g.goal_code, "rollup": _rollup(g.rollup)} for g in t.goals],
            }
            for t in card.topics
        ],
        "indicators": [_assessment(c.rating) for c in card.cards],
        "series": [_assessment(a) for c in card.cards for a in c.series],
        "gaps": [_assessment(a) for c in card.cards for a in c.gaps],
        "availability": [
            {
                "indicator": row.indicator.code,
                "series": row.series,
                "first_year": row.first_year,
                "latest_year": row.latest_year,
                "rated": row.rated,
                "expected_dimensions": row.expected,
                "present_dimensions": row.present,
                "completeness_percent": row.completeness,
            }
            for row in card.availability
        ],
    }


class CountryStatusOut(Schema):
    iso3: str
    name: str
    rollup: RollupOut


class TopicCountriesOut(Schema):
    code: str
    title: str
    countries: list[CountryStatusOut]


@router.get(
    "/scorecards", response=answers(list[CountryStatusOut]), summary="Every rated country's overall status"
)
def list_scorecards(request: HttpRequest) -> list[dict[str, object]]:
    return [
        {"iso3": area.iso3, "name": area.name, "rollup": _rollup(rollup)}
        for area, rollup in selectors.country_list()
    ]


@router.get(
    "/topics/{code}/countries",
    response=answers(TopicCountriesOut, 404),
    summary="One topic across countries: each country's status on the topic's indicators",
)
def topic_countries(request: HttpRequest, code: str) -> dict[str, object]:
    topic, rows = selectors.topic_across_countries(code)
    return {
        "code": topic.code,
        "title": topic.title,
        "countries": [
            {"iso3": row.area.iso3, "name": row.area.name, "rollup": _rollup(row.rollup)} for row in rows
        ],
    }
