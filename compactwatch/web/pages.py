"""What the data pages show, put together from the selectors: the views only parse and render."""

from __future__ import annotations

import inspect
import json
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from django.http import QueryDict
from django.utils.translation import gettext as _

from compactwatch.areas.models import Area
from compactwatch.core.series import parse_key_text
from compactwatch.framework.models import Indicator
from compactwatch.observations.models import Source
from compactwatch.web import charts, selectors
from compactwatch.web.selectors import Point, Selection

WORLD_MAP = Path(__file__).parent / "static" / "web" / "world-110m.json"
MAX_COMPARED_AREAS = 12


@cache
def areas_on_map() -> frozenset[str]:
    topology = json.loads(WORLD_MAP.read_text(encoding="utf-8"))
    return frozenset(g["properties"]["iso3"] for g in topology["objects"]["countries"]["geometries"])


@dataclass
class MapRow:
    area: Area | None
    iso3: str
    point: Point


@dataclass
class IndicatorData:
    indicator: Indicator
    selection: Selection
    area: Area | None = None
    areas: list[Area] = field(default_factory=list)
    points: list[Point] = field(default_factory=list)
    latest: list[MapRow] = field(default_factory=list)
    not_on_map: list[MapRow] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    chart: dict[str, Any] | None = None
    map: dict[str, Any] | None = None
    progress: list[Any] = field(default_factory=list)

    @property
    def alternatives(self) -> list[tuple[str, str]]:
        """Series that exist, as (query string, description), when the chosen combination has no data."""
        chosen = set(parse_key_text(self.selection.key).items())
        nearest = sorted(self.selection.keys, key=lambda key: -len(chosen & set(parse_key_text(key).items())))
        return [(_query(key), self.selection.describe(key) or _("Total")) for key in nearest[:20]]

    @property
    def series_label(self) -> str:
        return self.selection.describe(self.selection.key) or _("Total")


def _query(key: str) -> str:
    query = QueryDict(mutable=True)
    query.update(parse_key_text(key))
    return query.urlencode()


def indicator_data(indicator: Indicator, params: QueryDict) -> IndicatorData:
    """The chosen series (one code per dimension) in the chosen area, and every area's latest value."""
    selection = selectors.selection(indicator, params.dict())
    data = IndicatorData(indicator, selection)
    data.areas = selectors.areas_with_data(indicator)
    key = selection.key
    requested = params.get("area", "").upper()
    known = {area.iso3: area for area in data.areas}
    iso3 = requested if requested in known else selectors.default_area(indicator, key)
    data.area = known.get(iso3 or "")
    data.progress = selectors.indicator_progress(indicator, iso3, key)
    if not selection.exists:
        return data
    data.points = selectors.area_points(indicator, [iso3], key) if iso3 else []
    _add_map(data, selectors.latest_points(indicator, key))
    data.sources = selectors.sources({p.source for p in data.points} | {r.point.source for r in data.latest})
    _add_chart(data)
    return data


def _add_map(data: IndicatorData, latest: list[Point]) -> None:
    by_iso3 = {area.iso3: area for area in data.areas}
    rows = sorted(
        (MapRow(by_iso3.get(p.iso3), p.iso3, p) for p in latest),
        key=lambda r: r.area.name if r.area else r.iso3,
    )
    on_map = areas_on_map()
    data.latest = rows
    data.not_on_map = [row for row in rows if row.iso3 not in on_map]
    if any(row.point.number is not None for row in rows):
        names = {row.iso3: row.area.name for row in rows if row.area}
        description = _(
            "World map of %(indicator)s, %(series)s: each country coloured by its latest value."
        ) % {
            "indicator": data.indicator.title,
            "series": data.series_label,
        }
        data.map = charts.world_map(
            latest, description=description, unit=data.indicator.unit.label, names=names
        )


