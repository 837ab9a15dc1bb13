"""The children's data rule: no published count from 1 to 4, none recoverable by subtraction."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from compactwatch.core.suppression import Cell, Published, publish

AGES = ("Y0T4", "Y5T11", "Y12T17")
SEXES = ("F", "M")


def table(values: dict[tuple[str, str], int]) -> list[Cell]:
    """A sex x age table with its margins and grand total, as UNHCR publishes children by age and sex."""
    cells = []
    for (sex, age), value in values.items():
        cells.append(
            Cell("refugee-children", "TCD", (("AGE", age), ("SEX", sex)), 2024, "NUMBER", float(value))
        )
    for sex in SEXES:
        total = sum(v for (s, _), v in values.items() if s == sex)
        cells.append(Cell("refugee-children", "TCD", (("SEX", sex),), 2024, "NUMBER", float(total)))
    for age in AGES:
        total = sum(v for (_, a), v in values.items() if a == age)
        cells.append(Cell("refugee-children", "TCD", (("AGE", age),), 2024, "NUMBER", float(total)))
    cells.append(Cell("refugee-children", "TCD", (), 2024, "NUMBER", float(sum(values.values()))))
    return cells


def test_small_counts_read_below_five_and_zero_is_published() -> None:
    cells = [
        Cell("children-entering-detention", "GBR", (("AGE", "Y17"),), 2020, "NUMBER", 2.0),
        Cell("children-entering-detention", "GBR", (("AGE", "Y0T4"),), 2020, "NUMBER", 0.0),
        Cell("children-entering-detention", "GBR", (("AGE", "Y5T11"),), 2020, "NUMBER", 7.0),
        Cell("birth-registration", "NGA", (), 2021, "PERCENT", 3.0),
    ]
    shown = [p.text for p in publish(cells, {}, 5)]
    assert shown[0] == "<5"
    assert shown[1] == "0"
    assert shown[3] == "3"  # a percentage is not a count


def test_sensitive_indicators_use_their_higher_threshold() -> None:
    cells = [Cell("uasc", "GBR", (), 2020, "NUMBER", 7.0), Cell("other", "GBR", (), 2020, "NUMBER", 7.0)]
    assert [p.text for p in publish(cells, {"uasc": 10}, 5)] == ["<10", "7"]


def test_a_total_cannot_reveal_the_one_withheld_cell() -> None:
    cells = [
        Cell("x", "GBR", (("SEX", "F"),), 2020, "NUMBER", 3.0),
        Cell("x", "GBR", (("SEX", "M"),), 2020, "NUMBER", 40.0),
        Cell("x", "GBR", (), 2020, "NUMBER", 43.0),
    ]
    shown = publish(cells, {}, 5)
    assert [p.text for p in shown] == ["<5", "", "43"]
    assert shown[1].withheld


def recoverable(cells: list[Cell], shown: list[str]) -> list[int]:
    """Withheld cells whose value follows from a published total minus published siblings."""
    found = []
    by_dims = {(c.dimensions): i for i, c in enumerate(cells)}
    for i, cell in enumerate(cells):
        if shown[i] not in {"", "<5"}:
            continue
        dims = dict(cell.dimensions)
        for dimension in dims:
            rest = tuple(sorted((d, c) for d, c in dims.items() if d != dimension))
            total = by_dims.get(rest)
            if total is None or shown[total] in {"", "<5"}:
                continue
            siblings = [
                j
                for j, c in enumerate(cells)
                if j != i
                and dict(c.dimensions).keys() == dims.keys()
                and all(dict(c.dimensions)[d] == v for d, v in rest)
            ]
            if all(shown[j] not in {"", "<5"} for j in siblings):
                found.append(i)
    return found


@settings(max_examples=80, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=60), min_size=6, max_size=6))
def test_no_published_cell_is_from_one_to_four_and_none_can_be_recovered(values: list[int]) -> None:
    cells = table(
        {(sex, age): values[i * 3 + j] for i, sex in enumerate(SEXES) for j, age in enumerate(AGES)}
    )
    shown = [p.text for p in publish(cells, {}, 5)]
    for text in shown:
        if text and not text.startswith("<"):
            assert not 1 <= float(text) <= 4
    assert recoverable(cells, shown) == []


def test_rates_on_a_base_under_25_are_not_published() -> None:
    from compactwatch.core.suppression import publish_rate

    assert publish_rate(6, 24, per=1000, min_base=25, threshold=5) == Published("", True)
    assert publish_rate(6, 25, per=1000, min_base=25, threshold=5) == Published("240", False)
    # A count that would read "<5" cannot come back through its rate and a published base.
    assert publish_rate(3, 104_446_622, per=1000, min_base=25, threshold=5).withheld
    assert publish_rate(91_000, 21_000_000, per=1000, min_base=25, threshold=5).text == "4.3"
    assert publish_rate(None, 100, per=1000, min_base=25, threshold=5).withheld
