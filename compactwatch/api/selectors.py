"""Read queries the API needs over the framework, areas and sources: constant query counts, no N+1."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Max, Min, Prefetch, QuerySet

from compactwatch.api.errors import NotFound
from compactwatch.areas.models import Area, Region
from compactwatch.framework.models import Code, Codelist, Commitment, Goal, Indicator, Target, Topic
from compactwatch.framework.selectors import ACTIVE
from compactwatch.observations.models import Source
from compactwatch.observations.selectors import current_observations


def active_codelists() -> QuerySet[Codelist]:
    codes = Code.objects.filter(retired_in__isnull=True).order_by("position", "code")
    return Codelist.objects.filter(ACTIVE).prefetch_related(Prefetch("codes", queryset=codes))


def topics(code: str | None = None) -> QuerySet[Topic]:
    queryset = (
        Topic.objects.filter(ACTIVE)
        .select_related("provenance_document")
        .prefetch_related(
            Prefetch("goals", queryset=goals()),
            Prefetch("commitments", queryset=Commitment.objects.filter(ACTIVE).select_related("document")),
        )
    )
    return queryset.filter(code=code) if code else queryset


def goals(topic: str | None = None) -> QuerySet[Goal]:
    queryset = (
        Goal.objects.filter(ACTIVE)
        .select_related("topic", "provenance_document")
        .prefetch_related(
            Prefetch("targets", queryset=targets()),
            Prefetch("indicators", queryset=Indicator.objects.filter(ACTIVE).only("id", "code")),
            "commitments",
            "policy_areas",
            "references",
        )
    )
    return queryset.filter(topic__code=topic) if topic else queryset


def targets(goal: str | None = None) -> QuerySet[Target]:
    queryset = (
        Target.objects.filter(ACTIVE)
        .select_related("goal", "provenance_document")
        .prefetch_related(
            Prefetch("indicators", queryset=Indicator.objects.filter(ACTIVE).only("id", "code")),
            "commitments",
            "policy_areas",
            "references",
        )
    )
    return queryset.filter(goal__code=goal) if goal else queryset


def _indicators(codelists: QuerySet[Codelist]) -> QuerySet[Indicator]:
    return (
        Indicator.objects.filter(ACTIVE)
        .select_related("unit", "provenance_document")
        .prefetch_related(
            Prefetch("goals", queryset=Goal.objects.only("id", "code")),
            Prefetch("targets", queryset=Target.objects.only("id", "code")),
            Prefetch("disaggregations", queryset=codelists),
        )
        .order_by("code")
    )


def indicators(
    topic: str | None = None, goal: str | None = None, type_: str | None = None
) -> QuerySet[Indicator]:
    queryset = _indicators(Codelist.objects.only("id", "code"))
    if topic:
        queryset = queryset.filter(goals__topic__code=topic).distinct()
    if goal:
        queryset = queryset.filter(goals__code=goal).distinct()
    if type_:
        queryset = queryset.filter(type=type_)
    return queryset


def one(queryset: QuerySet[Any], what: str, **lookup: str) -> Any:
    found = queryset.filter(**lookup).first()
    if found is None:
        value = next(iter(lookup.values()))
        raise NotFound(f"no {what} {value!r}")
    return found


def indicator_detail(code: str) -> Indicator:
    return one(_indicators(active_codelists()), "indicator", code=code)


def data_coverage(indicator: Indicator) -> dict[str, Any]:
    observations = current_observations().filter(series__indicator=indicator)
    summary = observations.aggregate(
        observation_count=Count("id"),
        series_count=Count("series_id", distinct=True),
        area_count=Count("series__area_id", distinct=True),
        first_year=Min("year"),
        last_year=Max("year"),
    )
    sources = observations.order_by("source__code").values_list("source__code", flat=True).distinct()
    return {
        "observations": summary["observation_count"],
        "series": summary["series_count"],
        "areas": summary["area_count"],
        "first_year": summary["first_year"],
        "last_year": summary["last_year"],
        "sources": list(sources),
    }


def areas(region: str | None = None) -> QuerySet[Area]:
    queryset = Area.objects.select_related("region", "subregion", "intermediate_region").order_by("iso3")
    if region:
        queryset = queryset.filter(groupings__m49=region)
    return queryset


def area_detail(iso3: str) -> Area:
    groupings = Prefetch("groupings", queryset=Region.objects.select_related("parent").order_by("m49"))
    return one(areas().prefetch_related(groupings), "area", iso3=iso3.upper())


def regions(level: str | None = None) -> QuerySet[Region]:
    queryset = Region.objects.select_related("parent").order_by("m49")
    return queryset.filter(level=level) if level else queryset


def region_detail(m49: str) -> Region:
    queryset = regions().prefetch_related(Prefetch("areas", queryset=Area.objects.order_by("iso3")))
    return one(queryset, "M49 grouping", m49=m49)


def sources() -> QuerySet[Source]:
    return Source.objects.order_by("code")