def _add_chart(data: IndicatorData) -> None:
    if not any(p.number is not None for p in data.points) or data.area is None:
        return
    indicator = data.indicator
    target = indicator.target_value if isinstance(indicator.target_value, int | float) else None
    description = _("Line chart of %(indicator)s in %(area)s, %(series)s, by year.") % {
        "indicator": indicator.title,
        "area": data.area.name,
        "series": data.series_label,
    }
    data.chart = charts.time_series(
        data.points,
        description=description,
        unit=indicator.unit.label,
        colour_by="source",
        target=float(target) if target is not None else None,
        target_label=_("Target: %(target)s") % {"target": indicator.target_text},
    )


@dataclass
class Comparison:
    indicator: Indicator | None
    selection: Selection | None = None
    requested: list[str] = field(default_factory=list)
    areas: list[Area] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)
    years: list[int] = field(default_factory=list)
    table: list[tuple[int, list[Point | None]]] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    chart: dict[str, Any] | None = None
    available: list[Area] = field(default_factory=list)

    @property
    def series_label(self) -> str:
        return self.selection.describe(self.selection.key) if self.selection else ""


def comparison(indicator: Indicator | None, params: QueryDict) -> Comparison:
    requested = [code.strip().upper() for code in params.get("areas", "").split(",") if code.strip()]
    result = Comparison(indicator, requested=requested[:MAX_COMPARED_AREAS])
    if indicator is None:
        return result
    result.selection = selectors.selection(indicator, params.dict())
    key = result.selection.key
    result.available = selectors.areas_with_series(indicator, key)
    known = {area.iso3: area for area in result.available}
    if not result.requested:
        result.requested = [a.iso3 for a in sorted(result.available, key=lambda a: a.iso3)][:3]
    result.areas = [known[code] for code in result.requested if code in known]
    result.unknown = [code for code in result.requested if code not in known]
    points = selectors.area_points(indicator, [a.iso3 for a in result.areas], key)
    _fill_comparison(result, points)
    return result


def _fill_comparison(result: Comparison, points: list[Point]) -> None:
    assert result.indicator is not None
    by_year: dict[int, dict[str, Point]] = defaultdict(dict)
    for point in sorted(points, key=lambda p: p.source, reverse=True):
        by_year[point.year][point.iso3] = point
    result.years = sorted(by_year)
    result.table = [(year, [by_year[year].get(a.iso3) for a in result.areas]) for year in result.years]
    result.sources = selectors.sources({p.source for p in points})
    shown = [p for year in by_year.values() for p in year.values()]
    if any(p.number is not None for p in shown):
        names = {a.iso3: a.name for a in result.areas}
        description = _("Line chart comparing %(indicator)s in %(areas)s, by year.") % {
            "indicator": result.indicator.title,
            "areas": ", ".join(names.values()),
        }
        result.chart = charts.time_series(
            shown, description=description, unit=result.indicator.unit.label, colour_by="area", names=names
        )


def attach_status_counts(goals: list[Any]) -> None:
    """Give each indicator of these goals (prefetched) its `status_counts`: countries by rating."""
    indicators = [indicator for goal in goals for indicator in goal.indicators.all()]
    counts = selectors.status_counts(indicators)
    for indicator in indicators:
        indicator.status_counts = counts.get(indicator.pk, [])


# --- The methodology page: read from the progress engine at run time, so it says what the code does ----

METHOD_ANCHOR = "method-{name}"


@dataclass(frozen=True)
class Threshold:
    status: str
    label: str
    condition: str


@dataclass(frozen=True)
class MethodSection:
    name: str
    version: str
    title: str
    description: str
    formula: str = ""
    thresholds: tuple[Threshold, ...] = ()
    registered: bool = True

    @property
    def anchor(self) -> str:
        return METHOD_ANCHOR.format(name=self.name)


def method_sections() -> list[MethodSection]:
    """Every method registered in the engine, then the ratings made outside the registry."""
    from compactwatch.core.progress import METHODS

    registered = [_registered_section(method) for method in METHODS.values()]
    return registered + _other_sections()


