"""Charts draw a break in series as a gap with a labelled rule, and a partial year as a hollow point."""

from __future__ import annotations

from typing import Any

from compactwatch.assessments.charts import series_chart
from compactwatch.web.charts import time_series
from compactwatch.web.selectors import Point

REASON = "UNHCR's age and sex breakdown leaves out the Syrian refugees"
TURKIYE = [
    Point("TUR", "", 2014, "138119", 138119.0, "unhcr", "", ""),
    Point("TUR", "", 2015, "13633", 13633.0, "unhcr", "B", REASON),
    Point("TUR", "", 2016, "16193", 16193.0, "unhcr", "", ""),
]


def layer_with(spec: dict[str, Any], mark: str, **wanted: object) -> dict[str, Any]:
    layers = [
        layer
        for layer in spec["layer"]
        if layer["mark"]["type"] == mark and all(layer["mark"].get(k) == v for k, v in wanted.items())
    ]
    assert len(layers) == 1, layers
    return layers[0]


def test_a_break_splits_the_line_and_draws_a_labelled_rule_with_its_reason() -> None:
    spec = time_series(
        TURKIYE, description="Refugee children in Türkiye", unit="Children", colour_by="source"
    )

    line = layer_with(spec, "line")
    assert line["encoding"]["detail"] == {"field": "stretch", "type": "nominal"}
    assert [(v["year"], v["stretch"]) for v in spec["data"]["values"]] == [(2014, 0), (2015, 1), (2016, 1)]
    rule = layer_with(spec, "rule", strokeDash=[2, 3])
    assert rule["data"]["values"] == [
        {"at": 2014.5, "year": 2015, "label": "break in series", "note": REASON, "offset": 2}
    ]
    assert rule["encoding"]["tooltip"][1] == {"field": "note", "title": "break in series"}
    label = layer_with(spec, "text", baseline="top")
    assert label["encoding"]["text"] == {"field": "label"}
    assert label["encoding"]["y"] == {"field": "offset", "type": "quantitative", "scale": None}


def test_labels_of_nearby_breaks_are_staggered() -> None:
    later = Point("TUR", "", 2018, "1668018", 1668018.0, "unhcr", "B", "covered again")

    spec = time_series([*TURKIYE, later], description="d", unit="Children", colour_by="source")

    rule = layer_with(spec, "rule", strokeDash=[2, 3])
    assert [(r["year"], r["offset"]) for r in rule["data"]["values"]] == [(2015, 2), (2018, 16)]
    assert [v["stretch"] for v in spec["data"]["values"]] == [0, 1, 1, 2]


def test_a_series_without_breaks_is_one_line_with_no_rule() -> None:
    plain = [Point(p.iso3, p.key, p.year, p.text, p.number, p.source) for p in TURKIYE]

    spec = time_series(plain, description="d", unit="Children", colour_by="source")

    assert {v["stretch"] for v in spec["data"]["values"]} == {0}
    assert [layer["mark"]["type"] for layer in spec["layer"]] == ["line", "point"]


def test_a_partial_year_is_a_hollow_point_labelled_partial_year() -> None:
    points = [
        Point("GBR", "", 2023, "4880", 4880.0, "home-office"),
        Point("GBR", "", 2024, "3000", 3000.0, "home-office", "", "2024 covers January-September", True),
    ]

    spec = time_series(points, description="d", unit="Applications", colour_by="source")

    assert [(v["year"], v["partial"]) for v in spec["data"]["values"]] == [(2023, False), (2024, True)]
    hollow = layer_with(spec, "point", filled=False)
    assert hollow["transform"] == [{"filter": "datum.partial"}]
    assert layer_with(spec, "point", filled=True)["transform"] == [{"filter": "!datum.partial"}]
    label = layer_with(spec, "text", dy=-14, align="right")
    assert label["encoding"]["text"] == {"value": "partial year"}
    assert spec["data"]["values"][1]["note"] == "partial year; 2024 covers January-September"


def test_the_scorecard_chart_splits_at_a_break_and_hollows_a_partial_year() -> None:
    points = [
        {"series": "Total", "year": "2014", "value": 138119.0},
        {"series": "Total", "year": "2015", "value": 13633.0, "obs_status": "B", "footnote": REASON},
        {"series": "Total", "year": "2016", "value": 16193.0, "partial": True},
    ]

    spec = series_chart("Refugee children", points, None)

    assert [(v["year"], v["stretch"], v["partial"]) for v in spec["data"]["values"]] == [
        ("2014", 0, False),
        ("2015", 1, False),
        ("2016", 1, True),
    ]
    assert layer_with(spec, "line")["encoding"]["detail"]["field"] == "stretch"
    rule = layer_with(spec, "rule", strokeDash=[2, 3])
    assert rule["data"]["values"] == [
        {"year": "2015", "label": "break in series", "note": REASON, "offset": 2}
    ]
    assert layer_with(spec, "point", filled=False)["transform"] == [{"filter": "datum.partial"}]
