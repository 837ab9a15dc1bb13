"""Each rating says in one sentence how it was reached, and never prints a count from 1 to 4."""

from __future__ import annotations

from compactwatch.core.progress import Direction, Series, Settings, Subject, Target, rate
from compactwatch.core.progress.explain import format_value


def test_sentence_for_a_target_with_acceleration_needed() -> None:
    rating = rate(
        Series.of([(2015, 62), (2021, 71)]),
        Settings(Direction.INCREASE, Target(100, 2030)),
        Subject("Birth registration", "PERCENT"),
    )
    assert rating.explanation == (
        "Birth registration rose from 62% in 2015 to 71% in 2021; at that pace it would be 87% in 2030 "
        "(projected), short of the target of 100% by 2030: progress too slow to meet the target."
    )


def test_small_counts_read_below_the_threshold() -> None:
    rating = rate(
        Series.of([(2015, 163), (2022, 3)]),
        Settings(Direction.DECREASE, Target(0, 2030)),
        Subject("Children entering detention", "NUMBER", 5),
    )
    assert "to <5 in 2022" in rating.explanation
    assert " 3 " not in rating.explanation
    assert rating.method == "absolute-change"
    assert format_value(4.4, Subject("x", "NUMBER", 10)) == "<10"
    assert format_value(0, Subject("x", "NUMBER", 5)) == "0"
    assert format_value(1234, Subject("x", "NUMBER", 5)) == "1,234"


def test_insufficient_data_says_why() -> None:
    rating = rate(Series.of([(2019, 40)]), Settings(Direction.INCREASE), Subject("Coverage", "PERCENT"))
    assert (
        rating.explanation
        == "Coverage: not enough data to rate progress (fewer than two values from 2015 on)."
    )
