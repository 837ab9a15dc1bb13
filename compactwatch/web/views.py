"""Public pages: thin views over the selectors."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from compactwatch.assessments import selectors as ratings
from compactwatch.framework import selectors
from compactwatch.framework.models import Indicator
from compactwatch.practices.selectors import practices_for_goal, practices_for_topic
from compactwatch.web import charts, downloads, pages
from compactwatch.web import selectors as data_selectors
from compactwatch.web.caching import cached_page

COUNTRIES_PATH = "/countries/"  # served by the assessments app (scorecards)


@require_safe
@cached_page
def home(request: HttpRequest) -> HttpResponse:
    years, sources = data_selectors.refugee_children_by_year()
    description = _("Bar chart: refugee and asylum-seeking children in all countries of asylum, by year.")
    return render(
        request,
        "web/home.html",
        {
            "topics": data_selectors.topics_with_goal_counts(),
            "counts": selectors.framework_counts(),
            "headline_years": years,
            "headline_latest": years[-1] if years else None,
            "headline_sources": sources,
            "headline_chart": charts.headline_bars(years, description=description) if years else None,
            "indicators": data_selectors.indicators_with_data(),
            "countries": data_selectors.countries_with_most_data(),
        },
    )


@require_safe
@cached_page
def search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "")[:200]
    return render(request, "web/search.html", {"query": query, "results": data_selectors.search(query)})


@require_safe
@cached_page
def methodology(request: HttpRequest) -> HttpResponse:
    """How ratings are made, read from the engine and the rules as they run."""
    context = {
        "methods": pages.method_sections(),
        "score_points": pages.score_points(),
        "score_bands": pages.score_bands(),
        "fixed_scores": pages.fixed_scores(),
        "statuses": pages.status_vocabulary(),
        "reasons": pages.insufficient_reasons(),
        "zero_base_rules": pages.zero_base_rules(),
        "min_indicators": ratings.MIN_RATED_INDICATORS,
        "min_topics": ratings.MIN_RATED_TOPICS,
        "populations": [
            (ratings.population_label(p), ratings.population_note(p)) for p in ratings.POPULATIONS
        ],
        "small_count": settings.SMALL_COUNT_THRESHOLD,
        "sensitive_count": settings.SENSITIVE_COUNT_THRESHOLD,
        "min_rate_base": settings.MIN_RATE_BASE,
        "sensitive_indicators": Indicator.objects.filter(sensitive=True, retired_in__isnull=True),
    }
    return render(request, "web/methodology.html", context)


@require_safe
@cached_page
def framework(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "web/framework.html",
        {"topics": selectors.topics_with_goals(), "counts": selectors.framework_counts()},
    )


@require_safe
@cached_page
def framework_versions(request: HttpRequest) -> HttpResponse:
    return render(request, "web/framework_versions.html", {"versions": selectors.framework_versions()})


@require_safe
def framework_snapshot(request: HttpRequest, label: str) -> JsonResponse:
    snapshot = selectors.framework_at(label).model_dump(mode="json")
    response = JsonResponse(snapshot, json_dumps_params={"ensure_ascii": False, "indent": 1})
    response["Content-Disposition"] = f'inline; filename="compactwatch-framework-{label}.json"'
    return response


@require_safe
@cached_page
def topic(request: HttpRequest, code: str) -> HttpResponse:
    detail = selectors.topic_detail(code)
    pages.attach_status_counts(list(detail.goals.all()))
    practices = practices_for_topic(detail.code)
    return render(request, "web/topic.html", {"topic": detail, "practices": practices})


@require_safe
@cached_page
def goal(request: HttpRequest, code: str) -> HttpResponse:
    detail = selectors.goal_detail(code)
    pages.attach_status_counts([detail])
    practices = practices_for_goal(detail.code)
    return render(request, "web/goal.html", {"goal": detail, "practices": practices})


@require_safe
@cached_page
def indicators(request: HttpRequest) -> HttpResponse:
    return render(request, "web/indicators.html", {"indicators": selectors.indicator_list()})


@require_safe
@cached_page
def indicator(request: HttpRequest, code: str) -> HttpResponse:
    """The indicator with its data; `?fragment=data` answers only the part the selectors change."""
    detail = selectors.indicator_detail(code)
    context = {
        "indicator": detail,
        "data": pages.indicator_data(detail, request.GET),
        "downloads": downloads.FORMATS.values(),
    }
    if request.GET.get("fragment") == "data":
        return render(request, "web/includes/indicator_data.html", context)
    context["sources"] = data_selectors.indicator_sources(detail)
    return render(request, "web/indicator.html", context)


@require_safe
def indicator_download(request: HttpRequest, code: str, format_name: str) -> HttpResponse:
    """The indicator's published data (small counts withheld) in one export format."""
    download = downloads.FORMATS.get(format_name)
    if download is None:
        raise Http404(_("Unknown download format %(name)s.") % {"name": format_name})
    detail = selectors.indicator_detail(code)
    response = HttpResponse(downloads.render(detail.code, download), content_type=download.content_type)
    response["Content-Disposition"] = f'attachment; filename="{downloads.file_name(detail.code, download)}"'
    return response


@require_safe
@cached_page
def compare(request: HttpRequest) -> HttpResponse:
    code = request.GET.get("indicator", "")
    indicator = Indicator.objects.filter(code=code, retired_in__isnull=True).select_related("unit").first()
    if code and indicator is None:
        raise Http404(_("No indicator with the code %(code)s.") % {"code": code})
    return render(
        request,
        "web/compare.html",
        {
            "comparison": pages.comparison(indicator, request.GET),
            "indicators": data_selectors.indicators_with_data(),
        },
    )


@require_safe
@cached_page
def commitments(request: HttpRequest) -> HttpResponse:
    return render(request, "web/commitments.html", {"commitments": selectors.commitments()})


@require_safe
@cached_page
def crosswalks(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "web/crosswalks.html",
        {
            "policy_areas": selectors.policy_areas_with_goals(),
            "families": selectors.references_with_goals(),
        },
    )


def areas(request: HttpRequest) -> HttpResponsePermanentRedirect:
    """The country list moved to /countries/ (with scorecards); old links keep working."""
    return HttpResponsePermanentRedirect(COUNTRIES_PATH)


def area(request: HttpRequest, iso3: str) -> HttpResponsePermanentRedirect:
    return HttpResponsePermanentRedirect(f"{COUNTRIES_PATH}{iso3.upper()}/")
