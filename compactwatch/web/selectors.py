"""Read queries behind the public data pages: published values only, small counts withheld.

Values come from the one publication path (`compactwatch.observations.publication`), which decides each value
with the whole (indicator, area, year) group it belongs to, so a page shows what the downloads show.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from django.core.cache import cache
from django.db.models import Count, F, Max, Q, QuerySet

from compactwatch.areas.models import Area
from compactwatch.assessments.models import STATUS_CHOICES, Assessment
from compactwatch.core.series import key_text, parse_key_text
from compactwatch.framework.models import Codelist, Indicator, Topic
from compactwatch.framework.selectors import codelist_hierarchy
from compactwatch.observations.models import Observation, Series, Source
from compactwatch.observations.publication import PublishedValue, published
from compactwatch.web.caching import data_version

CODED_UNIT = "YES_PARTIAL_NO"
T = TypeVar("T")


@dataclass(frozen=True)
class Point:
    """One published value: `number` is None when the value is withheld or a code (YES / PARTIAL / NO)."""

    iso3: str
    key: str
    year: int
    text: str
    number: float | None
    source: str
    obs_status: str = ""
    footnote: str = ""
    partial_period: bool = False

    @property
    def withheld(self) -> bool:
        return self.number is None and self.text not in ("YES", "PARTIAL", "NO")


@dataclass(frozen=True)
class Option:
    code: str  # "" for the total (not disaggregated)
    label: str


@dataclass
class Dimension:
    code: str
    title: str
    options: list[Option]
    selected: str = ""


@dataclass
class Selection:
    """Which series an indicator page shows: one code (or the total) per dimension."""

    dimensions: list[Dimension] = field(default_factory=list)
    keys: list[str] = field(default_factory=list)

    @property
    def key(self) -> str:
        return key_text({d.code: d.selected for d in self.dimensions})

    @property
    def exists(self) -> bool:
        return self.key in self.keys

    def describe(self, key: str) -> str:
        labels = {(d.code, o.code): o.label for d in self.dimensions for o in d.options}
        parts = [labels.get((dim, code), code) for dim, code in sorted(parse_key_text(key).items())]
        return ", ".join(parts)


def published_points(observations: QuerySet[Observation]) -> list[Point]:
    """The published values of `observations`, through the one publication path."""
    ordered = observations.order_by("series__area__iso3", "year", "series__key")
    return [_point(value) for value in published(ordered)]


def _point(value: PublishedValue) -> Point:
    return Point(
        value.area,
        value.key,
        value.year,
        value.text,
        value.value,
        value.source,
        value.obs_status,
        value.footnote,
    )


def data_stamp() -> str:
    """Changes whenever published data may have changed (an import, a withdrawal, a new rating...)."""
    return hashlib.sha256(data_version().encode()).hexdigest()[:20]


def series_keys(indicator: Indicator) -> list[str]:
    """The keys this indicator has data for, the most widely reported first."""
    return [key for key, _ in series_reach(indicator)]


def series_reach(indicator: Indicator) -> list[tuple[str, int]]:
    """Each key with the number of areas reporting it, the most widely reported first."""
    return cached("series-reach", lambda: _series_reach(indicator), indicator.code)


def _series_reach(indicator: Indicator) -> list[tuple[str, int]]:
    rows = (
        Series.objects.filter(indicator=indicator, observations__is_current=True)
        .values("key")
        .annotate(areas=Count("area", distinct=True), observations=Count("observations"))
    )
    ranked = sorted(rows, key=lambda r: (-r["areas"], -r["observations"], r["key"].count("|"), r["key"]))
    return [(row["key"], row["areas"]) for row in ranked]


def selection(indicator: Indicator, requested: dict[str, str]) -> Selection:
    """Dimensions present in the data, each with its codes; the requested codes or the headline series."""
    reach = series_reach(indicator)
    keys = [key for key, _ in reach]
    codes_by_dimension: dict[str, set[str]] = defaultdict(set)
    for key in keys:
        for dimension, code in parse_key_text(key).items():
            codes_by_dimension[dimension].add(code)
    codelists = {
        c.code: c for c in Codelist.objects.filter(code__in=codes_by_dimension).prefetch_related("codes")
    }
    hierarchy = codelist_hierarchy()
    orders = {name: _code_order(codelists.get(name), hierarchy.get(name, {})) for name in codes_by_dimension}
    default = parse_key_text(headline_key(reach, orders)) if keys else {}
    use_request = any(name in requested for name in codes_by_dimension)
    dimensions = []
    for name in sorted(codes_by_dimension):
        with_total = any(name not in parse_key_text(key) for key in keys)
        options = _options(codelists.get(name), codes_by_dimension[name], with_total)
        chosen = requested.get(name, "") if use_request else default.get(name, "")
        if chosen not in {o.code for o in options}:
            chosen = options[0].code
        title = codelists[name].title if name in codelists else name
        dimensions.append(Dimension(name, title, options, chosen))
    return Selection(dimensions, keys)


def headline_key(reach: list[tuple[str, int]], orders: dict[str, dict[str, tuple[int, int]]]) -> str:
    """The series a page opens on: among the series reported by at least half as many areas as the widest,
    the fewest dimensions, then the widest codes (all children before an age band), first in their
    codelists (refugees before asylum-seekers), then the most widely reported."""
    widest = max(areas for _, areas in reach)
    keys = [key for key, areas in reach if 2 * areas >= widest]
    rank = {key: i for i, key in enumerate(keys)}
    unknown = (99, 999)

    def order(key: str) -> tuple[int, tuple[tuple[int, int], ...], int]:
        dims = parse_key_text(key)
        codes = tuple(orders.get(d, {}).get(c, unknown) for d, c in sorted(dims.items()))
        return (len(dims), codes, rank[key])

    return min(keys, key=order)


def _code_order(codelist: Codelist | None, parents: dict[str, str]) -> dict[str, tuple[int, int]]:
    """Each code's depth under the total and its place in the codelist."""

    def depth(code: str) -> int:
        steps = 0
        while code in parents and steps < 32:
            code, steps = parents[code], steps + 1
        return steps

    return {c.code: (depth(c.code), i) for i, c in enumerate(codelist.codes.all())} if codelist else {}


