"""Public pages: thin views over the selectors."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from compactwatch.areas import selectors as areas_selectors
from compactwatch.framework import selectors


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "web/home.html",
        {"topics": selectors.topics_with_goals(), "counts": selectors.framework_counts()},
    )


@require_safe
def framework(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "web/framework.html",
        {"topics": selectors.topics_with_goals(), "counts": selectors.framework_counts()},
    )


@require_safe
def framework_versions(request: HttpRequest) -> HttpResponse:
    return render(request, "web/framework_versions.html", {"versions": selectors.framework_versions()})


@require_safe
def framework_snapshot(request: HttpRequest, label: str) -> JsonResponse:
    snapshot = selectors.framework_at(label).model_dump(mode="json")
    response = JsonResponse(snapshot, json_dumps_params={"ensure_ascii": False, "indent": 1})
    response["Content-Disposition"] = f'inline; filename="compactwatch-framework-{label}.json"'
    return response


@require_safe
def topic(request: HttpRequest, code: str) -> HttpResponse:
    return render(request, "web/topic.html", {"topic": selectors.topic_detail(code)})


@require_safe
def goal(request: HttpRequest, code: str) -> HttpResponse:
    return render(request, "web/goal.html", {"goal": selectors.goal_detail(code)})


@require_safe
def indicators(request: HttpRequest) -> HttpResponse:
    return render(request, "web/indicators.html", {"indicators": selectors.indicator_list()})


@require_safe
def indicator(request: HttpRequest, code: str) -> HttpResponse:
    return render(request, "web/indicator.html", {"indicator": selectors.indicator_detail(code)})


@require_safe
def commitments(request: HttpRequest) -> HttpResponse:
    return render(request, "web/commitments.html", {"commitments": selectors.commitments()})


@require_safe
def crosswalks(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "web/crosswalks.html",
        {
            "policy_areas": selectors.policy_areas_with_goals(),
            "families": selectors.references_with_goals(),
        },
    )


@require_safe
def areas(request: HttpRequest) -> HttpResponse:
    return render(request, "web/areas.html", {"regions": areas_selectors.regions_with_areas()})


@require_safe
def area(request: HttpRequest, iso3: str) -> HttpResponse:
    return render(request, "web/area.html", {"area": areas_selectors.area_detail(iso3)})
