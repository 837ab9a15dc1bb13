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

from compactwatch.core.series import BREAK_IN_SERIES, comparable_stretches
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


BREAK_COLOUR = "#5b6675"


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
    """A line per area (or source) over the years, with the target as a dashed rule.

    A break in series (OBS_STATUS B) ends the line: the next values start a new one, and a dotted vertical
    rule between the two years says "break in series", its footnote as the tooltip. A partial year (the
    producer's figure covers part of it) is a hollow point marked "partial year".
    """
    names = names or {}

    def series_of(p: Point) -> str:
        return names.get(p.iso3, p.iso3) if colour_by == "area" else p.source

    values = _line_values(points, series_of)
    layers: list[dict[str, Any]] = [_line_layer(unit, colour_by), _point_layer(unit, partial=False)]
    if any(v["partial"] for v in values):
        layers += [_point_layer(unit, partial=True), _partial_label_layer()]
    layers += _break_layers(points)
    if target is not None:
        layers += _target_layers(target, target_label)
    return _spec(description, width="container", height=320, data={"values": values}, layer=layers)


def _line_values(points: Sequence[Point], series_of: Any) -> list[dict[str, Any]]:
    """The plotted values, each with the stretch of comparable years it belongs to (`stretch`)."""
    by_series: dict[str, list[Point]] = {}
    for p in sorted(points, key=lambda p: p.year):
        by_series.setdefault(series_of(p), []).append(p)
    values = []
    for series, series_points in by_series.items():
        stretches = comparable_stretches([p.obs_status for p in series_points])
        for p, stretch in zip(series_points, stretches, strict=True):
            if p.number is None:
                continue
            partial = bool(getattr(p, "partial_period", False))
            values.append(
                {
                    "year": p.year,
                    "value": p.number,
                    "series": series,
                    "shown": p.text,
                    "stretch": stretch,
                    "partial": partial,
                    "note": _point_note(p, partial),
                }
            )
    return values


def _point_note(p: Point, partial: bool) -> str:
    flags = [
        *([_("break in series")] if p.obs_status == BREAK_IN_SERIES else []),
        *([_("partial year")] if partial else []),
    ]
    return "; ".join([*flags, p.footnote] if p.footnote else flags)


def _axes(unit: str) -> dict[str, Any]:
    return {
        "x": {
            "field": "year",
            "type": "quantitative",
            "title": _("Year"),
            "axis": {"format": "d", "tickMinStep": 1},
        },
        "y": {"field": "value", "type": "quantitative", "title": unit},
    }


def _line_layer(unit: str, colour_by: str) -> dict[str, Any]:
    # One line per series and stretch: no line joins the two sides of a break.
    return {
        "mark": {"type": "line", "strokeWidth": 2},
        "encoding": {
            **_axes(unit),
            "color": {
                "field": "series",
                "type": "nominal",
                "title": _("Country") if colour_by == "area" else _("Source"),
                # Below the chart: at phone width a legend beside it leaves the lines no room.
                "legend": {"orient": "bottom"},
            },
            "detail": {"field": "stretch", "type": "nominal"},
        },
    }


def _point_layer(unit: str, *, partial: bool) -> dict[str, Any]:
    mark = (
        {"type": "point", "filled": False, "size": 70, "strokeWidth": 2, "fill": "#ffffff", "aria": False}
        if partial
        else {"type": "point", "filled": True, "size": 50}
    )
    return {
        "transform": [{"filter": "datum.partial" if partial else "!datum.partial"}],
        "mark": mark,
        "encoding": {
            **_axes(unit),
            "color": {"field": "series", "type": "nominal"},
            "tooltip": [
                {"field": "series", "title": _("Series")},
                {"field": "year", "title": _("Year")},
                {"field": "shown", "title": unit},
                {"field": "note", "title": _("Note")},
            ],
        },
    }


def _partial_label_layer() -> dict[str, Any]:
    return {
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
            "x": {"field": "year", "type": "quantitative"},
            "y": {"field": "value", "type": "quantitative"},
            "text": {"value": _("partial year")},
        },
    }


def _break_layers(points: Sequence[Point]) -> list[dict[str, Any]]:
    """A dotted rule half-way between the year before a break and the break, labelled at the top."""
    breaks = sorted({(p.year, p.footnote) for p in points if p.obs_status == BREAK_IN_SERIES})
    if not breaks:
        return []
    label = _("break in series")
    # Labels of nearby breaks would overlap: each goes one line below the one before (a pixel offset).
    rows = [
        {"at": year - 0.5, "year": year, "label": label, "note": note, "offset": 2 + 14 * (n % 3)}
        for n, (year, note) in enumerate(breaks)
    ]
    data = {"values": rows}
    tooltip = [{"field": "year", "title": _("Year")}, {"field": "note", "title": label}]
    return [
        {
            "data": data,
            "mark": {"type": "rule", "strokeDash": [2, 3], "strokeWidth": 2, "color": BREAK_COLOUR},
            "encoding": {"x": {"field": "at", "type": "quantitative"}, "tooltip": tooltip},
        },
        {
            "data": data,
            "mark": {
                "type": "text",
                "align": "left",
                "baseline": "top",
                "dx": 3,
                "fontSize": 11,
                "color": BREAK_COLOUR,
            },
            "encoding": {
                "x": {"field": "at", "type": "quantitative"},
                "y": {"field": "offset", "type": "quantitative", "scale": None},
                "text": {"field": "label"},
                "tooltip": tooltip,
            },
        },
    ]


def _target_layers(target: float, target_label: str) -> list[dict[str, Any]]:
    return [
        {
            "mark": {
                "type": "rule",
                "strokeDash": [6, 4],
                "color": "#b0004a",
                "strokeWidth": 2,
                "aria": False,
            },
            "encoding": {"y": {"datum": target}},
        },
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
        },
    ]


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
