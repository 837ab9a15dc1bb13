"""Years in the contribution form are written in the digits 0-9: a superscript, other scripts' digits, an
exponent or a 40-digit number get a clear message on the form (400), never a server error."""

from __future__ import annotations

import html

import pytest
from django.test import Client

from compactwatch.practices.models import Practice
from tests.practices.test_contribution_form import URL, form_data

pytestmark = pytest.mark.django_db
REFUSED = "{} must be a year, such as 2017, in the digits 0-9"


@pytest.mark.parametrize("field", ["start_year", "end_year", "source_year"])
@pytest.mark.parametrize("year", ["²", "٢٠١٩", "２０１９", "1e3", "2019.0", "9" * 40, "-2019", "20 19"])
def test_a_year_not_in_ascii_digits_is_refused_on_the_form(field: str, year: str) -> None:
    response = Client().post(URL, form_data(**{field: year}))
    assert response.status_code == 400
    assert REFUSED.format(field) in html.unescape(response.content.decode())
    assert Practice.objects.count() == 0


def test_a_year_with_spaces_around_is_read() -> None:
    response = Client().post(URL, form_data(start_year=" 2018 ", source_year="2022"))
    assert response.status_code == 302
    assert Practice.objects.get().start_year == 2018


def test_a_year_out_of_range_gets_the_validators_words() -> None:
    response = Client().post(URL, form_data(start_year="1066"))
    assert response.status_code == 400
    assert "start_year must be between" in html.unescape(response.content.decode())
