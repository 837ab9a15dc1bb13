"""Read queries over stored ratings: roll-ups, country lists, scorecards, data availability, completeness.

Roll-up: series -> indicator (stored) -> goal -> topic -> country, each level the mean of the indicator
scores below it (Statistics Canada aggregation) with counts by status. Only indicators about children on
the move are rolled up; context and data-system indicators are shown apart, labelled (DESIGN.md 5b). A
country's overall status needs the coverage below; short of it, the scorecard says so and what it rests on.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, Max, Min, QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from compactwatch.areas.models import Area
from compactwatch.assessments.models import Assessment
from compactwatch.core.progress import Status
from compactwatch.core.progress.scoring import status_for_score
from compactwatch.framework.models import Goal, Indicator, Topic
from compactwatch.framework.selectors import code_labels, describe_key
from compactwatch.observations.models import Series

BAND_ORDER = ("achieved", "good", "fair", "poor", "bad", "none")

# Coverage before verdict: an overall status rests on at least this many rated indicators about children
# on the move, in at least this many topics, each indicator counted for one topic only.
MIN_RATED_INDICATORS = 3
MIN_RATED_TOPICS = 3
NOT_ENOUGH_EVIDENCE = "not_enough_evidence"

# Whose data an indicator measures.
CHILDREN_ON_THE_MOVE = "children-on-the-move"
ALL_CHILDREN = "all-children"
DATA_SYSTEM = "data-system"
POPULATIONS = (CHILDREN_ON_THE_MOVE, ALL_CHILDREN, DATA_SYSTEM)


def population_label(population: str) -> str:
    labels = {
        CHILDREN_ON_THE_MOVE: _("Children on the move"),
        ALL_CHILDREN: _("All children (context)"),
        DATA_SYSTEM: _("Data system"),
    }
    return labels[population]


def population_note(population: str) -> str:
    notes = {
        CHILDREN_ON_THE_MOVE: _(
            "Refugee, asylum-seeking, migrant and unaccompanied children: these ratings make the verdict."
        ),
        ALL_CHILDREN: _(
            "Every child in the country, not children on the move in particular: context, not counted "
            "towards the topic or overall status."
        ),
        DATA_SYSTEM: _(
            "How complete the statistics are, not how children fare: not counted towards the topic or "
            "overall status."
        ),
    }
    return notes[population]


def population_of(indicator: Indicator) -> str:
    """The population an indicator measures, as its framework entry declares it."""
    return indicator.population if indicator.population in POPULATIONS else CHILDREN_ON_THE_MOVE


def counts_for_children_on_the_move(indicator: Indicator) -> bool:
    return population_of(indicator) == CHILDREN_ON_THE_MOVE


@dataclass(frozen=True)
class Coverage:
    """What a roll-up rests on: rated indicators about children on the move, of those that could be rated;
    for a country also the topics they cover (None below the country level)."""

    rated: int
    indicators: int
    topics_covered: int | None = None
    topics: int | None = None

    @property
    def enough(self) -> bool:
        if self.topics_covered is None:
            return self.rated > 0
        return self.rated >= MIN_RATED_INDICATORS and self.topics_covered >= MIN_RATED_TOPICS

    @property
    def text(self) -> str:
        words = ngettext(
            "rated on %(rated)d of %(total)d indicator",
            "rated on %(rated)d of %(total)d indicators",
            self.indicators,
        ) % {"rated": self.rated, "total": self.indicators}
        if self.topics is None:
            return words
        return _("%(words)s, in %(covered)d of %(topics)d topics") % {
            "words": words,
            "covered": self.topics_covered,
            "topics": self.topics,
        }

    def as_dict(self) -> dict[str, object]:
        return {
            "rated_indicators": self.rated,
            "indicators": self.indicators,
            "topics_covered": self.topics_covered,
            "topics": self.topics,
            "enough_for_status": self.enough,
            "text": self.text,
        }


def topics_covered(topics_of: dict[int, frozenset[int]]) -> int:
    """How many topics distinct indicators cover when each indicator counts for one topic only: the size
    of a maximum matching between indicators and the topics they serve (augmenting paths)."""
    holder: dict[int, int] = {}

    def place(indicator: int, seen: set[int]) -> bool:
        for topic in sorted(topics_of[indicator]):
            if topic in seen:
                continue
            seen.add(topic)
            if topic not in holder or place(holder[topic], seen):
                holder[topic] = indicator
                return True
        return False

    return sum(place(indicator, set()) for indicator in sorted(topics_of))


@dataclass(frozen=True)
class FrameworkIndex:
    """The active indicators the coverage rule counts, with the topics and goals each serves."""

    topics_of: dict[int, frozenset[int]]
    goals_of: dict[int, frozenset[str]]
    counted: frozenset[int]  # indicators about children on the move
    topic_count: int

    def in_topic(self, topic_id: int) -> int:
        return sum(1 for i in self.counted if topic_id in self.topics_of[i])

    def in_goal(self, goal_code: str) -> int:
        return sum(1 for i in self.counted if goal_code in self.goals_of[i])

    def country_coverage(self, rated_ids: Iterable[int]) -> Coverage:
        ids = {i for i in rated_ids if i in self.counted}
        covered = topics_covered({i: self.topics_of[i] for i in ids})
        return Coverage(len(ids), len(self.counted), covered, self.topic_count)


def framework_index() -> FrameworkIndex:
    goals = Goal.objects.filter(retired_in__isnull=True).values_list("indicators", "code", "topic_id")
    topics_of: dict[int, set[int]] = defaultdict(set)
    goals_of: dict[int, set[str]] = defaultdict(set)
    for indicator_id, goal_code, topic_id in goals:
        if indicator_id is not None:
            topics_of[indicator_id].add(topic_id)
            goals_of[indicator_id].add(goal_code)
    active = list(Indicator.objects.filter(retired_in__isnull=True))
    counted = frozenset(i.id for i in active if counts_for_children_on_the_move(i))
    return FrameworkIndex(
        {i.id: frozenset(topics_of[i.id]) for i in active},
        {i.id: frozenset(goals_of[i.id]) for i in active},
        counted,
        Topic.objects.filter(retired_in__isnull=True).count(),
    )


def is_rated(assessment: Assessment) -> bool:
    return assessment.status != Status.INSUFFICIENT_DATA


@dataclass
class Rollup:
    status: Status
    score: float | None
    counts: Counter[str]
    coverage: Coverage

    @property
    def withheld(self) -> bool:
        """No status is given: the ratings below do not cover enough to carry one."""
        return not self.coverage.enough

    @property
    def code(self) -> str:
        return NOT_ENOUGH_EVIDENCE if self.withheld else self.status.value

    @property
    def band(self) -> str:
        return "none" if self.withheld else self.status.band

    @property
    def label(self) -> str:
        return _("Not enough evidence") if self.withheld else self.status.label

    @property
    def shown_score(self) -> float | None:
        return None if self.withheld else self.score

    def count_list(self) -> list[tuple[str, str, int]]:
        ordered = sorted(self.counts.items(), key=lambda kv: BAND_ORDER.index(Status(kv[0]).band))
        return [(code, Status(code).label, count) for code, count in ordered]


def roll_up(assessments: Iterable[Assessment], coverage: Coverage) -> Rollup:
    items = list(assessments)
    counts = Counter(a.status for a in items)
    scores = [a.score for a in items if a.score is not None and is_rated(a)]
    if not scores:
        return Rollup(Status.INSUFFICIENT_DATA, None, counts, coverage)
    mean = sum(scores) / len(scores)
    if all(Status(a.status).band == "achieved" for a in items if a.score is not None):
        return Rollup(Status.ACHIEVED, mean, counts, coverage)
    with_target = any(a.indicator.target_value is not None for a in items)
    return Rollup(status_for_score(mean, with_target), mean, counts, coverage)


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


def overall(ratings: list[Assessment], index: FrameworkIndex) -> Rollup:
    """A country's overall roll-up: its ratings about children on the move, if they cover enough."""
    counted = [a for a in ratings if a.indicator_id in index.counted]
    coverage = index.country_coverage(a.indicator_id for a in counted if is_rated(a))
    return roll_up(counted, coverage)


