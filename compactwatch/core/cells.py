"""Reading the text of one data cell: a year, a number, an ordinary count or percentage.

The rules every reader's cells meet before the checks in `observation_checks` look at what they mean.
"""

from __future__ import annotations

import math
import re

MIN_YEAR, MAX_YEAR = 1945, 2100
THOUSANDS = re.compile(r"^-?\d{1,3}(,\d{3})+(\.\d+)?$")


def plain_number(text: str, unit: str) -> float | None:
    """The value of an ordinary cell ("1234", " 56.6") that needs no closer look; None otherwise.

    float() ignores the spaces around a number, as strip() would."""
    try:
        number = float(text)
    except ValueError:
        return None
    if not 0 <= number < math.inf:  # negative, NaN and infinite values get the full checks
        return None
    if (unit == "PERCENT" and number > 100) or (unit == "NUMBER" and not number.is_integer()):
        return None
    return number


def parse_year(text: str) -> int | None:
    """A calendar year ("2021", or "2021.0" as spreadsheets write it) within the bounds; None otherwise."""
    text = text.strip()
    if text.endswith(".0"):
        text = text[:-2]
    if not text.isdigit():
        return None
    year = int(text)
    return year if MIN_YEAR <= year <= MAX_YEAR else None


def parse_number(text: str) -> float | None:
    """A finite number, thousands separators allowed ("12,345"); None for anything else."""
    if THOUSANDS.match(text):
        text = text.replace(",", "")
    try:
        number = float(text) if text else None
    except ValueError:
        return None
    if number is None or math.isnan(number) or math.isinf(number):
        return None
    return number
