"""Read queries over stored ratings: roll-ups, country lists, scorecards, data availability, completeness.

Roll-up: series -> indicator (stored) -> target -> goal -> topic -> country, each level the mean of the
indicator scores below it (Statistics Canada aggregation) with counts by status.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, Max, Min, QuerySet
from django.shortcuts import get_object_or_404

from compactwatch.areas.models import Area
from compactwatch.assessments.models import Assessment
from compactwatch.core.progress import Status
from compactwatch.core.progress.scoring import status_for_score
from compactwatch.framework.models import Indicator, Topic
from compactwatch.framework.selectors import code_labels, describe_key
from compactwatch.observations.models import Series

BAND_ORDER = ("achieved", "good", "fair", "poor", "bad", "none")


@dataclass
class Rollup:
    status: Status
    score: float | None
    counts: Counter[str] = field(default_factory=Counter)

    @property
    def band(self) -> str:
        return self.status.band

    @property
    def label(self) -> str:
        return self.status.label

    def count_list(self) -> list[tuple[str, str, int]]:
        ordered = sorted(self.counts.items(), key=lambda kv: BAND_ORDER.index(Status(kv[0]).band))
        return [(code, Status(code).label, count) for code, count in ordered]


def roll_up(assessments: Iterable[Assessment]) -> Rollup:
    items = list(assessments)
    counts = Counter(a.status for a in items)
    scores = [a.score for a in items if a.score is not None and a.status != Status.INSUFFICIENT_DATA]
    if not scores:
        return Rollup(Status.INSUFFICIENT_DATA, None, counts)
    mean = sum(scores) / len(scores)
    if all(a.status == Status.ACHIEVED for a in items if a.score is not None):
        return Rollup(Status.ACHIEVED, mean, counts)
    with_target = any(a.indicator.target_value is not None for a in items)
    return Rollup(status_for_score(mean, with_target), mean, counts)


def assessments(
    indicator: str | None = None, area: str | None = None, level: str | None = None
) -> QuerySet[Assessment]:
    queryset = Assessment.objects.select_related("indicator", "area", "indicator__unit")
    if indicator:
        queryset = queryset.filter(indicator__code=indicator)
    if area:
        queryset = queryset.filter(area__iso3=area.upper())
    if level:
        queryset = queryset.filter(level=level)
    return queryset


def country_list() -> list[tuple[Area, Rollup]]:
    by_area: dict[int, list[Assessment]] = defaultdict(list)
    for assessment in assessments(level=Assessment.Level.INDICATOR):
        by_area[assessment.area_id].append(assessment)
    areas = Area.objects.filter(id__in=by_area).order_by("name")
    return [(area, roll_up(by_area[area.id])) for area in areas]


@dataclass
class IndicatorCard:
    indicator: Indicator
    rating: Assessment
    series: list[Assessment]
    gaps: list[Assessment]


@dataclass
class GoalCard:
    goal_code: str
    goal_text: str
    rollup: Rollup
    indicators: list[IndicatorCard]


@dataclass
class TopicCard:
    topic: Topic
    rollup: Rollup
    goals: list[GoalCard]


@dataclass
class Availability:
    indicator: Indicator
    series: int
    first_year: int | None
    latest_year: int | None
    rated: bool
    expected: list[str]
    present: list[str]

    @property
    def completeness(self) -> int | None:
        if not self.expected:
            return None
        return round(100 * len(set(self.expected) & set(self.present)) / len(self.expected))


@dataclass
class Scorecard:
    area: Area
    overall: Rollup
    topics: list[TopicCard]
    cards: list[IndicatorCard]
    availability: list[Availability]


def scorecard(iso3: str) -> Scorecard:
    area = get_object_or_404(Area, iso3=iso3.upper())
    rows = list(assessments(area=area.iso3).prefetch_related("indicator__goals__topic", "indicator__targets"))
    cards = _cards(rows)
    topics = _topics(cards)
    overall = roll_up(card.rating for card in cards)
    return Scorecard(area, overall, topics, cards, availability(area))


def _cards(rows: list[Assessment]) -> list[IndicatorCard]:
    by_indicator: dict[int, dict[str, list[Assessment]]] = defaultdict(lambda: defaultdict(list))
    for row in rows:
        by_indicator[row.indicator_id][row.level].append(row)
    labels = code_labels()
    for row in rows:
        row.key_label = describe_key(row.key, labels)  # type: ignore[attr-defined]
    cards = []
    for levels in by_indicator.values():
        rating = levels[Assessment.Level.INDICATOR][0]
        series = sorted(levels[Assessment.Level.SERIES], key=lambda a: (a.key != "", a.key))
        cards.append(IndicatorCard(rating.indicator, rating, series, levels[Assessment.Level.GAP]))
    return sorted(cards, key=lambda c: c.indicator.code)


def _topics(cards: list[IndicatorCard]) -> list[TopicCard]:
    goals: dict[str, GoalCard] = {}
    topic_of: dict[str, Topic] = {}
    for card in cards:
        for goal in card.indicator.goals.all():
            entry = goals.setdefault(
                goal.code, GoalCard(goal.code, goal.text, Rollup(Status.INSUFFICIENT_DATA, None), [])
            )
            entry.indicators.append(card)
            topic_of[goal.code] = goal.topic
    topics: dict[int, TopicCard] = {}
    for code in sorted(goals, key=lambda c: (topic_of[c].number, c)):
        goal_card = goals[code]
        goal_card.rollup = roll_up(card.rating for card in goal_card.indicators)
        topic = topic_of[code]
        topics.setdefault(
            topic.id, TopicCard(topic, Rollup(Status.INSUFFICIENT_DATA, None), [])
        ).goals.append(goal_card)
    for topic_card in topics.values():
        ratings = {card.rating.id: card.rating for g in topic_card.goals for card in g.indicators}
        topic_card.rollup = roll_up(ratings.values())
    return sorted(topics.values(), key=lambda t: t.topic.number)


def availability(area: Area) -> list[Availability]:
    """Which indicators have data in the area, how recent, and which expected dimensions are present."""
    stats = (
        Series.objects.filter(area=area, observations__is_current=True)
        .values("indicator_id")
        .annotate(
            series=Count("id", distinct=True),
            first=Min("observations__year"),
            latest=Max("observations__year"),
        )
    )
    keys: dict[int, set[str]] = defaultdict(set)
    for indicator_id, key in Series.objects.filter(area=area).values_list("indicator_id", "key"):
        keys[indicator_id].update(part.split("=", 1)[0] for part in key.split("|") if part)
    rated = set(Assessment.objects.filter(area=area).values_list("indicator_id", flat=True))
    indicators = Indicator.objects.in_bulk([s["indicator_id"] for s in stats])
    rows = []
    for s in stats:
        indicator = indicators[s["indicator_id"]]
        expected = sorted(c.code for c in indicator.disaggregations.all())
        rows.append(
            Availability(
                indicator,
                s["series"],
                s["first"],
                s["latest"],
                indicator.id in rated,
                expected,
                sorted(keys[indicator.id]),
            )
        )
    return sorted(rows, key=lambda r: r.indicator.code)


@dataclass
class TopicRow:
    area: Area
    rollup: Rollup


def topic_across_countries(code: str) -> tuple[Topic, list[TopicRow]]:
    topic = get_object_or_404(Topic, code=code, retired_in__isnull=True)
    indicator_ids = Indicator.objects.filter(goals__topic=topic).values_list("id", flat=True)
    by_area: dict[int, list[Assessment]] = defaultdict(list)
    for row in assessments(level=Assessment.Level.INDICATOR).filter(indicator_id__in=indicator_ids):
        by_area[row.area_id].append(row)
    areas = Area.objects.in_bulk(list(by_area))
    rows = [TopicRow(areas[i], roll_up(items)) for i, items in by_area.items()]
    return topic, sorted(rows, key=lambda r: r.area.name)


@dataclass
class ChartData:
    """Published values of the series an indicator is rated on: for the chart, and for the table beside it."""

    element_id: str
    spec: dict[str, object]
    rows: list[tuple[str, str, str]]  # series, year, value as published ("<5" for small counts)


def indicator_chart(card: IndicatorCard, iso3: str, max_series: int = 6) -> ChartData:
    from compactwatch.assessments.charts import series_chart
    from compactwatch.core.series import key_text
    from compactwatch.observations.selectors import published_table

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


VALUE_FIELDS = (
    "base_value",
    "latest_value",
    "projected_value",
    "value_at_target_year",
    "gap_base",
    "gap_latest",
)


def public_components(assessment: Assessment) -> dict[str, object]:
    """Components safe to publish: for counts, values pass through the small-count rule ("<5")."""
    from compactwatch.assessments.reading import subject_for
    from compactwatch.core.progress.explain import format_gap, format_value

    components = dict(assessment.components)
    if assessment.indicator.unit.code != "NUMBER":
        return components
    subject = subject_for(assessment.indicator)
    for name in VALUE_FIELDS:
        value = components.get(name)
        if isinstance(value, int | float):
            shown = format_gap if name.startswith("gap") else format_value
            components[name] = shown(float(value), subject).replace(",", "")
    return components