def country_list() -> list[tuple[Area, Rollup]]:
    by_area: dict[int, list[Assessment]] = defaultdict(list)
    for assessment in assessments(level=Assessment.Level.INDICATOR):
        by_area[assessment.area_id].append(assessment)
    index = framework_index()
    areas = Area.objects.filter(id__in=by_area).order_by("name")
    return [(area, overall(by_area[area.id], index)) for area in areas]


@dataclass
class IndicatorCard:
    indicator: Indicator
    rating: Assessment
    series: list[Assessment]
    gaps: list[Assessment]
    chart: object = None  # the published values behind the rating, set by the page that shows them

    @property
    def population(self) -> str:
        return population_of(self.indicator)

    @property
    def population_label(self) -> str:
        return population_label(self.population)


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
    apart: list[IndicatorCard] = field(default_factory=list)  # context and data-system ratings, not counted


@dataclass
class Section:
    """The indicator ratings about one population, shown under its own heading."""

    population: str
    cards: list[IndicatorCard]

    @property
    def label(self) -> str:
        return population_label(self.population)

    @property
    def note(self) -> str:
        return population_note(self.population)


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

    @property
    def sections(self) -> list[Section]:
        grouped = [Section(p, [c for c in self.cards if c.population == p]) for p in POPULATIONS]
        return [section for section in grouped if section.cards]


