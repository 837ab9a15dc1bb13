"""Years and numbers are read from the digits 0-9 only, and within range; other cells are refused."""

from __future__ import annotations

import pytest

from compactwatch.core.cells import number_problem, parse_number, parse_year, plain_number

WITHIN = "a value lies between -1e+15 and 1e+15"


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("2021", 2021),
        (" 2021 ", 2021),
        ("2021.0", 2021),
        ("1945", 1945),
        ("2100", 2100),
        ("1944", None),
        ("2101", None),
        ("99999", None),
        ("²", None),  # int() would raise on it
        ("20²1", None),
        ("٢٠٢١", None),  # Arabic-Indic digits: int() reads them as 2021
        ("２０２１", None),  # fullwidth digits
        ("2021.5", None),
        ("1" * 5000, None),  # int() refuses over 4,300 digits
        ("", None),
    ],
)
def test_a_year_is_four_ascii_digits_within_bounds(text: str, year: int | None) -> None:
    assert parse_year(text) == year


@pytest.mark.parametrize(
    ("text", "number", "problem"),
    [
        ("12", 12.0, None),
        ("12,345", 12345.0, None),
        ("-3.5", -3.5, None),
        ("1e15", 1e15, None),
        ("1e308", None, ("out-of-range", f"'1e308' is out of range: {WITHIN}")),
        ("-1e16", None, ("out-of-range", f"'-1e16' is out of range: {WITHIN}")),
        ("1" * 40, None, ("out-of-range", f"{'1' * 40!r} is out of range: {WITHIN}")),
        ("inf", None, ("bad-value", "'inf' is not a finite number")),
        ("nan", None, ("bad-value", "'nan' is not a finite number")),
        ("١٢", None, ("bad-value", "'١٢' is not a number written with the digits 0-9")),
        ("١,٢٣٤", None, ("bad-value", "'١,٢٣٤' is not a number written with the digits 0-9")),
        ("²", None, ("bad-value", "'²' is not a number written with the digits 0-9")),
        ("1_000", None, ("bad-value", "'1_000' is not a number written with the digits 0-9")),
        ("0x10", None, ("bad-value", "'0x10' is not a number")),
        ("", None, ("bad-value", "'' is not a number")),
    ],
)
def test_a_number_is_ascii_finite_and_within_range(
    text: str, number: float | None, problem: tuple[str, str] | None
) -> None:
    assert parse_number(text) == number
    assert number_problem(text) == problem


@pytest.mark.parametrize(
    ("text", "unit", "number"),
    [
        ("1234", "NUMBER", 1234.0),
        (" 56.6", "PERCENT", 56.6),
        ("100.5", "PERCENT", None),
        ("1.5", "NUMBER", None),
        ("1e15", "NUMBER", 1e15),
        ("1e16", "NUMBER", None),
        ("١٢", "NUMBER", None),
        ("1_2", "NUMBER", None),
        ("-1", "NUMBER", None),
    ],
)
def test_the_short_way_takes_only_ordinary_cells(text: str, unit: str, number: float | None) -> None:
    assert plain_number(text, unit) == number
