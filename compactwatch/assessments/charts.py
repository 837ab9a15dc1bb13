"""Vega-Lite specifications for the scorecard and topic pages, built from published (suppressed) values."""

from __future__ import annotations

import json
from typing import Any

from django.templatetags.static import static

from compactwatch.core.series import BREAK_IN_SERIES, comparable_stretches

BAND_COLOURS = {
    "achieved": "#1a7f37",
    "good": "#4caf50",
    "fair": "#f2c94c",
    "poor": "#f2994a",
    "bad": "#d64545",
    "none": "#bdbdbd",
}
BAND_WORDS = {
    "achieved": "Target achieved",
    "good": "On track, or substantial progress",
    "fair": "Moderate progress, acceleration needed",
    "poor": "Limited progress, stagnation",
    "bad": "Deterioration, target missed",
    "none": "No rating (no data, or too little)",
}
SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json"


BREAK_COLOUR = "#5b6675"


def series_chart(title: str, points: list[dict[str, Any]], target: float | None) -> dict[str, Any]:
    """Values by year (withheld values left out), with the target as a rule.

    A point may say `obs_status` ("B": a break in series), `footnote` and `partial` (the producer's figure
    covers part of the year). The line stops at a break and a dotted rule at the break's year says "break
    in series" with its footnote as the tooltip; a partial year is a hollow point labelled "partial year".
    """
    values = _with_stretches(points)
    encoding = {
        "x": {"field": "year", "type": "ordinal", "title": "Year"},
        "y": {"field": "value", "type": "quantitative", "title": title},
        "color": {"field": "series", "type": "nominal", "title": "Series"},
    }
    layers: list[dict[str, Any]] = [
        {
            "mark": {"type": "line"},
            "encoding": {**encoding, "detail": {"field": "stretch", "type": "nominal"}},
        },
        {
            "transform": [{"filter": "!datum.partial"}],
            "mark": {"type": "point", "filled": True},
            "encoding": encoding,
        },
        {
            "transform": [{"filter": "datum.partial"}],
            # Hidden from screen readers: the table beside the chart marks partial years in words.
            "mark": {"type": "point", "filled": False, "fill": "#ffffff", "strokeWidth": 2, "aria": False},
            "encoding": encoding,
        },
        *_marker_layers(values),
    ]
    if target is not None:
        layers.append(
            {
                "mark": {"type": "rule", "strokeDash": [4, 4], "aria": False},
                "encoding": {"y": {"datum": target}},
            }
        )
    return {
        "$schema": SCHEMA,
        "description": title,
        "width": "container",
        "height": 220,
        "data": {"values": values},
        "layer": layers,
    }


def _with_stretches(points: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The points with `stretch` (a break starts the next one), `partial` and `note` filled in."""
    by_series: dict[str, list[dict[str, Any]]] = {}
    for point in sorted(points, key=lambda p: str(p["year"])):
        by_series.setdefault(str(point.get("series", "")), []).append(point)
    values = []
    for series_points in by_series.values():
        stretches = comparable_stretches([str(p.get("obs_status", "")) for p in series_points])
        for point, stretch in zip(series_points, stretches, strict=True):
            partial = bool(point.get("partial", False))
            values.append(
                {**point, "stretch": stretch, "partial": partial, "note": point.get("footnote", "")}
            )
    return values


def _marker_layers(values: list[dict[str, Any]]) -> list[dict[str, Any]]:
    years = sorted(
        {str(v["year"]): v["note"] for v in values if v.get("obs_status") == BREAK_IN_SERIES}.items()
    )
    # Labels of nearby breaks would overlap: each goes one line below the one before (a pixel offset).
    breaks = {
        year: {"year": year, "label": "break in series", "note": note, "offset": 2 + 14 * (n % 3)}
        for n, (year, note) in enumerate(years)
    }
    layers: list[dict[str, Any]] = []
    if breaks:
        data = {"values": list(breaks.values())}
        x = {"field": "year", "type": "ordinal"}
        tooltip = [{"field": "year", "title": "Year"}, {"field": "note", "title": "break in series"}]
        layers += [
            {
                "data": data,
                "mark": {"type": "rule", "strokeDash": [2, 3], "strokeWidth": 2, "color": BREAK_COLOUR},
                "encoding": {"x": x, "tooltip": tooltip},
            },
            {
                "data": data,
                "mark": {"type": "text", "align": "left", "baseline": "top", "dx": 3, "fontSize": 11},
                "encoding": {
                    "x": x,
                    "y": {"field": "offset", "type": "quantitative", "scale": None},
                    "text": {"field": "label"},
                    "tooltip": tooltip,
                },
            },
        ]
    if any(v["partial"] for v in values):
        layers.append(
            {
                "transform": [{"filter": "datum.partial"}],
                "mark": {
                    "type": "text",
                    "align": "right",
                    "dx": -4,
                    "dy": -14,
                    "fontSize": 11,
                    "color": BREAK_COLOUR,
                    "aria": False,
                },
                "encoding": {
                    "x": {"field": "year", "type": "ordinal"},
                    "y": {"field": "value", "type": "quantitative"},
                    "text": {"value": "partial year"},
                },
            }
        )
    return layers


def status_map(rows: list[dict[str, str]]) -> dict[str, Any]:
    """A world map coloured by status band; countries without a rating in grey."""
    bands = list(BAND_COLOURS)
    return {
        "$schema": SCHEMA,
        "width": "container",
        "height": 360,
        "data": {
            "url": static("web/world-110m.json"),
            "format": {"type": "topojson", "feature": "countries"},
        },
        "transform": [
            {
                "lookup": "properties.iso3",
                "from": {"data": {"values": rows}, "key": "iso3", "fields": ["name", "band", "status"]},
            },
            {"calculate": "datum.band || 'none'", "as": "band"},
        ],
        "projection": {"type": "equalEarth"},
        "mark": {"type": "geoshape", "stroke": "#fff", "strokeWidth": 0.3},
        "encoding": {
            "color": {
                "field": "band",
                "type": "nominal",
                "scale": {"domain": bands, "range": [BAND_COLOURS[b] for b in bands]},
                "title": "Status",
                "legend": {"labelExpr": f"{json.dumps(BAND_WORDS)}[datum.label]", "labelLimit": 260},
            },
            "tooltip": [{"field": "name", "title": "Country"}, {"field": "status", "title": "Status"}],
        },
    }
