"""Reading and checking the filters of the data endpoints; a bad filter is a 400 naming the parameter.

Named parameters (indicator, area, source, from, to) take one code or several separated by commas. Every
other query parameter is a disaggregation dimension named by its codelist (``SEX=F``, ``AGE=Y0T4,Y5T11``);
``_T`` asks for the total of that dimension.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.http import QueryDict
from ninja import Field, Schema

from compactwatch.api.errors import BadFilter
from compactwatch.api.published import ObservationFilter
from compactwatch.areas.models import Area
from compactwatch.core.series import TOTAL
from compactwatch.framework.models import Code, Codelist, Indicator
from compactwatch.observations.models import Source

MAX_LIMIT = 1000
DEFAULT_LIMIT = 100
MAX_OFFSET = 1_000_000_000
FIRST_YEAR, LAST_YEAR = 1, 9999
YEARS = f"{FIRST_YEAR} to {LAST_YEAR}"


class Paging(Schema):
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description=f"Rows per page, 1 to {MAX_LIMIT}.")
    offset: int = Field(0, ge=0, le=MAX_OFFSET, description=f"Rows to skip, 0 to {MAX_OFFSET:,}.")


class SeriesQuery(Paging):
    indicator: str | None = Field(None, description="Indicator code(s), comma-separated.")
    area: str | None = Field(None, description="ISO 3166-1 alpha-3 code(s), comma-separated.")


class ObservationQuery(SeriesQuery):
    source: str | None = Field(None, description="Source code(s), comma-separated.")
    year_from: int | None = Field(
        None, alias="from", ge=FIRST_YEAR, le=LAST_YEAR, description=f"First year, inclusive ({YEARS})."
    )
    year_to: int | None = Field(
        None, alias="to", ge=FIRST_YEAR, le=LAST_YEAR, description=f"Last year, inclusive ({YEARS})."
    )
    format: str | None = Field(None, pattern="^(json|csv)$", description="json (default) or csv.")


NAMED_PARAMETERS = frozenset({"indicator", "area", "source", "from", "to", "limit", "offset", "format"})


def split(text: str | None) -> tuple[str, ...]:
    if not text:
        return ()
    return tuple(dict.fromkeys(part.strip() for part in text.split(",") if part.strip()))


def _check_known(given: Iterable[str], known: set[str], what: str, parameter: str) -> None:
    unknown = [code for code in given if code not in known]
    if unknown:
        raise BadFilter(f"unknown {what}: {', '.join(unknown)}", parameter)


def indicators(text: str | None) -> tuple[str, ...]:
    codes = split(text)
    if codes:
        found = set(Indicator.objects.filter(code__in=codes).values_list("code", flat=True))
        _check_known(codes, found, "indicator", "indicator")
    return codes


def areas(text: str | None) -> tuple[str, ...]:
    codes = tuple(code.upper() for code in split(text))
    if codes:
        found = set(Area.objects.filter(iso3__in=codes).values_list("iso3", flat=True))
        _check_known(codes, found, "area (ISO 3166-1 alpha-3 code)", "area")
    return codes


def sources(text: str | None) -> tuple[str, ...]:
    codes = split(text)
    if codes:
        found = set(Source.objects.filter(code__in=codes).values_list("code", flat=True))
        _check_known(codes, found, "source", "source")
    return codes


def dimensions(params: QueryDict, named: frozenset[str]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The dimension filters among the query parameters, with codes checked against their codelists."""
    asked = {name: params.getlist(name) for name in params if name not in named}
    if not asked:
        return ()
    codelists = {c.code.upper(): c for c in Codelist.objects.filter(retired_in__isnull=True)}
    wanted = [codelist for name in asked if (codelist := codelists.get(name.upper()))]
    codes: dict[str, dict[str, str]] = {codelist.code: {} for codelist in wanted}
    for codelist_code, code in Code.objects.filter(codelist__in=wanted).values_list("codelist__code", "code"):
        codes[codelist_code][code.upper()] = code
    result = []
    for name, values in asked.items():
        codelist = codelists.get(name.upper())
        if codelist is None:
            allowed = ", ".join(sorted([*named, *(c.code for c in codelists.values())]))
            raise BadFilter(f"unknown filter {name!r}; filters are {allowed}", name)
        result.append((codelist.code, _codes_of(codelist, codes[codelist.code], values, name)))
    return tuple(sorted(result))


def _codes_of(
    codelist: Codelist, known: dict[str, str], values: list[str], parameter: str
) -> tuple[str, ...]:
    requested = [code for value in values for code in split(value)]
    if not requested:
        raise BadFilter(f"filter {parameter!r} needs a code of {codelist.code}", parameter)
    result = []
    for code in requested:
        canonical = TOTAL if code.upper() == TOTAL else known.get(code.upper())
        if canonical is None and not codelist.is_open:
            raise BadFilter(f"{code!r} is not a code of {codelist.code}", parameter)
        result.append(canonical or code)
    return tuple(dict.fromkeys(result))


def observation_filter(
    query: ObservationQuery, params: QueryDict, series_id: int | None = None
) -> ObservationFilter:
    if query.year_from is not None and query.year_to is not None and query.year_from > query.year_to:
        raise BadFilter(f"'from' ({query.year_from}) is after 'to' ({query.year_to})", "from")
    return ObservationFilter(
        indicators=indicators(query.indicator),
        areas=areas(query.area),
        sources=sources(query.source),
        year_from=query.year_from,
        year_to=query.year_to,
        dimensions=dimensions(params, NAMED_PARAMETERS),
        series_id=series_id,
    )
