"""Reads of the good-practice library for pages, the API and other apps' pages. Public reads return
published practices only.

For the pages of other apps (topic, goal, target, country), each returning published practices:
`practices_for_topic(code)`, `practices_for_goal(code)`, `practices_for_target(code)`,
`practices_for_country(iso3)`; render them with ``{% include "practices/includes/practice_list.html" with
practices=... %}``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any

from django.db.models import QuerySet

from compactwatch.areas.models import Area
from compactwatch.core.workflow import PUBLIC_STATES
from compactwatch.framework.models import Goal, PolicyArea, Reference, Target, Topic
from compactwatch.practices.models import Level, Practice, Status, TargetGroup
from compactwatch.practices.search import matching

PUBLIC_STATE_VALUES = [state.value for state in PUBLIC_STATES]
MAX_QUERY_LENGTH = 200


class BadPracticeFilter(ValueError):
    """A filter names a tag that does not exist; `parameter` is the filter's name."""

    def __init__(self, parameter: str, message: str) -> None:
        super().__init__(message)
        self.parameter = parameter
        self.message = message


@dataclass(frozen=True)
class PracticeFilters:
    """One optional code per tag; empty means no filter."""

    topic: str = ""
    policy_area: str = ""
    gcm_objective: str = ""
    gcm_principle: str = ""
    country: str = ""
    level: str = ""
    target_group: str = ""
    status: str = ""

    @classmethod
    def from_params(cls, params: Mapping[str, Any]) -> PracticeFilters:
        values = {f.name: str(params.get(f.name) or "").strip()[:60] for f in fields(cls)}
        values["country"] = values["country"].upper()
        return cls(**values)

    def active(self) -> dict[str, str]:
        return {name: value for name, value in vars(self).items() if value}


def published_practices() -> QuerySet[Practice]:
    return Practice.objects.filter(state__in=PUBLIC_STATE_VALUES)


def _check_choice(parameter: str, value: str, choices: Any) -> None:
    if value not in choices.values:
        raise BadPracticeFilter(parameter, f"unknown {parameter.replace('_', ' ')}: {value}")


def _check_exists(parameter: str, exists: bool, value: str, what: str) -> None:
    if not exists:
        raise BadPracticeFilter(parameter, f"unknown {what}: {value}")


def _apply_filters(practices: QuerySet[Practice], filters: PracticeFilters) -> QuerySet[Practice]:
    if filters.topic:
        _check_exists("topic", Topic.objects.filter(code=filters.topic).exists(), filters.topic, "topic")
        practices = practices.filter(topics__code=filters.topic)
    if filters.policy_area:
        found = PolicyArea.objects.filter(code=filters.policy_area).exists()
        _check_exists("policy_area", found, filters.policy_area, "UNICEF policy area")
        practices = practices.filter(policy_areas__code=filters.policy_area)
    for name, family, what in (
        ("gcm_objective", Reference.Family.GCM_OBJECTIVE, "GCM objective"),
        ("gcm_principle", Reference.Family.GCM_PRINCIPLE, "GCM guiding principle"),
    ):
        value = getattr(filters, name)
        if value:
            _check_exists(name, Reference.objects.filter(family=family, code=value).exists(), value, what)
            practices = practices.filter(**{f"{name}s__code": value})
    if filters.country:
        found = Area.objects.filter(iso3=filters.country).exists()
        _check_exists("country", found, filters.country, "country (ISO 3166-1 alpha-3 code)")
        practices = practices.filter(countries__iso3=filters.country)
    if filters.level:
        _check_choice("level", filters.level, Level)
        practices = practices.filter(level=filters.level)
    if filters.status:
        _check_choice("status", filters.status, Status)
        practices = practices.filter(status=filters.status)
    if filters.target_group:
        _check_choice("target_group", filters.target_group, TargetGroup)
        practices = practices.filter(target_groups__code=filters.target_group)
    return practices


def search_practices(query: str = "", filters: PracticeFilters | None = None) -> QuerySet[Practice]:
    """Published practices that match every filter and contain every word of `query`, best first.

    Raises `BadPracticeFilter` when a filter names a tag that does not exist.
    """
    practices = _apply_filters(published_practices(), filters or PracticeFilters())
    practices = Practice.objects.filter(pk__in=practices.values("pk"))
    query = (query or "").strip()[:MAX_QUERY_LENGTH]
    found = matching(practices, query) if query else practices.order_by("title", "pk")
    return found.prefetch_related("countries", "topics", "target_groups")


def published_practice(pk: int) -> Practice | None:
    return (
        published_practices()
        .prefetch_related(
            "countries", "topics", "policy_areas", "gcm_objectives", "gcm_principles", "target_groups"
        )
        .prefetch_related("sources")
        .filter(pk=pk)
        .first()
    )


def _listed(practices: QuerySet[Practice]) -> QuerySet[Practice]:
    ids = practices.values("pk")
    return (
        published_practices()
        .filter(pk__in=ids)
        .prefetch_related("countries", "topics", "target_groups")
        .order_by("title", "pk")
    )


def practices_for_topic(code: str) -> QuerySet[Practice]:
    """Published practices tagged with the topic."""
    return _listed(Practice.objects.filter(topics__code=code))


def practices_for_goal(code: str) -> QuerySet[Practice]:
    """Published practices tagged with the goal's topic (practices are tagged by topic, not by goal)."""
    goal = Goal.objects.filter(code=code).only("topic_id").first()
    if goal is None:
        return Practice.objects.none()
    return _listed(Practice.objects.filter(topics__id=goal.topic_id))


def practices_for_target(code: str) -> QuerySet[Practice]:
    """Published practices tagged with the topic of the target's goal."""
    target = Target.objects.filter(code=code).select_related("goal").first()
    if target is None:
        return Practice.objects.none()
    return _listed(Practice.objects.filter(topics__id=target.goal.topic_id))


def practices_for_country(iso3: str) -> QuerySet[Practice]:
    """Published practices in the country."""
    return _listed(Practice.objects.filter(countries__iso3=(iso3 or "").upper()))


@dataclass(frozen=True)
class FilterOptions:
    """The choices of every browse filter, as (code, label) pairs."""

    topic: list[tuple[str, str]]
    policy_area: list[tuple[str, str]]
    gcm_objective: list[tuple[str, str]]
    gcm_principle: list[tuple[str, str]]
    country: list[tuple[str, str]]
    level: list[tuple[str, str]]
    target_group: list[tuple[str, str]]
    status: list[tuple[str, str]]


def filter_options() -> FilterOptions:
    """Framework tags all offered; countries only those with a published practice."""
    current = {"retired_in__isnull": True}
    countries = Area.objects.filter(practices__state__in=PUBLIC_STATE_VALUES).distinct().order_by("name")
    return FilterOptions(
        topic=[(t.code, t.title) for t in Topic.objects.filter(**current)],
        policy_area=[(p.code, str(p)) for p in PolicyArea.objects.filter(**current)],
        gcm_objective=_references(Reference.Family.GCM_OBJECTIVE),
        gcm_principle=_references(Reference.Family.GCM_PRINCIPLE),
        country=[(a.iso3, a.name) for a in countries],
        level=[(c.value, str(c.label)) for c in Level],
        target_group=[(c.value, str(c.label)) for c in TargetGroup],
        status=[(c.value, str(c.label)) for c in Status],
    )


def _references(family: str) -> list[tuple[str, str]]:
    rows = Reference.objects.filter(family=family, retired_in__isnull=True)
    return [(r.code, f"{r.code}: {r.title}") for r in rows]
