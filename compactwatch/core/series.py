"""Series keys and observations as plain values.

A series is an indicator in an area for one combination of disaggregation codes (its key). Totals are left
out of the key: the series "refugee children in Chad" has the empty key, "girls aged 0-4" the key
{AGE: Y0T4, SEX: F}. An observation is one value of a series in one year, from one source.
"""

from __future__ import annotations

from typing import NamedTuple

TOTAL = "_T"
CODED_VALUES = ("YES", "PARTIAL", "NO")


def key_text(dimensions: dict[str, str]) -> str:
    """The canonical text of a key: ``AGE=Y0T4|SEX=F``, dimensions sorted, totals dropped."""
    return "|".join(f"{dim}={code}" for dim, code in sorted(dimensions.items()) if code and code != TOTAL)


def parse_key_text(text: str) -> dict[str, str]:
    if not text:
        return {}
    return dict(part.split("=", 1) for part in text.split("|"))


class SeriesKey(NamedTuple):
    """Immutable and hashed in C: a million-row import looks keys up several times per row."""

    indicator: str
    area: str
    key: str = ""

    @property
    def dimensions(self) -> dict[str, str]:
        return parse_key_text(self.key)


class ObservationValue(NamedTuple):
    """What an import says about one series in one year."""

    series: SeriesKey
    year: int
    unit: str
    value: float | None = None
    code: str = ""
    obs_status: str = ""
    conf_status: str = ""
    lower: float | None = None
    upper: float | None = None
    footnote: str = ""
    evidence: str = ""
    source: str = ""
    row: int = 0
    # The denominator of a rate or share: never published; a rate on a small base is withheld.
    base: float | None = None
    # The producer's figure covers only part of the period (2024: January-September): not a full year.
    # None when the file does not say (no PartialPeriod column, or an empty cell): a new value is then a full
    # period, and a stored flag stays as it is.
    partial_period: bool | None = None

    def same_content(self, other: ObservationValue) -> bool:
        """Equal in every published field; a difference makes a new revision."""
        return self.content() == other.content()

    def content(self) -> tuple[object, ...]:
        return (
            self.value,
            self.code,
            self.unit,
            self.obs_status,
            self.conf_status,
            self.lower,
            self.upper,
            self.footnote,
            self.evidence,
            self.base,
            self.partial_period,
        )

    @property
    def withheld(self) -> bool:
        """Whether this is a marker of a value withheld by its publisher ("<5", or empty with CONF_STATUS C),
        which says nothing about the value itself."""
        return self.value is None and self.conf_status == "C" and self.code not in CODED_VALUES


BREAK_IN_SERIES = "B"  # SDMX OBS_STATUS: the value is not comparable with the years before it


def comparable_stretches(statuses: list[str]) -> list[int]:
    """For the observation statuses of one series in year order, the number of the stretch of comparable
    values each belongs to: a value flagged as a break in series starts the next stretch (0, 0, 1, 1, 2...).

    A chart draws one line per stretch, so the line has a gap at each break; a rating compares values within
    the last stretch only.
    """
    stretch = 0
    numbers = []
    for position, status in enumerate(statuses):
        if status == BREAK_IN_SERIES and position > 0:
            stretch += 1
        numbers.append(stretch)
    return numbers
