"""Properties every method keeps, over generated series of positive values (rates and counts)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from compactwatch.core.progress import Direction, Series, Settings, Status, Target
from compactwatch.core.progress.registry import METHODS
from compactwatch.core.progress.statcan import assess as statcan_assess

TARGET_METHODS = sorted(METHODS)
values = st.floats(min_value=0.5, max_value=1000, allow_nan=False)
directions = st.sampled_from(list(Direction))


@st.composite
def series(draw: st.DrawFn) -> Series:
    years = draw(st.lists(st.integers(2015, 2025), min_size=2, max_size=8, unique=True))
    return Series.of((year, draw(values)) for year in years)


@settings(max_examples=150, deadline=None)
@given(series(), directions, values, st.floats(0.01, 500), st.sampled_from(TARGET_METHODS))
def test_improving_the_latest_value_never_worsens_a_rating(
    data: Series, direction: Direction, target: float, step: float, method: str
) -> None:
    config = Settings(direction, Target(target, 2030))
    better = max(data.values[-1] + direction.sign * step, 0.25)
    improved = Series(data.years, (*data.values[:-1], better))
    if direction.sign * (better - data.values[-1]) <= 0:
        return  # clamped at the floor: not an improvement
    before = METHODS[method].run(data, config, False)
    after = METHODS[method].run(improved, config, False)
    assert after.status.rank >= before.status.rank
    if before.score is not None and after.score is not None:
        assert after.score >= before.score - 1e-9


@settings(max_examples=150, deadline=None)
@given(series(), directions)
def test_swapping_direction_mirrors_the_rating(data: Series, direction: Direction) -> None:
    one = statcan_assess(data, Settings(direction))
    other = statcan_assess(data, Settings(direction.mirrored()))
    assert one.components.progress_value == -other.components.progress_value  # type: ignore[operator]
    if one.components.progress_value:
        assert (one.status is Status.DETERIORATION) != (other.status is Status.DETERIORATION)


@settings(max_examples=150, deadline=None)
@given(series(), directions, values)
def test_absolute_change_mirrors_about_the_target(data: Series, direction: Direction, target: float) -> None:
    mirrored = Series(data.years, tuple(2 * target - v for v in data.values))
    one = METHODS["absolute-change"].run(data, Settings(direction, Target(target, 2030)), False)
    other = METHODS["absolute-change"].run(
        mirrored, Settings(direction.mirrored(), Target(target, 2030)), False
    )
    assert one.status is other.status
    assert one.score == other.score or abs((one.score or 0) - (other.score or 0)) < 1e-9


@settings(max_examples=150, deadline=None)
@given(series(), directions, st.sampled_from(TARGET_METHODS))
def test_a_series_meeting_its_target_is_achieved_under_every_method(
    data: Series, direction: Direction, method: str
) -> None:
    target = data.values[-1] - direction.sign * 0.1  # the latest value is just past the target
    outcome = METHODS[method].run(data, Settings(direction, Target(target, 2030)), False)
    if outcome.components.reason is None:
        assert outcome.status is Status.ACHIEVED
    else:
        assert outcome.components.reason in {"fewer-than-two-points", "base-after-latest"}


counts = st.floats(min_value=0, max_value=100_000, allow_nan=False)


@st.composite
def count_series(draw: st.DrawFn) -> Series:
    years = draw(st.lists(st.integers(2010, 2029), min_size=1, max_size=8, unique=True))
    return Series.of((year, draw(counts)) for year in years)


@settings(max_examples=200, deadline=None)
@given(
    count_series(),
    directions,
    st.sampled_from([0.0, 10.0, 500.0]),
    st.integers(2016, 2040),
    st.sampled_from(TARGET_METHODS),
)
def test_no_projection_of_a_count_runs_below_zero(
    data: Series, direction: Direction, target: float, year: int, method: str
) -> None:
    outcome = METHODS[method].run(data, Settings(direction, Target(target, year)), False)
    if outcome.components.projected_value is not None:
        assert outcome.components.projected_value >= 0


@settings(max_examples=200, deadline=None)
@given(count_series(), directions, st.integers(2012, 2040), st.sampled_from(TARGET_METHODS), st.booleans())
def test_a_series_at_its_target_is_never_worse_than_achieved(
    data: Series, direction: Direction, year: int, method: str, percentage: bool
) -> None:
    target = data.values[-1] - direction.sign * 0.5  # the latest value is past the target
    outcome = METHODS[method].run(
        data, Settings(direction, Target(target, year), as_of_year=2026), percentage
    )
    if outcome.components.reason != "too-old":
        assert outcome.status.rank >= Status.ACHIEVED.rank


@settings(max_examples=200, deadline=None)
@given(count_series(), directions, st.integers(2012, 2040), st.sampled_from(TARGET_METHODS))
def test_a_series_that_met_its_target_then_fell_back_is_never_achieved(
    data: Series, direction: Direction, year: int, method: str
) -> None:
    if len(data) < 2 or data.values[0] == data.values[-1]:
        return
    # The target sits between the first value (on the good side) and the latest (on the bad side).
    best, latest = data.values[0], data.values[-1]
    if direction.sign * (best - latest) <= 0:
        best, latest = latest, best
        data = Series(data.years, (*data.values[:-1], latest))
        data = Series(data.years, (best, *data.values[1:]))
    if direction.sign * (best - latest) <= 0:
        return
    target = (best + latest) / 2
    outcome = METHODS[method].run(data, Settings(direction, Target(target, year)), False)
    assert outcome.status not in (Status.ACHIEVED, Status.ACHIEVED_LATE)
