"""Data endpoints: published observations (JSON or CSV), series, and the sources every value cites."""

from __future__ import annotations

import io
from dataclasses import asdict
from typing import Any

from django.http import HttpRequest, HttpResponse, QueryDict
from django.urls import reverse
from ninja import Query, Router

from compactwatch.api import filters, selectors
from compactwatch.api.errors import NotFound, answers
from compactwatch.api.framework import listing
from compactwatch.api.params import id_in_path
from compactwatch.api.published import ObservationFilter, ObservationPage, published_page, published_series
from compactwatch.api.schemas import ObservationPage as ObservationPageOut
from compactwatch.api.schemas import SeriesOut, SeriesPage, SourceList, SourceOut
from compactwatch.core.formats import tidy_csv
from compactwatch.core.series import parse_key_text
from compactwatch.observations.models import Source

router = Router(tags=["data"])

CSV_RESPONSE = {"responses": {200: {"content": {"text/csv": {"schema": {"type": "string"}}}}}}
# The dimension filters are query parameters named by codelist (SEX=F); OpenAPI documents such a family of
# parameters as one free-form object, exploded into the query.
DIMENSION_FILTERS = {
    "parameters": [
        {
            "name": "dimensions",
            "in": "query",
            "required": False,
            "style": "form",
            "explode": True,
            "description": "Disaggregation filters, one query parameter per codelist (its code in capitals): "
            "`SEX=F`, `AGE=Y0T4,Y5T11`; `_T` is the total of a dimension. The codelists and their codes "
            "are listed at `/codelists`; an unknown codelist or code is a 400 `bad-filter`.",
            "schema": {
                "type": "object",
                "propertyNames": {"pattern": "^[A-Z][A-Z0-9_]*$"},
                "additionalProperties": {"type": "string"},
                "example": {"SEX": "F", "AGE": "Y0T4,Y5T11"},
            },
        }
    ]
}
WITH_DIMENSIONS = {**CSV_RESPONSE, **DIMENSION_FILTERS}
OBSERVATIONS_HELP = """\
Published observations, ordered by indicator, area, series key, year and source.

Children's data rule: no count from 1 to 4 is ever returned (1 to 9 for sensitive indicators). Such a
value reads `"<5"` in `value_text` with `value` null and `conf_status` "C"; a value that would let it be
worked out from a total is withheld too (`value_text` empty).

Filter by any disaggregation dimension with its codelist code as the parameter name, e.g.
`?SEX=F&AGE=Y0T4,Y5T11`; `_T` selects the total of a dimension. Answer in CSV (the tidy format of the
downloads) with `format=csv` or `Accept: text/csv`. `next` and `previous` link the pages; the CSV
carries them in a `Link` header and the total in `X-Total-Count`."""


def wants_csv(request: HttpRequest, format_name: str | None) -> bool:
    if format_name:
        return format_name == "csv"
    accept = request.headers.get("Accept", "")
    return "text/csv" in accept and "application/json" not in accept


def page_link(request: HttpRequest, offset: int | None) -> str | None:
    if offset is None:
        return None
    params: QueryDict = request.GET.copy()
    params["offset"] = str(offset)
    return request.build_absolute_uri(f"{request.path}?{params.urlencode(safe=',')}")


def neighbours(total: int, limit: int, offset: int) -> tuple[int | None, int | None]:
    following = offset + limit if offset + limit < total else None
    preceding = max(offset - limit, 0) if offset > 0 else None
    return following, preceding


def paged(request: HttpRequest, total: int, paging: filters.Paging, results: list[Any]) -> dict[str, Any]:
    following, preceding = neighbours(total, paging.limit, paging.offset)
    return {
        "count": total,
        "limit": paging.limit,
        "offset": paging.offset,
        "next": page_link(request, following),
        "previous": page_link(request, preceding),
        "results": results,
    }


