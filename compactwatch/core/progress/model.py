"""Plain values the progress methods work on and return: series, settings, statuses and components."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
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
    def band(self) -> str:
        """The colour band pages and maps use: achieved, good, fair, poor, bad or none."""
        return STATUS_BANDS[self]

    @property
    def rank(self) -> int:
        """Order within one method: a higher rank is a better rating (insufficient data ranks lowest)."""
        return BAND_RANKS[self.band]


STATUS_LABELS: dict[Status, str] = {
    Status.ACHIEVED: "Target achieved",
    Status.ON_TRACK: "On track",
    Status.ACCELERATION_NEEDED: "Progress made, acceleration needed",
    Status.SUBSTANTIAL_PROGRESS: "Substantial progress",
    Status.MODERATE_PROGRESS: "Moderate progress",
    Status.LIMITED_PROGRESS: "Limited progress",
    Status.STAGNATION_OR_REGRESSION: "Stagnation or regression",
    Status.DETERIORATION: "Deterioration",
    Status.MISSED: "Target missed",
    Status.IN_PROGRESS: "In progress",
    Status.NOT_ACHIEVED: "Not achieved",
    Status.MOVED_BACKWARDS: "Moved backwards",
    Status.GAP_CLOSING: "Gap closing",
    Status.GAP_UNCHANGED: "Gap unchanged",
    Status.GAP_WIDENING: "Gap widening",
    Status.INSUFFICIENT_DATA: "Insufficient data",
}

STATUS_BANDS: dict[Status, str] = {
    Status.ACHIEVED: "achieved",
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
    """Values by year, sorted by year, one value a year."""

    years: tuple[int, ...]
    values: tuple[float, ...]

    @classmethod
    def of(cls, points: Iterable[tuple[int, float]]) -> Series:
        pairs = sorted((int(year), float(value)) for year, value in points)
        years = tuple(year for year, _ in pairs)
        if len(set(years)) != len(years):
            duplicated = sorted({year for year in years if years.count(year) > 1})
            raise InvalidSeries(f"more than one value for year {', '.join(map(str, duplicated))}")
        return cls(years, tuple(value for _, value in pairs))

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
    """What a method needs besides the data: the indicator's direction and target, and the rules' knobs."""

    direction: Direction
    target: Target | None = None
    base_year: int = DEFAULT_BASE_YEAR
    limit: float | None = None  # a natural limit such as 100 (%), for the no-target thresholds
    as_of_year: int | None = None  # the year the assessment is made; None skips the "too old" rule
    max_data_age: int = DEFAULT_MAX_DATA_AGE

    def mirrored(self) -> Settings:
        return Settings(
            self.direction.mirrored(),
            self.target,
            self.base_year,
            self.limit,
            self.as_of_year,
            self.max_data_age,
        )


@dataclass(frozen=True, slots=True)
class Subject:
    """What the explanation talks about: a label, its unit, and the small-count threshold for counts."""

    label: str
    unit: str = ""
    small_count_threshold: int = 5


@dataclass(frozen=True, slots=True)
class Components:
    """Everything a rating was computed from, so it can be checked by hand. Unused fields stay None."""

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
    evaluated_year: int | None = None
    value_at_target_year: float | None = None
    base_code: str | None = None
    latest_code: str | None = None
    previous_code: str | None = None
    group: str | None = None
    reference_group: str | None = None
    gap_base: float | None = None
    gap_latest: float | None = None
    extra: dict[str, float | int | str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, object]:
        """The components that apply, JSON-ready (tuples become lists)."""
        data = {key: value for key, value in asdict(self).items() if value not in (None, {})}
        if "thresholds" in data:
            data["thresholds"] = list(self.thresholds or ())
        return data


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
