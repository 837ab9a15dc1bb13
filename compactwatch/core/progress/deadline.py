"""Targets whose year has passed: achieved, achieved late, met then fell back, or missed, from observed
values only (nothing is interpolated), with the trend still rated beside the verdict.

Let "met" mean a value at the target level (within one point of a 0% or 100% target). With T the target
year, and the latest run of met values starting in year s:
- the latest value is met: achieved if s <= T, or if no value observed from T on before s was short of
  the target (whether it was met by T is then unknown, and the explanation says so); achieved late if a
  value observed in or after T, before s, was short of it;
- the latest value is not met: met, then fell back if an earlier value was met; missed if none was and a
  value was observed in or after T; otherwise the data stop before T and the rating says so.
"""

from __future__ import annotations

from compactwatch.core.progress.model import Status, Target

FieldMap = dict[str, object]


def passed(latest_year: int, target: Target, as_of_year: int | None) -> bool:
    """The target year has come: the data reach it, or the assessment is made after it."""
    return target.year <= latest_year or (as_of_year is not None and target.year < as_of_year)


def status(
    years: tuple[int, ...], values: tuple[float, ...], target: Target, sign: int, slack: float, f: FieldMap
) -> Status | None:
    """The target-year status, writing the deciding year and value into `f`; None: no value from T on."""
    met = [sign * (value - target.value) >= -slack for value in values]
    if met[-1]:
        return _held(years, values, met, target.year, f)
    if any(met):
        run_end = max(i for i, flag in enumerate(met) if flag)
        run_start = _run_start(met, run_end)
        f.update(met_year=years[run_start], evaluated_year=years[-1], value_at_target_year=values[-1])
        return Status.MET_THEN_FELL_BACK
    after = next((i for i, year in enumerate(years) if year >= target.year), None)
    if after is None:
        return None
    f.update(evaluated_year=years[after], value_at_target_year=values[after])
    return Status.MISSED


def _held(
    years: tuple[int, ...], values: tuple[float, ...], met: list[bool], due: int, f: FieldMap
) -> Status:
    start = _run_start(met, len(met) - 1)
    f["met_year"] = years[start]
    before = start - 1
    if years[start] > due and before >= 0 and years[before] >= due:
        f.update(evaluated_year=years[before], value_at_target_year=values[before])
        return Status.ACHIEVED_LATE
    f.update(evaluated_year=years[start], value_at_target_year=values[start])
    if years[start] > due:
        f["extra"] = {"unknown_since": years[before]} if before >= 0 else {"first_value": years[start]}
    return Status.ACHIEVED


def _run_start(met: list[bool], end: int) -> int:
    start = end
    while start > 0 and met[start - 1]:
        start -= 1
    return start
