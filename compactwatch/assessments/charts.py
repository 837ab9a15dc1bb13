"""Vega-Lite specifications for the scorecard and topic pages, built from published (suppressed) values."""

from __future__ import annotations

import json
from typing import Any

from django.templatetags.static import static

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


def series_chart(title: str, points: list[dict[str, Any]], target: float | None) -> dict[str, Any]:
    """Values by year (withheld values left out), with the target as a rule."""
    layers: list[dict[str, Any]] = [
        {
            "mark": {"type": "line", "point": True},
            "encoding": {
                "x": {"field": "year", "type": "ordinal", "title": "Year"},
                "y": {"field": "value", "type": "quantitative", "title": title},
                "color": {"field": "series", "type": "nominal", "title": "Series"},
            },
        }
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
        "data": {"values": points},
        "layer": layers,
    }


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