def _options(codelist: Codelist | None, present: set[str], with_total: bool) -> list[Option]:
    """The codes present, in codelist order; "Total" only where a series leaves the dimension out."""
    labels = {c.code: c.label for c in codelist.codes.all()} if codelist else {}
    order = {code: i for i, code in enumerate(labels)}
    codes = sorted(present, key=lambda code: (order.get(code, len(order)), code))
    total = [Option("", "Total")] if with_total else []
    return [*total, *(Option(code, labels.get(code, code)) for code in codes)]


def areas_with_data(indicator: Indicator) -> list[Area]:
    return list(Area.objects.filter(series__indicator=indicator).distinct().order_by("name"))


def areas_with_series(indicator: Indicator, key: str) -> list[Area]:
    return list(Area.objects.filter(series__indicator=indicator, series__key=key).distinct().order_by("name"))


def default_area(indicator: Indicator, key: str) -> str | None:
    """The area with the longest record of this series; among equals, the one with the largest values."""
    return cached("default-area", lambda: _default_area(indicator, key), indicator.code, key)


def _default_area(indicator: Indicator, key: str) -> str | None:
    row = (
        Observation.objects.filter(is_current=True, series__indicator=indicator, series__key=key)
        .values("series__area__iso3")
        .annotate(n=Count("id"), largest=Max("value"))
        .order_by("-n", F("largest").desc(nulls_last=True), "series__area__iso3")
        .first()
    )
    return row["series__area__iso3"] if row else None


def cached(name: str, compute: Callable[[], T], *parts: object) -> T:
    """`compute()`, kept in the cache until published data change (any import changes the stamp)."""
    cache_key = ":".join(["web", name, data_stamp(), *(str(part) for part in parts)])
    value = cache.get(cache_key)
    if value is None:
        value = compute()
        cache.set(cache_key, value, timeout=3600)
    return value  # type: ignore[no-any-return]


def area_points(indicator: Indicator, iso3s: list[str], key: str) -> list[Point]:
    """Published values of one series (key) in each of these areas, by year."""
    return cached("area-points", lambda: _area_points(indicator, iso3s, key), indicator.code, key, *iso3s)


def _area_points(indicator: Indicator, iso3s: list[str], key: str) -> list[Point]:
    observations = Observation.objects.filter(
        is_current=True, series__indicator=indicator, series__area__iso3__in=iso3s
    )
    return [p for p in published_points(observations) if p.key == key]


def latest_points(indicator: Indicator, key: str) -> list[Point]:
    """Each area's published value of this series in its latest year with data."""
    return cached("latest-points", lambda: _latest_points(indicator, key), indicator.code, key)


def _latest_points(indicator: Indicator, key: str) -> list[Point]:
    latest = dict(
        Observation.objects.filter(is_current=True, series__indicator=indicator, series__key=key)
        .values_list("series__area__iso3")
        .annotate(year=Max("year"))
    )
    if not latest:
        return []
    areas_by_year: dict[int, list[str]] = defaultdict(list)
    for iso3, year in latest.items():
        areas_by_year[year].append(iso3)
    partitions = Q()
    for year, iso3s in areas_by_year.items():
        partitions |= Q(year=year, series__area__iso3__in=iso3s)
    observations = Observation.objects.filter(partitions, is_current=True, series__indicator=indicator)
    return _one_per_area([p for p in published_points(observations) if p.key == key])


def _one_per_area(points: list[Point]) -> list[Point]:
    """Where several sources report the same year, the first source (by code) is the one shown."""
    chosen: dict[str, Point] = {}
    for point in sorted(points, key=lambda p: (p.iso3, p.source)):
        chosen.setdefault(point.iso3, point)
    return list(chosen.values())


def sources(codes: set[str]) -> list[Source]:
    return list(Source.objects.filter(code__in=codes).order_by("code"))


