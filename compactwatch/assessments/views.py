"""Country scorecards, the country list and a topic across countries: thin views over the selectors."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from compactwatch.assessments import selectors
from compactwatch.assessments.charts import BAND_COLOURS, series_chart, status_map
from compactwatch.core.series import key_text
from compactwatch.observations.selectors import published_table
from compactwatch.practices.selectors import practices_for_country
from compactwatch.web.caching import cached_page


@require_safe
@cached_page
def countries(request: HttpRequest) -> HttpResponse:
    context = {"rows": selectors.country_list(), **coverage_rule()}
    return render(request, "assessments/countries.html", context)


@require_safe
@cached_page
def country(request: HttpRequest, iso3: str) -> HttpResponse:
    card = selectors.scorecard(iso3)
    for item in card.cards:
        item.chart = indicator_chart(item, card.area.iso3)
    context = {
        "card": card,
        "colours": BAND_COLOURS,
        "practices": practices_for_country(card.area.iso3),
        **coverage_rule(),
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


def coverage_rule() -> dict[str, int]:
    return {"min_indicators": selectors.MIN_RATED_INDICATORS, "min_topics": selectors.MIN_RATED_TOPICS}


@dataclass
class ChartData:
    """Published values of the series an indicator is rated on: for the chart, and for the table beside it."""

    element_id: str
    spec: dict[str, object]
    rows: list[tuple[str, str, str]]  # series, year, value as published ("<5" for small counts)


def indicator_chart(card: selectors.IndicatorCard, iso3: str, max_series: int = 6) -> ChartData:
    wanted = {a.key: getattr(a, "key_label", a.key) for a in card.series[:max_series]}
    table = published_table(card.indicator.code, iso3)
    dims = table.dimensions
    points: list[dict[str, object]] = []
    rows: list[tuple[str, str, str]] = []
    for row in table.rows:
        key = key_text(dict(zip(dims, row[3 : 3 + len(dims)], strict=True)))
        if key not in wanted:
            continue
        text = row[3 + len(dims)]
        name = wanted[key] or "Total"
        rows.append((name, row[2], text))
        try:
            points.append({"series": name, "year": row[2], "value": float(text)})
        except ValueError:
            continue  # withheld ("<5") or coded values are not plotted
    target = card.indicator.target_value if isinstance(card.indicator.target_value, int | float) else None
    spec = series_chart(card.indicator.title, points, None if target is None else float(target))
    return ChartData(f"chart-{card.indicator.code}", spec, rows)
