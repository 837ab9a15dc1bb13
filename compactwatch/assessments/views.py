"""Country scorecards, the country list and a topic across countries: thin views over the selectors."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from compactwatch.assessments import selectors
from compactwatch.assessments.charts import BAND_COLOURS, status_map
from compactwatch.practices.selectors import practices_for_country
from compactwatch.web.caching import cached_page


@require_safe
@cached_page
def countries(request: HttpRequest) -> HttpResponse:
    return render(request, "assessments/countries.html", {"rows": selectors.country_list()})


@require_safe
@cached_page
def country(request: HttpRequest, iso3: str) -> HttpResponse:
    card = selectors.scorecard(iso3)
    items = [(c, selectors.indicator_chart(c, card.area.iso3)) for c in card.cards]
    context = {
        "card": card,
        "items": items,
        "colours": BAND_COLOURS,
        "practices": practices_for_country(card.area.iso3),
    }
    return render(request, "assessments/scorecard.html", context)


@require_safe
@cached_page
def topic_countries(request: HttpRequest, code: str) -> HttpResponse:
    topic, rows = selectors.topic_across_countries(code)
    spec = status_map(
        [
            {"iso3": r.area.iso3, "name": r.area.name, "band": r.rollup.band, "status": r.rollup.label}
            for r in rows
        ]
    )
    return render(
        request,
        "assessments/topic_countries.html",
        {"topic": topic, "rows": rows, "map_spec": spec, "colours": BAND_COLOURS},
    )
