"""Equity gaps for one disaggregation pair (refugee vs host children, girls vs boys, unaccompanied vs
accompanied): the gap now, the gap in the base year, and whether it is closing or widening.

gap = group - reference, in the indicator's unit (percentage points for percentages), over the years both
groups have values; the base is the first common year from the base year on. A gap whose size fell is
closing, one whose size grew is widening. The direction says who is behind: the group is disadvantaged when
d * gap < 0.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from compactwatch.core.progress import rules
from compactwatch.core.progress.model import Components, Outcome, Series, Settings, Status

NAME = "equity-gap"
VERSION = "1.0"

# The pairs compared: dimension -> (group, reference group). The reference is the better-placed group
# one would expect; the gap says which is ahead.
PAIRS: dict[str, tuple[str, str]] = {
    "MIGRATORY_STATUS": ("REF", "HST"),
    "SEX": ("F", "M"),
    "UASC": ("UNACC", "ACC"),
    "URBANISATION": ("R", "U"),
    "WEALTH_QUINTILE": ("Q1", "Q5"),
    "DISABILITY": ("DIS", "NODIS"),
}


@dataclass(frozen=True, slots=True)
class Pair:
    dimension: str
    group: str
    reference: str
    group_label: str = ""
    reference_label: str = ""


def gap_series(group: Series, reference: Series) -> Series:
    common = sorted(set(group.years) & set(reference.years))
    return Series.of(
        (year, (group.value_in(year) or 0.0) - (reference.value_in(year) or 0.0)) for year in common
    )


def assess(group: Series, reference: Series, settings: Settings, pair: Pair) -> Outcome:
    components = Components(
        NAME,
        VERSION,
        direction=settings.direction.value,
        group=f"{pair.dimension}={pair.group}",
        reference_group=f"{pair.dimension}={pair.reference}",
        extra={
            "group_label": pair.group_label or pair.group,
            "reference_label": pair.reference_label or pair.reference,
        },
    )
    gaps = gap_series(group, reference)
    if not gaps.years:
        return Outcome(Status.INSUFFICIENT_DATA, None, replace(components, reason=rules.NOT_COMPARABLE))
    components = replace(
        components, latest_year=gaps.years[-1], gap_latest=gaps.values[-1], points=len(gaps.years)
    )
    window = rules.select_window(rules.segment(gaps), settings)
    if isinstance(window, str):
        return Outcome(Status.INSUFFICIENT_DATA, None, replace(components, reason=window))
    components = replace(components, base_year=window.base_year, gap_base=window.base_value)
    change = abs(window.latest_value) - abs(window.base_value)
    if change < 0:
        return Outcome(Status.GAP_CLOSING, None, components)
    if change > 0:
        return Outcome(Status.GAP_WIDENING, None, components)
    return Outcome(Status.GAP_UNCHANGED, None, components)


def disadvantaged(gap: float, settings: Settings) -> bool:
    """Whether the group is behind its reference group, given the desired direction."""
    return settings.direction.sign * gap < 0
