"""Reading the text of one data cell: a year, a number, an ordinary count or percentage.

The rules every reader's cells meet before the checks in `observation_checks` look at what they mean.

Years and numbers are written with the digits 0-9 only. Python's float() and int() also read other scripts'
digits ("١٢" is 12 to them) and superscripts ("²"), and float() reads "1_000"; a cell written so is refused
rather than read: "2019²" is a year with a footnote mark, not a guess to make. A number must also fit what
is stored exactly and summed safely, within ±MAX_VALUE; a year lies within MIN_YEAR and MAX_YEAR.
"""

from __future__ import annotations

import math
import re

MIN_YEAR, MAX_YEAR = 1945, 2100
# Far above any count of children or rate, and below 2**53, past which a count is no longer stored exactly.
MAX_VALUE = 1e15
THOUSANDS = re.compile(r"^-?[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?$")


def plain_number(text: str, unit: str) -> float | None:
    """The value of an ordinary cell ("1234", " 56.6") that needs no closer look; None otherwise.

    float() ignores the spaces around a number, as strip() would."""
    if not text.isascii() or "_" in text:
        return None
    try:
        number = float(text)
    except ValueError:
        return None
    if not 0 <= number <= MAX_VALUE:  # negative, NaN, infinite and huge values get the full checks
        return None
    if (unit == "PERCENT" and number > 100) or (unit == "NUMBER" and not number.is_integer()):
        return None
    return number


def parse_year(text: str) -> int | None:
    """A calendar year ("2021", or "2021.0" as spreadsheets write it) within the bounds; None otherwise."""
    text = text.strip()
    if text.endswith(".0"):
        text = text[:-2]
    if not (text.isascii() and text.isdigit() and len(text) <= 4):
        return None
    year = int(text)
    return year if MIN_YEAR <= year <= MAX_YEAR else None


def parse_number(text: str) -> float | None:
    """A finite number within ±MAX_VALUE, thousands separators allowed ("12,345"); None for anything else."""
    if not text.isascii() or "_" in text:
        return None
    number = _number(text)
    return number if number is not None and -MAX_VALUE <= number <= MAX_VALUE else None  # NaN is not


def number_problem(text: str) -> tuple[str, str] | None:
    """Why a cell is not a number compactwatch stores: (problem code, message); None when it is one."""
    shown = repr(text) if len(text) <= 40 else repr(text[:40]) + "..."
    if not text.isascii() or "_" in text:
        return "bad-value", f"{shown} is not a number written with the digits 0-9"
    number = _number(text)
    if number is None:
        return "bad-value", f"{shown} is not a number"
    if math.isnan(number) or math.isinf(number):
        return "bad-value", f"{shown} is not a finite number"
    if abs(number) > MAX_VALUE:
        return (
            "out-of-range",
            f"{shown} is out of range: a value lies between -{MAX_VALUE:g} and {MAX_VALUE:g}",
        )
    return None


def _number(text: str) -> float | None:
    if THOUSANDS.match(text):
        text = text.replace(",", "")
    try:
        return float(text) if text else None
    except ValueError:
        return None
