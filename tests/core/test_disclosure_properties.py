"""Random tables of children's counts (nested codes, sex x age, a total from a second source, small counts
and zeros): what publish shows leaves the auditor nothing to find, and does not depend on the order of the
cells or on the other tables published with them."""

from __future__ import annotations

import itertools
import random

from hypothesis import given, settings
from hypothesis import strategies as st

from compactwatch.core.disclosure import audit
from compactwatch.core.suppression import Cell, publish

# Each dimension: its leaves and, for every code above them, its parent ("_T": the dimension left out).
TREES: dict[str, dict[str, str]] = {
    "SEX": {"F": "_T", "M": "_T"},
    "AGE": {"Y0T4": "Y_LT18", "Y12T16": "Y12T17", "Y17": "Y12T17", "Y12T17": "Y_LT18", "Y_LT18": "_T"},
    "DECISION": {"REF_PERM": "GRANT_PROT", "HUM_PROT": "GRANT_PROT", "GRANT_PROT": "_T", "REFUSED": "_T"},
}
LEAVES = {
    "SEX": ("F", "M"),
    "AGE": ("Y0T4", "Y12T16", "Y17"),
    "DECISION": ("REF_PERM", "HUM_PROT", "REFUSED"),
}
THRESHOLDS = {"detention": 10}


def ancestors(dimension: str, code: str) -> list[str]:
    chain = [code]
    while chain[-1] != "_T":
        chain.append(TREES[dimension][chain[-1]])
    return chain


def build(
    dimensions: tuple[str, ...],
    leaf_values: list[int],
    dropped: set[int],
    second_source: bool,
    indicator: str,
    year: int,
    age_top_as_code: bool,
) -> list[Cell]:
    totals: dict[tuple[str, ...], int] = {}
    leaves = list(itertools.product(*(LEAVES[d] for d in dimensions)))
    for leaf, value in zip(leaves, leaf_values, strict=False):
        for codes in itertools.product(*(ancestors(d, c) for d, c in zip(dimensions, leaf, strict=True))):
            totals[codes] = totals.get(codes, 0) + value
    cells = []
    for k, (codes, value) in enumerate(sorted(totals.items())):
        if k in dropped:
            continue
        if not age_top_as_code and any(
            d == "AGE" and c == "Y_LT18" for d, c in zip(dimensions, codes, strict=True)
        ):
            continue  # ages under 18 written by leaving the age out, as the UK tables do
        if age_top_as_code and any(d == "AGE" and c == "_T" for d, c in zip(dimensions, codes, strict=True)):
            continue  # the children's total written as AGE=Y_LT18, as UNHCR does
        key = tuple(sorted((d, c) for d, c in zip(dimensions, codes, strict=True) if c != "_T"))
        source = "B" if second_source and not key else "A"
        cells.append(Cell(indicator, "GBR", key, year, "NUMBER", float(value), source))
    if second_source:  # the second source also publishes the sexes' totals, one of them different
        sexes = [c for c in cells if len(c.dimensions) == 1 and c.dimensions[0][0] == "SEX"]
        for i, c in enumerate(sexes):
            value = (c.value or 0.0) + (3.0 if i == 0 else 0.0)
            cells.append(Cell(indicator, "GBR", c.dimensions, year, "NUMBER", value, "B"))
    return cells


small_or_not = st.one_of(st.integers(0, 12), st.integers(0, 12), st.integers(13, 80))
tables = st.builds(
    build,
    st.sampled_from([("SEX", "AGE"), ("AGE", "DECISION"), ("SEX", "DECISION"), ("SEX", "AGE", "DECISION")]),
    st.lists(small_or_not, min_size=27, max_size=27),
    st.sets(st.integers(0, 80), max_size=6),
    st.booleans(),
    st.sampled_from(["detention", "refugees"]),
    st.just(2024),
    st.booleans(),
)


@settings(max_examples=30, deadline=None)
@given(tables)
def test_nothing_withheld_can_be_narrowed(cells: list[Cell]) -> None:
    shown = publish(cells, THRESHOLDS, 5, TREES)
    threshold = THRESHOLDS.get(cells[0].indicator, 5) if cells else 5
    for cell, published in zip(cells, shown, strict=True):
        if not published.withheld:
            assert not 0 < float(published.text) < threshold
        elif published.text == "":
            assert (cell.value or 0) >= threshold  # a blank is never a zero nor a small count
    assert audit(cells, shown, THRESHOLDS, 5, TREES) == []


@settings(max_examples=15, deadline=None)
@given(tables, st.randoms(use_true_random=False))
def test_publish_ignores_the_order_of_cells_and_the_other_tables(
    cells: list[Cell], rng: random.Random
) -> None:
    shown = [p.text for p in publish(cells, THRESHOLDS, 5, TREES)]
    order = list(range(len(cells)))
    rng.shuffle(order)
    shuffled = publish([cells[i] for i in order], THRESHOLDS, 5, TREES)
    assert [shuffled[order.index(i)].text for i in range(len(cells))] == shown
    other_year = [Cell(c.indicator, c.area, c.dimensions, 2025, c.unit, 7.0, c.source) for c in cells]
    together = publish([*other_year, *cells], THRESHOLDS, 5, TREES)
    assert [p.text for p in together[len(other_year) :]] == shown