def indicator_sources(indicator: Indicator) -> list[Source]:
    return cached("sources", lambda: _indicator_sources(indicator), indicator.code)


def _indicator_sources(indicator: Indicator) -> list[Source]:
    return list(Source.objects.filter(observations__series__indicator=indicator).distinct().order_by("code"))


def indicators_with_data() -> QuerySet[Indicator]:
    return (
        Indicator.objects.filter(retired_in__isnull=True, series__isnull=False).distinct().order_by("title")
    )


def search(query: str) -> dict[str, list[object]]:
    """Indicators, countries and topics whose code, name or text contains the query."""
    text = query.strip()
    if not text:
        return {"indicators": [], "countries": [], "topics": []}
    indicators = Indicator.objects.filter(retired_in__isnull=True).filter(
        Q(title__icontains=text) | Q(code__icontains=text) | Q(definition__icontains=text)
    )
    countries = Area.objects.filter(
        Q(name__icontains=text) | Q(iso3__iexact=text) | Q(name_fr__icontains=text)
    )
    topics = Topic.objects.filter(retired_in__isnull=True).filter(
        Q(title__icontains=text) | Q(summary__icontains=text) | Q(code__icontains=text)
    )
    return {
        "indicators": list(indicators.select_related("unit").order_by("title")[:50]),
        "countries": list(countries.order_by("name")[:50]),
        "topics": list(topics.order_by("number")),
    }


def countries_with_most_data(limit: int = 12) -> list[Area]:
    counts = Counter(
        dict(
            Series.objects.values_list("area__iso3").annotate(n=Count("indicator", distinct=True)).order_by()
        )
    )
    top = [iso3 for iso3, _ in sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:limit]]
    names = {a.iso3: a for a in Area.objects.filter(iso3__in=top)}
    return [names[iso3] for iso3 in top if iso3 in names]


@dataclass(frozen=True)
class HeadlineYear:
    year: int
    refugees: int
    asylum_seekers: int

    @property
    def total(self) -> int:
        return self.refugees + self.asylum_seekers


HEADLINE_INDICATOR = "refugee-children"
HEADLINE_KEYS = {
    "REF": key_text({"AGE": "Y_LT18", "MIGRATORY_STATUS": "REF"}),
    "ASY": key_text({"AGE": "Y_LT18", "MIGRATORY_STATUS": "ASY"}),
}


def refugee_children_by_year() -> tuple[list[HeadlineYear], list[Source]]:
    return cached("headline", _refugee_children_by_year)


def _refugee_children_by_year() -> tuple[list[HeadlineYear], list[Source]]:
    """Refugee and asylum-seeking children (under 18) in all countries of asylum, by year.

    The sum of the published figures only: a withheld value (a small count, or one withheld to protect
    another) is left out, so no withheld count can be worked out from the sum.
    """
    observations = Observation.objects.filter(
        is_current=True, series__indicator__code=HEADLINE_INDICATOR, series__key__in=HEADLINE_KEYS.values()
    )
    totals: dict[int, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    used: set[str] = set()
    for point in published_points(observations):
        if point.number is not None:
            totals[point.year][point.key] += point.number
            used.add(point.source)
    years = [
        HeadlineYear(
            year, round(by_key.get(HEADLINE_KEYS["REF"], 0)), round(by_key.get(HEADLINE_KEYS["ASY"], 0))
        )
        for year, by_key in sorted(totals.items())
    ]
    return years, sources(used)


def indicator_progress(indicator: Indicator, iso3: str | None, key: str) -> list[Assessment]:
    """The stored ratings of this indicator in one area: the indicator's, then the chosen series'."""
    if not iso3:
        return []
    ratings = Assessment.objects.filter(indicator=indicator, area__iso3=iso3).filter(
        Q(level=Assessment.Level.INDICATOR) | Q(level=Assessment.Level.SERIES, key=key)
    )
    return sorted(ratings.select_related("area"), key=lambda a: a.level != Assessment.Level.INDICATOR)


@dataclass(frozen=True)
class StatusCount:
    status: str
    label: str
    countries: int


def status_counts(indicators: list[Indicator]) -> dict[int, list[StatusCount]]:
    """For each indicator (by id), how many countries have each rating; one query for all."""
    labels = dict(STATUS_CHOICES)
    rows = (
        Assessment.objects.filter(indicator__in=indicators, level=Assessment.Level.INDICATOR)
        .values_list("indicator_id", "status")
        .annotate(n=Count("id"))
        .order_by("indicator_id", "-n", "status")
    )
    counts: dict[int, list[StatusCount]] = defaultdict(list)
    for indicator_id, status, n in rows:
        counts[indicator_id].append(StatusCount(status, str(labels.get(status, status)), n))
    return counts


def topics_with_goal_counts() -> QuerySet[Topic]:
    active_goals = Q(goals__retired_in__isnull=True)
    return (
        Topic.objects.filter(retired_in__isnull=True)
        .annotate(goal_count=Count("goals", filter=active_goals))
        .order_by("number")
    )
