"""Plain values the progress methods work on and return: series, settings, statuses and components."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field, replace
from enum import StrEnum


class Direction(StrEnum):
    INCREASE = "increase"
    DECREASE = "decrease"

    @property
    def sign(self) -> int:
        return 1 if self is Direction.INCREASE else -1

    def mirrored(self) -> Direction:
        return Direction.DECREASE if self is Direction.INCREASE else Direction.INCREASE


class Status(StrEnum):
    ACHIEVED = "achieved"
    ACHIEVED_LATE = "achieved_late"
    MET_THEN_FELL_BACK = "met_then_fell_back"
    ON_TRACK = "on_track"
    ACCELERATION_NEEDED = "acceleration_needed"
    SUBSTANTIAL_PROGRESS = "substantial_progress"
    MODERATE_PROGRESS = "moderate_progress"
    LIMITED_PROGRESS = "limited_progress"
    STAGNATION_OR_REGRESSION = "stagnation_or_regression"
    DETERIORATION = "deterioration"
    MISSED = "missed"
    IN_PROGRESS = "in_progress"
    NOT_ACHIEVED = "not_achieved"
    MOVED_BACKWARDS = "moved_backwards"
    GAP_CLOSING = "gap_closing"
    GAP_UNCHANGED = "gap_unchanged"
    GAP_WIDENING = "gap_widening"
    INSUFFICIENT_DATA = "insufficient_data"

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]

    @property
    def description(self) -> str:
        return STATUS_DESCRIPTIONS[self]

    @property
    def band(self) -> str:
        """The colour band pages and maps use: achieved, good, fair, poor, bad or none."""
        return STATUS_BANDS[self]

    @property
    def rank(self) -> int:
        """Order within one method: a higher rank is a better rating (insufficient data ranks lowest)."""
        return BAND_RANKS[self.band]


# One vocabulary: every label names one status only, and says whether it speaks of a target.
STATUS_LABELS: dict[Status, str] = {
    Status.ACHIEVED: "Target achieved",
    Status.ACHIEVED_LATE: "Target achieved late",
    Status.MET_THEN_FELL_BACK: "Target met, then fell back",
    Status.MISSED: "Target missed",
    Status.ON_TRACK: "On track to meet the target",
    Status.ACCELERATION_NEEDED: "Progress too slow to meet the target",
    Status.SUBSTANTIAL_PROGRESS: "Substantial progress (no target set)",
    Status.MODERATE_PROGRESS: "Moderate progress (no target set)",
    Status.LIMITED_PROGRESS: "Limited progress",
    Status.STAGNATION_OR_REGRESSION: "Stagnation or regression",
    Status.DETERIORATION: "Deterioration",
    Status.IN_PROGRESS: "Law or policy in part",
    Status.NOT_ACHIEVED: "Law or policy not in place",
    Status.MOVED_BACKWARDS: "Law or policy moved backwards",
    Status.GAP_CLOSING: "Gap closing",
    Status.GAP_UNCHANGED: "Gap unchanged",
    Status.GAP_WIDENING: "Gap widening",
    Status.INSUFFICIENT_DATA: "Insufficient data",
}

# What each label claims, in plain words (the methodology page and the API read these).
STATUS_DESCRIPTIONS: dict[Status, str] = {
    Status.ACHIEVED: "The latest value has reached the target; for a target year that has passed, the "
    "observed values show it reached by that year (or give no sign that it was not) and still holding.",
    Status.ACHIEVED_LATE: "The target year has passed: a value observed in or after it was short of the "
    "target, and a later value reached it and still holds.",
    Status.MET_THEN_FELL_BACK: "An observed value reached the target, but the latest value is short of it.",
    Status.MISSED: "The target year has passed, no observed value ever reached the target, and a value "
    "observed in or after the target year shows it was not met.",
    Status.ON_TRACK: "The target year is ahead, and at the observed pace the target would be met by then.",
    Status.ACCELERATION_NEEDED: "The target year is ahead; the value moves the right way, but too slowly to "
    "meet the target at the observed pace.",
    Status.SUBSTANTIAL_PROGRESS: "No target is set; the value improves by 1.5% a year or more (less near a "
    "natural limit such as 100%).",
    Status.MODERATE_PROGRESS: "No target is set; the value improves by 0.5% to 1.5% a year (less near a "
    "natural limit).",
    Status.LIMITED_PROGRESS: "The value improves barely, or not at all: with a target, at under 60% of the "
    "pace needed; without one, by under 0.5% a year.",
    Status.STAGNATION_OR_REGRESSION: "UN Statistics Division method: under a tenth of the distance to the "
    "target would be covered by the target year.",
    Status.DETERIORATION: "The value moves away from the target, or against the desired direction.",
    Status.IN_PROGRESS: "A law or policy is in place in part (PARTIAL).",
    Status.NOT_ACHIEVED: "A law or policy is not in place (NO), and never was in the values we hold.",
    Status.MOVED_BACKWARDS: "A law or policy was further along before than it is now.",
    Status.GAP_CLOSING: "The gap between two groups of children is smaller than in the base year.",
    Status.GAP_UNCHANGED: "The gap between two groups of children is the same as in the base year.",
    Status.GAP_WIDENING: "The gap between two groups of children is larger than in the base year.",
    Status.INSUFFICIENT_DATA: "Too few comparable values to rate; the reason is always given.",
}

STATUS_BANDS: dict[Status, str] = {
    Status.ACHIEVED: "achieved",
    Status.ACHIEVED_LATE: "achieved",
    Status.ON_TRACK: "good",
    Status.SUBSTANTIAL_PROGRESS: "good",
    Status.GAP_CLOSING: "good",
    Status.ACCELERATION_NEEDED: "fair",
    Status.MODERATE_PROGRESS: "fair",
    Status.IN_PROGRESS: "fair",
    Status.GAP_UNCHANGED: "fair",
    Status.LIMITED_PROGRESS: "poor",
    Status.STAGNATION_OR_REGRESSION: "poor",
    Status.NOT_ACHIEVED: "poor",
    Status.MET_THEN_FELL_BACK: "poor",
    Status.DETERIORATION: "bad",
    Status.MISSED: "bad",
    Status.MOVED_BACKWARDS: "bad",
    Status.GAP_WIDENING: "bad",
    Status.INSUFFICIENT_DATA: "none",
}

BAND_RANKS = {"none": 0, "bad": 1, "poor": 2, "fair": 3, "good": 4, "achieved": 5}


class InvalidSeries(ValueError):
    """A series the methods cannot read at all (duplicate years, values that are not numbers)."""


@dataclass(frozen=True, slots=True)
class Series:
    """Observed values by year, sorted by year, one value a year; the methods never interpolate them.

    `breaks`: years whose observation starts a new series segment (OBS_STATUS "B": a change of definition,
    coverage or method); values before the last break are not compared with values from it on.
    `partial`: years whose value covers part of the year only; shown, never rated as a full year.
    """

    years: tuple[int, ...]
    values: tuple[float, ...]
    breaks: tuple[int, ...] = ()
    partial: tuple[int, ...] = ()

    @classmethod
    def of(
        cls, points: Iterable[tuple[int, float]], breaks: Iterable[int] = (), partial: Iterable[int] = ()
    ) -> Series:
        pairs = sorted((int(year), float(value)) for year, value in points)
        years = tuple(year for year, _ in pairs)
        if len(set(years)) != len(years):
            duplicated = sorted({year for year in years if years.count(year) > 1})
            raise InvalidSeries(f"more than one value for year {', '.join(map(str, duplicated))}")
        return cls(
            years,
            tuple(value for _, value in pairs),
            tuple(sorted({int(year) for year in breaks})),
            tuple(sorted({int(year) for year in partial})),
        )

    @classmethod
    def from_observations(cls, points: Iterable[tuple[int, float, str, bool]]) -> Series:
        """From stored (year, value, OBS_STATUS, partial-year flag): status "B" starts a new segment."""
        rows = list(points)
        return cls.of(
            ((year, value) for year, value, _, _ in rows),
            breaks=(year for year, _, status, _ in rows if status.strip().upper() == "B"),
            partial=(year for year, _, _, part in rows if part),
        )

    def __len__(self) -> int:
        return len(self.years)

    def value_in(self, year: int) -> float | None:
        for known, value in zip(self.years, self.values, strict=True):
            if known == year:
                return value
        return None


@dataclass(frozen=True, slots=True)
class CodedSeries:
    """A structural series: YES / PARTIAL / NO by year."""

    years: tuple[int, ...]
    codes: tuple[str, ...]

    @classmethod
    def of(cls, points: Iterable[tuple[int, str]]) -> CodedSeries:
        pairs = sorted((int(year), code.strip().upper()) for year, code in points)
        years = tuple(year for year, _ in pairs)
        if len(set(years)) != len(years):
            raise InvalidSeries("more than one value for the same year")
        return cls(years, tuple(code for _, code in pairs))


@dataclass(frozen=True, slots=True)
class Target:
    value: float
    year: int


DEFAULT_BASE_YEAR = 2015  # the Statistics Canada / Open SDG default, for comparability with SDG platforms
DEFAULT_MAX_DATA_AGE = 10  # a latest value older than this many years is too old to say where things stand


@dataclass(frozen=True, slots=True)
class Settings:
    """What a method needs besides the data: the indicator's direction and target, and the rules' knobs.

    The per-indicator settings of the framework file are base_year, limit, method, ratio_thresholds and
    rate_thresholds. A threshold tuple replaces the method's published one: ratio_thresholds (on track,
    acceleration needed, limited progress) for the ratio methods (statcan with a target, absolute-change,
    linear-trend); rate_thresholds (substantial, moderate, limited) for statcan without a target, as yearly
    growth rates (0.015 = 1.5% a year).
    """

    direction: Direction
    target: Target | None = None
    base_year: int = DEFAULT_BASE_YEAR
    limit: float | None = None  # a natural limit such as 100 (%), for the no-target thresholds
    as_of_year: int | None = None  # the year the assessment is made; None skips the "too old" rule
    max_data_age: int = DEFAULT_MAX_DATA_AGE
    method: str | None = None  # None: statcan, or absolute-change for a target of 0
    ratio_thresholds: tuple[float, float, float] | None = None
    rate_thresholds: tuple[float, float, float] | None = None

    def mirrored(self) -> Settings:
        return replace(self, direction=self.direction.mirrored())


@dataclass(frozen=True, slots=True)
class Subject:
    """What the explanation talks about: a label, its unit, and the small-count threshold for counts."""

    label: str
    unit: str = ""
    small_count_threshold: int = 5


@dataclass(frozen=True)
class Components:
    """Everything a rating was computed from, so it can be checked by hand. Unused fields stay None.

    Every value here is observed (base, latest, the value that decided a target-year status) or a
    projection (projected_value, labelled as such wherever shown); none is interpolated.
    Without slots, an unset field reads its class default, which lets `build` set only the fields a
    method computed: a rating is made for every series on every assessment, and this is its hot path.
    """

    method: str
    version: str
    direction: str | None = None
    reason: str | None = None  # why the data were insufficient
    base_year: int | None = None
    base_value: float | None = None
    latest_year: int | None = None
    latest_value: float | None = None
    points: int | None = None
    target_value: float | str | None = None
    target_year: int | None = None
    cagr_actual: float | None = None
    cagr_required: float | None = None
    slope_actual: float | None = None
    slope_required: float | None = None
    ratio: float | None = None
    progress_value: float | None = None
    limit: float | None = None
    scaling_factor: float | None = None
    thresholds: tuple[float, ...] | None = None
    projected_year: int | None = None
    projected_value: float | None = None
    evaluated_year: int | None = None  # the observed year that decided a target-year status
    value_at_target_year: float | None = None  # the observed value in evaluated_year (never interpolated)
    base_code: str | None = None
    latest_code: str | None = None
    previous_code: str | None = None
    group: str | None = None
    reference_group: str | None = None
    gap_base: float | None = None
    gap_latest: float | None = None
    reaches_target_year: int | None = None  # a straight-line projection reaches the target in this year
    met_year: int | None = None  # the first year of the latest run of values at the target
    break_year: int | None = None  # rated from this series break on
    partial_years: tuple[int, ...] | None = None  # partial years left out of the rating
    zero_base: str | None = None  # how a base value of 0 was handled (rules.ZERO_BASE_RULES)
    trend_status: str | None = None  # beside a target-year status: what the trend alone says
    trend_score: float | None = None
    extra: dict[str, float | int | str] = field(default_factory=dict)

    @classmethod
    def build(cls, method: str, version: str, fields: dict[str, object]) -> Components:
        """The same value as Components(method, version, **fields), made without visiting every field."""
        unknown = fields.keys() - _FIELD_NAMES
        if unknown:
            raise TypeError(f"unknown components: {', '.join(sorted(unknown))}")
        made = object.__new__(cls)
        state = made.__dict__
        state.update(fields)
        state["method"], state["version"] = method, version
        state.setdefault("extra", {})
        return made

    def to_dict(self) -> dict[str, object]:
        """The components that apply, JSON-ready (tuples become lists)."""
        data = {key: value for key, value in asdict(self).items() if value not in (None, {})}
        for key, value in data.items():
            if isinstance(value, tuple):
                data[key] = list(value)
        return data


_FIELD_NAMES = frozenset(Components.__dataclass_fields__)


@dataclass(frozen=True, slots=True)
class Outcome:
    """What a method computes: the status, the -5..+5 score where the method has one, and its components."""

    status: Status
    score: float | None
    components: Components


@dataclass(frozen=True, slots=True)
class Rating:
    """An outcome with its one-sentence explanation."""

    status: Status
    score: float | None
    components: Components
    explanation: str

    @property
    def method(self) -> str:
        return self.components.method

    def to_dict(self) -> dict[str, object]:
        return {
            "status": self.status.value,
            "status_label": self.status.label,
            "score": self.score,
            "method": self.components.method,
            "version": self.components.version,
            "explanation": self.explanation,
            "components": self.components.to_dict(),
        }