def csv_response(request: HttpRequest, page: ObservationPage, paging: filters.Paging) -> HttpResponse:
    buffer = io.StringIO()
    names = page.dimension_names
    tidy_csv.write(buffer, page.columns, [row.tidy_row(names) for row in page.rows])
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="compactwatch-observations.csv"'
    response["X-Total-Count"] = str(page.total)
    following, preceding = neighbours(page.total, paging.limit, paging.offset)
    links = [(following, "next"), (preceding, "prev")]
    present = [f'<{page_link(request, offset)}>; rel="{rel}"' for offset, rel in links if offset is not None]
    if present:
        response["Link"] = ", ".join(present)
    return response


def observations_answer(
    request: HttpRequest, query: filters.ObservationQuery, selection: ObservationFilter
) -> Any:
    page = published_page(selection, query.offset, query.limit)
    if wants_csv(request, query.format):
        return csv_response(request, page, query)
    return paged(request, page.total, query, [asdict(row) for row in page.rows])


@router.get(
    "/observations",
    response=answers(ObservationPageOut, 422),
    url_name="observations",
    summary="Published observations, filtered and paged; JSON or CSV",
    description=OBSERVATIONS_HELP,
    openapi_extra=WITH_DIMENSIONS,
)
def list_observations(request: HttpRequest, query: Query[filters.ObservationQuery]) -> Any:
    return observations_answer(request, query, filters.observation_filter(query, request.GET))


def series_out(row: dict[str, Any]) -> dict[str, Any]:
    url = reverse("api:series-observations", args=[row["series_id"]])
    return {
        "id": row["series_id"],
        "indicator": row["series__indicator__code"],
        "area": row["series__area__iso3"],
        "key": row["series__key"],
        "dimensions": parse_key_text(row["series__key"]),
        "observations": row["observations"],
        "first_year": row["first_year"],
        "last_year": row["last_year"],
        "observations_url": url,
    }


@router.get(
    "/series",
    response=answers(SeriesPage, 422),
    openapi_extra=DIMENSION_FILTERS,
    summary="Series (an indicator in an area for one combination of codes) with published data",
)
def list_series(request: HttpRequest, query: Query[filters.SeriesQuery]) -> dict[str, Any]:
    named = frozenset({"indicator", "area", "limit", "offset"})
    selection = ObservationFilter(
        indicators=filters.indicators(query.indicator),
        areas=filters.areas(query.area),
        dimensions=filters.dimensions(request.GET, named),
    )
    summaries = published_series(selection)
    rows = summaries[query.offset : query.offset + query.limit]
    return paged(request, summaries.count(), query, [series_out(row) for row in rows])


def one_series(series_id: int) -> dict[str, Any]:
    row = published_series(ObservationFilter(series_id=series_id)).first()
    if row is None:
        raise NotFound(f"no series {series_id} with published data")
    return series_out(row)


@router.get(
    "/series/{series_id}", response=answers(SeriesOut, 404, 422), url_name="series", summary="One series"
)
def get_series(request: HttpRequest, series_id: int = id_in_path("series")) -> dict[str, Any]:
    return one_series(series_id)


@router.get(
    "/series/{series_id}/observations",
    response=answers(ObservationPageOut, 404, 422),
    url_name="series-observations",
    summary="The published observations of one series; JSON or CSV",
    openapi_extra=WITH_DIMENSIONS,
)
def get_series_observations(
    request: HttpRequest, query: Query[filters.ObservationQuery], series_id: int = id_in_path("series")
) -> Any:
    one_series(series_id)
    return observations_answer(request, query, filters.observation_filter(query, request.GET, series_id))


def source_out(source: Source) -> dict[str, Any]:
    fields = ("code", "title", "producer", "url", "licence", "licence_url", "retrieved", "citation")
    return {name: getattr(source, name) for name in fields}


@router.get("/sources", response=answers(SourceList), summary="Sources: title, producer, URL and licence")
def list_sources(request: HttpRequest) -> dict[str, Any]:
    return listing([source_out(source) for source in selectors.sources()])


@router.get("/sources/{code}", response=answers(SourceOut, 404), summary="One source")
def get_source(request: HttpRequest, code: str) -> dict[str, Any]:
    return source_out(selectors.one(selectors.sources(), "source", code=code))
