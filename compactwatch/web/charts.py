"""Vega-Lite specifications for the data pages. Data are inlined: only published values go in.

Each page renders a spec with `json_script` and a `<div data-vega-spec="ID">`; `web/charts.js` embeds it.
Every chart has a data table beside it on the page: the spec's `description` is read by screen readers,
the table holds the figures.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.templatetags.static import static
from django.utils.translation import gettext as _

from compactwatch.web.selectors import HeadlineYear, Point

SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json"
PALETTE = ["#0b5cad", "#b35900", "#2e7d32", "#6a3d9a", "#b0004a", "#00706b", "#5b6675", "#7a5c00"]
BASE_CONFIG = {
    "font": "system-ui, sans-serif",
    "axis": {"labelFontSize": 12, "titleFontSize": 13, "labelColor": "#1d2733", "titleColor": "#1d2733"},
    "legend": {"labelFontSize": 12, "titleFontSize": 13, "labelColor": "#1d2733", "titleColor": "#1d2733"},
    "range": {"category": PALETTE},
}


def _spec(description: str, **parts: Any) -> dict[str, Any]:
    return {"$schema": SCHEMA, "description": description, "config": BASE_CONFIG, **parts}


def time_series(
    points: Sequence[Point],
    *,
    description: str,
    unit: str,
    colour_by: str,
    names: dict[str, str] | None = None,
    target: float | None = None,
    target_label: str = "",
) -> dict[str, Any]:
    """A line per area (or source) over the years, with the target as a dashed rule."""
    names = names or {}
    values = [
        {
            "year": p.year,
            "value": p.number,
            "series": names.get(p.iso3, p.iso3) if colour_by == "area" else p.source,
            "shown": p.text,
        }
        for p in points
        if p.number is not None
    ]
    line = {
        "mark": {"type": "line", "point": {"filled": True, "size": 50}, "strokeWidth": 2},
        "encoding": {
            "x": {
                "field": "year",
                "type": "quantitative",
                "title": _("Year"),
                "axis": {"format": "d", "tickMinStep": 1},
            },
            "y": {"field": "value", "type": "quantitative", "title": unit},
            "color": {
                "field": "series",
                "type": "nominal",
                "title": _("Country") if colour_by == "area" else _("Source"),
            },
            "tooltip": [
                {"field": "series", "title": _("Series")},
                {"field": "year", "title": _("Year")},
                {"field": "shown", "title": unit},
            ],
        },
    }
    layers: list[dict[str, Any]] = [line]
    if target is not None:
        layers.append(
            {
                "mark": {
                    "type": "rule",
                    "strokeDash": [6, 4],
                    "color": "#b0004a",
                    "strokeWidth": 2,
                    "aria": False,
                },
                "encoding": {"y": {"datum": target}},
            }
        )
        layers.append(
            {
                "mark": {
                    "type": "text",
                    "align": "left",
                    "dx": 4,
                    "dy": -8,
                    "color": "#b0004a",
                    "x": 0,
                    "aria": False,
                },
                "encoding": {"y": {"datum": target}, "text": {"value": target_label}},
            }
        )
    return _spec(description, width="container", height=320, data={"values": values}, layer=layers)


def world_map(
    points: Sequence[Point], *, description: str, unit: str, names: dict[str, str]
) -> dict[str, Any]:
    """Countries coloured by their latest published value; countries without one stay grey."""
    values = [
        {
            "iso3": p.iso3,
            "value": p.number,
            "year": p.year,
            "shown": p.text,
            "name": names.get(p.iso3, p.iso3),
        }
        for p in points
        if p.number is not None
    ]
    lookup = {
        "lookup": "properties.iso3",
        "from": {"data": {"values": values}, "key": "iso3", "fields": ["value", "year", "shown", "name"]},
    }
    return _spec(
        description,
        width="container",
        height=380,
        data={"url": static("web/world-110m.json"), "format": {"type": "topojson", "feature": "countries"}},
        projection={"type": "equalEarth"},
        layer=[
            {
                "mark": {
                    "type": "geoshape",
                    "fill": "#e3e7ec",
                    "stroke": "#ffffff",
                    "strokeWidth": 0.5,
                    "aria": False,
                }
            },
            {
                "transform": [lookup, {"filter": "isValid(datum.value)"}],
                "mark": {"type": "geoshape", "stroke": "#ffffff", "strokeWidth": 0.5},
                "encoding": {
                    "color": {
                        "field": "value",
                        "type": "quantitative",
                        "title": unit,
                        "scale": {"scheme": "blues"},
                    },
                    "tooltip": [
                        {"field": "name", "title": _("Country")},
                        {"field": "year", "title": _("Year")},
                        {"field": "shown", "title": unit},
                    ],
                },
            },
        ],
    )


def headline_bars(years: Sequence[HeadlineYear], *, description: str) -> dict[str, Any]:
    refugees, asylum_seekers = _("Refugees"), _("Asylum-seekers")
    values = [
        row
        for year in years
        for row in (
            {"year": year.year, "status": refugees, "children": year.refugees},
            {"year": year.year, "status": asylum_seekers, "children": year.asylum_seekers},
        )
    ]
    return _spec(
        description,
        width="container",
        height=260,
        data={"values": values},
        mark={"type": "bar"},
        encoding={
            "x": {"field": "year", "type": "ordinal", "title": _("Year")},
            "y": {"field": "children", "type": "quantitative", "title": _("Children"), "stack": "zero"},
            "color": {"field": "status", "type": "nominal", "title": _("Status")},
            "tooltip": [
                {"field": "year", "title": _("Year")},
                {"field": "status", "title": _("Status")},
                {"field": "children", "title": _("Children"), "format": ","},
            ],
        },
    )
