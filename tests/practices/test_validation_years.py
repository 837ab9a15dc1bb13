"""The practice validator (behind the API and the admin) reads a year only from ASCII digits: Python's
`isdigit()` also accepts "²" and "٢٠١٩", which `int()` then refuses, and that was a server error."""

from __future__ import annotations

from typing import Any

import pytest

from compactwatch.practices.validation import PracticeInvalid, validate_practice
from tests.practices.conftest import valid_input

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("year", ["²", "٢٠١٩", "２０１９", "9" * 40])
def test_a_year_in_other_digits_is_a_coded_problem(year: str, people: Any) -> None:
    with pytest.raises(PracticeInvalid) as refused:
        validate_practice(valid_input(start_year=year))
    assert [p.code for p in refused.value.problems] == ["wrong-type"]


def test_a_year_in_ascii_digits_is_read(people: Any) -> None:
    assert validate_practice(valid_input(start_year="2018")).start_year == 2018
