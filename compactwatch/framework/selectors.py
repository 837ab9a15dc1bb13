"""Read queries over the framework for pages, the API and exports. Retired elements are left out."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from compactwatch.core.framework import Derivation, Framework, RateDerivation
from compactwatch.core.series import parse_key_text
from compactwatch.framework.models import (
    Code,
    Codelist,
    Commitment,
    FrameworkVersion,
    Goal,
    Indicator,
    PolicyArea,
    Reference,
    Target,
    Topic,
)

ACTIVE = Q(retired_in__isnull=True)


def current_version() -> FrameworkVersion | None:
    return FrameworkVersion.objects.filter(is_current=True).first()


def framework_versions() -> QuerySet[FrameworkVersion]:
    return FrameworkVersion.objects.order_by("-loaded_at")


def framework_at(label: str) -> Framework:
    """The framework exactly as it was loaded under `label`."""
    version = get_object_or_404(FrameworkVersion, label=label)
    return Framework.model_validate(version.snapshot)


def _active_indicators() -> QuerySet[Indicator]:
    return Indicator.objects.filter(ACTIVE).select_related("unit").order_by("type", "code")


def _targets() -> QuerySet[Target]:
    return Target.objects.filter(ACTIVE).prefetch_related(
        Prefetch("indicators", queryset=_active_indicators()), "commitments", "references", "policy_areas"
    )


def _goals() -> QuerySet[Goal]:
    return (
        Goal.objects.filter(ACTIVE)
        .select_related("topic")
        .prefetch_related(
            Prefetch("targets", queryset=_targets()),
            Prefetch("indicators", queryset=_active_indicators()),
            Prefetch("commitments", queryset=Commitment.objects.select_related("document")),
            "policy_areas",
            "references",
        )
    )


def topics_with_goals() -> QuerySet[Topic]:
    return (
        Topic.objects.filter(ACTIVE)
        .select_related("provenance_document")
        .prefetch_related(
            Prefetch("goals", queryset=_goals()),
            Prefetch("commitments", queryset=Commitment.objects.filter(ACTIVE).select_related("document")),
        )
    )


def topic_detail(code: str) -> Topic:
    return get_object_or_404(topics_with_goals(), code=code)


def goal_detail(code: str) -> Goal:
    return get_object_or_404(_goals().select_related("provenance_document"), code=code)


def indicator_list() -> QuerySet[Indicator]:
    return _active_indicators().prefetch_related(
        Prefetch("goals", queryset=Goal.objects.select_related("topic")), "disaggregations"
    )


def indicator_detail(code: str) -> Indicator:
    queryset = (
        Indicator.objects.filter(ACTIVE)
        .select_related("unit", "provenance_document")
        .prefetch_related(
            Prefetch("goals", queryset=Goal.objects.select_related("topic")),
            Prefetch("targets", queryset=Target.objects.select_related("goal")),
            Prefetch("disaggregations", queryset=Codelist.objects.prefetch_related("codes")),
        )
    )
    return get_object_or_404(queryset, code=code)


def commitments() -> QuerySet[Commitment]:
    return (
        Commitment.objects.filter(ACTIVE)
        .select_related("document")
        .prefetch_related("topics")
        .order_by("document__code", "id")
    )


def policy_areas_with_goals() -> list[tuple[PolicyArea, list[Goal]]]:
    goals = list(_goals())
    return [
        (area, [goal for goal in goals if area in goal.policy_areas.all()])
        for area in PolicyArea.objects.filter(ACTIVE)
    ]


def references_with_goals() -> list[tuple[str, list[tuple[Reference, list[Goal | Target]]]]]:
    """Each reference family with, for every reference, the goals and targets crosswalked to it."""
    goals = list(_goals())
    elements: list[Goal | Target] = [*goals, *(t for g in goals for t in g.targets.all())]
    families = []
    for family, label in Reference.Family.choices:
        rows = []
        for reference in Reference.objects.filter(ACTIVE, family=family):
            linked = [e for e in elements if reference in e.references.all()]
            rows.append((reference, linked))
        families.append((str(label), rows))
    return families


def framework_counts() -> dict[str, int]:
    counts = Topic.objects.filter(ACTIVE).aggregate(topics=Count("id"))
    counts["goals"] = Goal.objects.filter(ACTIVE).count()
    counts["targets"] = Target.objects.filter(ACTIVE).count()
    counts["indicators"] = Indicator.objects.filter(ACTIVE).count()
    counts["commitments"] = Commitment.objects.filter(ACTIVE).count()
    return counts


def code_labels() -> dict[tuple[str, str], str]:
    """Every code's label by (codelist, code): the words a page shows for a series key."""
    return {
        (codelist, code): label
        for codelist, code, label in Code.objects.values_list("codelist__code", "code", "label")
    }


def describe_key(key: str, labels: dict[tuple[str, str], str]) -> str:
    """``AGE=Y0T4|SEX=F`` in words (``0-4 years, Female``); a gap ``SEX=F vs SEX=M`` as ``Female vs Male``."""
    if " vs " in key:
        return " vs ".join(describe_key(part, labels) for part in key.split(" vs "))
    parts = [labels.get((dimension, code), code) for dimension, code in sorted(parse_key_text(key).items())]
    return ", ".join(parts)


def _current_codes() -> QuerySet[Code]:
    return Code.objects.filter(ACTIVE, codelist__retired_in__isnull=True)


def codelist_hierarchy() -> dict[str, dict[str, str]]:
    """Dimension -> code -> parent code, for every code of the current codelists (one query).

    A top-level code maps to ``_T``; ``_T`` itself is absent, and so are standalone codes (a band that
    overlaps codes at every level, such as AGE Y15T17: no sum may include it, see `standalone_codes`).
    Children of one parent are disjoint. A code of an open codelist that is not listed (a nationality)
    is a child of ``_T``.
    """
    hierarchy: dict[str, dict[str, str]] = {}
    rows = _current_codes().exclude(parent="").values_list("codelist__code", "code", "parent")
    for dimension, code, parent in rows:
        hierarchy.setdefault(dimension, {})[code] = parent
    return hierarchy


def standalone_codes() -> dict[str, frozenset[str]]:
    """Dimension -> the codes that take part in no sum: neither a parent nor a child of any code."""
    rows = _current_codes().filter(parent="").exclude(code="_T").values_list("codelist__code", "code")
    found: dict[str, set[str]] = {}
    for dimension, code in rows:
        found.setdefault(dimension, set()).add(code)
    return {dimension: frozenset(codes) for dimension, codes in found.items()}


def rate_derivations() -> dict[str, RateDerivation]:
    """Indicator code -> how it is computed from another indicator's counts, for current indicators."""
    rows = Indicator.objects.filter(ACTIVE, derived_from__isnull=False).values_list("code", "derived_from")
    return {code: RateDerivation.declared(code, Derivation.model_validate(stored)) for code, stored in rows}
