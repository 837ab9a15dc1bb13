"""`assess`: recompute the stored progress ratings for a selection, in one transaction.

Idempotent: the ratings of the selection are replaced, so running it twice leaves the same rows. Called by
`compactwatch assess`, after the bundled data in `compactwatch setup`, and when data are published.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from compactwatch.areas.models import Area
from compactwatch.assessments.models import Assessment
from compactwatch.assessments.reading import StoredSeries, read_series, settings_for, subject_for
from compactwatch.core.progress import (
    Rating,
    Settings,
    Status,
    Subject,
    aggregate,
    equity,
    rate,
    rate_gap,
    rate_structural,
)
from compactwatch.core.series import key_text
from compactwatch.core.validation import InvalidInput, Problem, Report
from compactwatch.framework.models import Code, Indicator


@dataclass
class AssessmentOutcome:
    indicators: int = 0
    areas: int = 0
    series: int = 0
    gaps: int = 0
    by_status: Counter[str] = field(default_factory=Counter)

    def summary(self) -> str:
        if not self.series:
            return "nothing to assess: no data for indicators with a desired direction"
        statuses = ", ".join(
            f"{count} {Status(s).label.lower()}" for s, count in self.by_status.most_common()
        )
        return (
            f"{self.series} series of {self.indicators} indicators in {self.areas} countries assessed "
            f"({self.gaps} equity gaps); indicator ratings: {statuses}"
        )


def assess(indicator: str | None = None, area: str | None = None) -> AssessmentOutcome:
    indicators = _indicators(indicator)
    iso3 = _area(area)
    as_of = timezone.now().date().year
    rated = {ind.code: ind for ind in indicators if settings_for(ind, as_of) is not None}
    stored = read_series(list(rated), iso3)
    rows = _rate_all(stored, rated, as_of)
    with transaction.atomic():
        selection = Assessment.objects.filter(indicator__in=indicators)
        if iso3:
            selection = selection.filter(area__iso3=iso3)
        selection.delete()
        Assessment.objects.bulk_create(rows, batch_size=1000)
    return _outcome(rows)


def _indicators(code: str | None) -> list[Indicator]:
    queryset = Indicator.objects.filter(retired_in__isnull=True).select_related("unit")
    if code is None:
        return list(queryset)
    found = list(queryset.filter(code=code))
    if not found:
        raise InvalidInput(Report([Problem("unknown-indicator", f"no indicator with code {code!r}")]))
    return found


def _area(iso3: str | None) -> str | None:
    if iso3 is None:
        return None
    if not Area.objects.filter(iso3=iso3.upper()).exists():
        raise InvalidInput(Report([Problem("unknown-area", f"no area with ISO3 code {iso3!r}")]))
    return iso3.upper()


def _rate_all(stored: list[StoredSeries], rated: dict[str, Indicator], as_of: int) -> list[Assessment]:
    groups: dict[tuple[str, str], list[StoredSeries]] = defaultdict(list)
    for item in stored:
        groups[(item.indicator, item.area)].append(item)
    areas = dict(Area.objects.filter(iso3__in={a for _, a in groups}).values_list("iso3", "id"))
    now = timezone.now()
    rows: list[Assessment] = []
    for (code, iso3), members in sorted(groups.items()):
        indicator = rated[code]
        context = _Context(
            indicator, areas[iso3], settings_for(indicator, as_of), subject_for(indicator), now
        )
        rows.extend(context.rate(members))
    return rows


@dataclass
class _Context:
    indicator: Indicator
    area_id: int
    settings: Settings | None
    subject: Subject
    now: dt.datetime

    def rate(self, members: list[StoredSeries]) -> list[Assessment]:
        ratings = {item.key: self._rate_one(item) for item in sorted(members, key=lambda m: m.key)}
        rows = [self._row(Assessment.Level.SERIES, item.key, ratings[item.key], item) for item in members]
        rows.append(self._indicator_row(ratings))
        if self.indicator.unit.code != "YES_PARTIAL_NO":
            rows.extend(self._gap_rows(members))
        return rows

    def _rate_one(self, item: StoredSeries) -> Rating:
        assert self.settings is not None
        if self.indicator.unit.code == "YES_PARTIAL_NO":
            target = self.indicator.target_value if isinstance(self.indicator.target_value, str) else "YES"
            return rate_structural(item.coded(), self.settings, self.subject, target)
        return rate(item.numeric(), self.settings, self.subject)

    def _indicator_row(self, ratings: dict[str, Rating]) -> Assessment:
        headline = _headline(ratings)
        if len(headline) == 1:
            return self._row(Assessment.Level.INDICATOR, "", headline[0], None)
        combined = aggregate(headline)
        keys = [k for k, r in ratings.items() if r in headline]
        names = ", ".join(k.split("=", 1)[-1] for k in keys[:4]) + (" ..." if len(keys) > 4 else "")
        score = f"{combined.score:+.1f}" if combined.score is not None else "none"
        sentence = (
            f"{self.subject.label}: not enough data to rate progress in any of its {combined.total} series."
            if combined.rated == 0
            else f"{self.subject.label}: across {combined.rated} series ({names}), the mean score is {score} "
            f"on a scale from -5 to +5: {combined.status.label.lower()}."
        )
        row = self._row(Assessment.Level.INDICATOR, "", headline[0], None)
        row.status, row.score, row.explanation = combined.status.value, combined.score, sentence
        row.method = "mean-score"
        row.components = {"method": "mean-score", "series": combined.total, "rated": combined.rated}
        row.components["scores"] = {k: ratings[k].score for k in keys}
        return row

    def _gap_rows(self, members: list[StoredSeries]) -> list[Assessment]:
        assert self.settings is not None
        by_key = {item.key: item for item in members}
        rows = []
        for item in members:
            for dimension, (group, reference) in equity.PAIRS.items():
                if item.dimensions.get(dimension) != group:
                    continue
                other = key_text({**item.dimensions, dimension: reference})
                if other not in by_key:
                    continue
                labels = _code_labels()
                pair = equity.Pair(
                    dimension,
                    group,
                    reference,
                    labels.get((dimension, group), group),
                    labels.get((dimension, reference), reference),
                )
                rating = rate_gap(item.numeric(), by_key[other].numeric(), self.settings, self.subject, pair)
                key = f"{item.key} vs {other}"
                rows.append(self._row(Assessment.Level.GAP, key, rating, None))
        return rows

    def _row(self, level: str, key: str, rating: Rating, item: StoredSeries | None) -> Assessment:
        assert self.settings is not None
        c = rating.components
        return Assessment(
            indicator=self.indicator,
            area_id=self.area_id,
            series_id=item.series_id if item else None,
            level=level,
            key=key,
            method=c.method,
            method_version=c.version,
            status=rating.status.value,
            score=rating.score,
            base_year=c.base_year,
            latest_year=c.latest_year,
            components=c.to_dict(),
            parameters={
                "base_year": self.settings.base_year,
                "as_of_year": self.settings.as_of_year,
                "max_data_age": self.settings.max_data_age,
                "limit": self.settings.limit,
                "source": item.source if item else "",
            },
            explanation=rating.explanation,
            assessed_at=self.now,
        )


@functools.cache
def _code_labels() -> dict[tuple[str, str], str]:
    rows = Code.objects.filter(codelist__code__in=list(equity.PAIRS)).values_list(
        "codelist__code", "code", "label"
    )
    return {(codelist, code): label.lower() for codelist, code, label in rows}


def _headline(ratings: dict[str, Rating]) -> list[Rating]:
    """What an indicator is rated by: its total if rated, else the rated series with fewest dimensions."""
    if "" in ratings and ratings[""].status is not Status.INSUFFICIENT_DATA:
        return [ratings[""]]
    rated = {k: r for k, r in ratings.items() if r.status is not Status.INSUFFICIENT_DATA}
    pool = rated or ratings
    fewest = min(_depth(k) for k in pool)
    return [pool[k] for k in sorted(pool) if _depth(k) == fewest]


def _depth(key: str) -> int:
    return key.count("=")


def _outcome(rows: list[Assessment]) -> AssessmentOutcome:
    outcome = AssessmentOutcome()
    indicator_rows = [r for r in rows if r.level == Assessment.Level.INDICATOR]
    outcome.series = sum(1 for r in rows if r.level == Assessment.Level.SERIES)
    outcome.gaps = sum(1 for r in rows if r.level == Assessment.Level.GAP)
    outcome.indicators = len({r.indicator_id for r in indicator_rows})
    outcome.areas = len({r.area_id for r in indicator_rows})
    outcome.by_status = Counter(r.status for r in indicator_rows)
    return outcome