def scorecard(iso3: str) -> Scorecard:
    area = get_object_or_404(Area, iso3=iso3.upper())
    rows = list(assessments(area=area.iso3).prefetch_related("indicator__goals__topic", "indicator__targets"))
    cards = _cards(rows)
    index = framework_index()
    topics = _topics(cards, index)
    summary = overall([card.rating for card in cards], index)
    return Scorecard(area, summary, topics, cards, availability(area))


def _cards(rows: list[Assessment]) -> list[IndicatorCard]:
    by_indicator: dict[int, dict[str, list[Assessment]]] = defaultdict(lambda: defaultdict(list))
    for row in rows:
        by_indicator[row.indicator_id][row.level].append(row)
    labels = code_labels()
    for row in rows:
        row.key_label = describe_key(row.key, labels)  # type: ignore[attr-defined]
    cards = []
    for levels in by_indicator.values():
        if not levels[Assessment.Level.INDICATOR]:
            continue
        rating = levels[Assessment.Level.INDICATOR][0]
        series = sorted(levels[Assessment.Level.SERIES], key=lambda a: (a.key != "", a.key))
        cards.append(IndicatorCard(rating.indicator, rating, series, levels[Assessment.Level.GAP]))
    return sorted(cards, key=lambda c: c.indicator.code)


def _topics(cards: list[IndicatorCard], index: FrameworkIndex) -> list[TopicCard]:
    """Every active topic and goal, rolled up from the ratings about children on the move within it."""
    topics = []
    for topic in Topic.objects.filter(retired_in__isnull=True).prefetch_related("goals").order_by("number"):
        goal_cards = [
            _goal_card(goal, cards, index) for goal in topic.goals.all() if goal.retired_in_id is None
        ]
        within = [c for c in cards if topic.id in index.topics_of.get(c.indicator.id, ())]
        counted = [c for c in within if c.indicator.id in index.counted]
        coverage = Coverage(sum(is_rated(c.rating) for c in counted), index.in_topic(topic.id))
        apart = [c for c in within if c.indicator.id not in index.counted]
        topics.append(TopicCard(topic, roll_up((c.rating for c in counted), coverage), goal_cards, apart))
    return topics


def _goal_card(goal: Goal, cards: list[IndicatorCard], index: FrameworkIndex) -> GoalCard:
    within = [c for c in cards if goal.code in index.goals_of.get(c.indicator.id, ())]
    counted = [c for c in within if c.indicator.id in index.counted]
    coverage = Coverage(sum(is_rated(c.rating) for c in counted), index.in_goal(goal.code))
    return GoalCard(goal.code, goal.text, roll_up((c.rating for c in counted), coverage), counted)


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
    """Each country's roll-up on the topic's indicators about children on the move, with its coverage."""
    topic = get_object_or_404(Topic, code=code, retired_in__isnull=True)
    index = framework_index()
    indicator_ids = [i for i in index.counted if topic.id in index.topics_of[i]]
    by_area: dict[int, list[Assessment]] = defaultdict(list)
    for row in assessments(level=Assessment.Level.INDICATOR).filter(indicator_id__in=indicator_ids):
        by_area[row.area_id].append(row)
    areas = Area.objects.in_bulk(list(by_area))
    total = len(indicator_ids)
    rows = [
        TopicRow(areas[i], roll_up(items, Coverage(sum(is_rated(a) for a in items), total)))
        for i, items in by_area.items()
    ]
    return topic, sorted(rows, key=lambda r: r.area.name)


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