def _registered_section(method: Any) -> MethodSection:
    thresholds = tuple(
        Threshold(code, _status_label(code), condition)
        for code, condition in getattr(method, "thresholds", ())
    )
    description = getattr(method, "description", "") or _module_text(method.run)
    return MethodSection(
        method.name, method.version, method.title, description, getattr(method, "formula", ""), thresholds
    )


def _other_sections() -> list[MethodSection]:
    from compactwatch.core.progress import engine, equity, structural

    aggregate_text = " ".join(filter(None, (_unwrapped(inspect.getdoc(engine.aggregate)), _scale_text())))
    return [
        MethodSection(
            structural.NAME,
            structural.VERSION,
            _("Laws and policies"),
            _module_text(structural),
            registered=False,
        ),
        MethodSection(
            equity.NAME,
            equity.VERSION,
            _("Equity gaps between two groups"),
            _module_text(equity),
            registered=False,
        ),
        MethodSection(
            "mean-score", "", _("An indicator rated on several series"), aggregate_text, registered=False
        ),
    ]


def _scale_text() -> str:
    return _(
        "Each series is scored from -5 to +5 and the indicator's score is their mean; see the scale below."
    )


def _module_text(subject: Any) -> str:
    return _unwrapped(inspect.getdoc(inspect.getmodule(subject) or subject))


def _unwrapped(text: str | None) -> str:
    """A docstring's paragraphs, each on one line (its hard wraps are for the source, not the page)."""
    paragraphs = (text or "").split("\n\n")
    return "\n\n".join(" ".join(line.strip() for line in p.splitlines()) for p in paragraphs)


def _status_label(code: str) -> str:
    from compactwatch.core.progress import Status

    try:
        return Status(code).label
    except ValueError:
        return code


@dataclass(frozen=True)
class ScoreBand:
    lowest: float
    with_target: str
    without_target: str


def score_bands() -> list[ScoreBand]:
    """The status a mean score stands for, from the engine's own classification of each band's floor."""
    from compactwatch.core.progress.scoring import SCORE_POINTS, status_for_score

    floors = sorted(SCORE_POINTS[:-1], reverse=True)
    return [
        ScoreBand(floor, status_for_score(floor, True).label, status_for_score(floor, False).label)
        for floor in floors
    ]


def score_points() -> list[tuple[float, float, float]]:
    """The score at each anchor of the scale: (score, ratio R with a target, growth rate v without one)."""
    from compactwatch.core.progress.scoring import RATE_POINTS, RATIO_POINTS, SCORE_POINTS

    return list(zip(SCORE_POINTS, RATIO_POINTS, [100 * v for v in RATE_POINTS], strict=True))


def fixed_scores() -> list[tuple[str, float]]:
    """Scores given by status rather than by pace (a target year that has passed, laws and policies)."""
    from compactwatch.core.progress import Status, scoring

    deadline = getattr(scoring, "DEADLINE_SCORES", {Status.ACHIEVED: scoring.ACHIEVED_SCORE})
    return [(Status(status).label, score) for status, score in deadline.items()]


def status_vocabulary() -> list[tuple[str, str, str, str]]:
    """Every status: code, label, colour band and what it claims."""
    from compactwatch.core.progress import Status

    return [(s.value, s.label, s.band, getattr(s, "description", "")) for s in Status]


class _Placeholder(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return _("the %(name)s") % {"name": key.replace("_", " ")}


def insufficient_reasons() -> list[str]:
    """Why a rating can say "insufficient data", as the explanations put it."""
    from compactwatch.core.progress import explain
    from compactwatch.core.progress.model import DEFAULT_MAX_DATA_AGE

    words = _Placeholder(max_age=str(DEFAULT_MAX_DATA_AGE))
    return [text.format_map(words) for text in getattr(explain, "REASONS", {}).values()]


def zero_base_rules() -> list[str]:
    from compactwatch.core.progress import rules

    return list(getattr(rules, "ZERO_BASE_RULES", {}).values())
