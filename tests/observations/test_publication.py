"""The one publication path: rates on small bases, derived rates, bounds, and every output agreeing."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from pytest_django.fixtures import Settings as SettingsWrapper

from compactwatch.areas.models import Area
from compactwatch.framework.models import Indicator
from compactwatch.observations.models import ImportBatch, Observation, Series, Source
from compactwatch.observations.publication import PublishedValue, current_observations, published
from compactwatch.observations.selectors import published_table

Add = Callable[..., Observation]


@pytest.fixture
def add(db: None) -> Add:
    source = Source.objects.create(code="test-source", title="Test source", producer="Tests", licence="CC0")
    batch = ImportBatch.objects.create(file_name="test.csv", sha256="0" * 64, format="tidy-csv")

    def add(indicator: str, key: str, year: int, value: float, **attributes: float) -> Observation:
        ind = Indicator.objects.get(code=indicator)
        series, _ = Series.objects.get_or_create(indicator=ind, area=Area.objects.get(iso3="GBR"), key=key)
        return Observation.objects.create(
            series=series, year=year, value=value, source=source, unit=ind.unit, batch=batch, **attributes
        )

    return add


def shown(indicator: str) -> dict[tuple[str, int], PublishedValue]:
    return {(v.key, v.year): v for v in published(current_observations(indicator))}


@pytest.mark.django_db
def test_a_share_on_a_base_under_the_minimum_is_withheld(add: Add, settings: SettingsWrapper) -> None:
    add("refugee-children-share", "AGE=Y_LT18|MIGRATORY_STATUS=REF", 2020, 100.0, base=20)
    add("refugee-children-share", "AGE=Y_LT18|MIGRATORY_STATUS=REF", 2021, 40.0, base=50)
    values = shown("refugee-children-share")
    assert (
        values[("AGE=Y_LT18|MIGRATORY_STATUS=REF", 2020)].text,
        values[("AGE=Y_LT18|MIGRATORY_STATUS=REF", 2020)].conf_status,
    ) == ("", "C")
    assert values[("AGE=Y_LT18|MIGRATORY_STATUS=REF", 2021)].text == "40"

    settings.MIN_RATE_BASE = 10
    assert shown("refugee-children-share")[("AGE=Y_LT18|MIGRATORY_STATUS=REF", 2020)].text == "100"


@pytest.mark.django_db
def test_a_share_whose_numerator_is_a_small_count_is_withheld(add: Add) -> None:
    add("refugee-children-share", "AGE=Y_LT18|MIGRATORY_STATUS=REF", 2020, 10.0, base=30)  # 3 children
    assert shown("refugee-children-share")[("AGE=Y_LT18|MIGRATORY_STATUS=REF", 2020)].withheld


@pytest.mark.django_db
def test_a_grant_rate_is_shown_only_where_every_count_it_is_made_of_is_shown(add: Add) -> None:
    for year, refused in ((2019, 3.0), (2020, 30.0)):
        add("uasc-asylum-decisions", "DECISION=GRANT_PROT", year, 100.0)
        add("uasc-asylum-decisions", "DECISION=GRANT_OTH", year, 50.0)
        add("uasc-asylum-decisions", "DECISION=REFUSED", year, refused)
        add("uasc-grant-rate", "", year, round(150 / (150 + refused) * 100, 1))
    rates = shown("uasc-grant-rate")
    assert rates[("", 2019)].withheld  # with 150 grants shown, 98.0% would give the 3 refusals back
    assert rates[("", 2020)].text == "83.3"


@pytest.mark.django_db
def test_a_derived_rate_on_a_small_base_is_withheld(add: Add) -> None:
    add("uasc-asylum-decisions", "DECISION=GRANT_PROT", 2020, 12.0)
    add("uasc-asylum-decisions", "DECISION=REFUSED", 2020, 10.0)
    add("uasc-grant-rate", "", 2020, 54.5)
    assert shown("uasc-grant-rate")[("", 2020)].withheld


@pytest.mark.django_db
def test_bounds_are_shown_only_beside_a_shown_count_and_never_small(add: Add) -> None:
    add("refugee-children", "AGE=Y_LT18|MIGRATORY_STATUS=REF", 2020, 3.0, lower_bound=1.0, upper_bound=6.0)
    add("refugee-children", "AGE=Y_LT18|MIGRATORY_STATUS=REF", 2021, 40.0, lower_bound=3.0, upper_bound=60.0)
    values = shown("refugee-children")
    small, larger = (
        values[("AGE=Y_LT18|MIGRATORY_STATUS=REF", 2020)],
        values[("AGE=Y_LT18|MIGRATORY_STATUS=REF", 2021)],
    )
    assert (small.text, small.lower_bound, small.upper_bound) == ("<5", None, None)
    assert (larger.text, larger.lower_bound, larger.upper_bound) == ("40", None, 60.0)


@pytest.mark.django_db
def test_the_api_the_download_and_the_pages_show_the_same_values(add: Add, client: Client) -> None:
    """UK detention 2022 as published by the Home Office: every output shows what the path decides."""
    for key, value in (("", 232), ("AGE=Y0T4", 1), ("AGE=Y5T11", 3), ("AGE=Y12T16", 132), ("AGE=Y17", 96)):
        add("children-entering-detention", key, 2022, float(value))
    decided = {key: v.text for (key, _), v in shown("children-entering-detention").items()}
    assert decided["AGE=Y0T4"] == decided["AGE=Y5T11"] == "<10"
    assert list(decided.values()).count("") >= 1

    table = published_table("children-entering-detention")
    age = table.columns.index("AGE")
    download = {
        ("AGE=" + row[age]) if row[age] else "": row[table.columns.index("Value")] for row in table.rows
    }
    assert download == decided

    answer = client.get("/api/v1/observations", {"indicator": "children-entering-detention", "limit": 2})
    rows = answer.json()["items"] if "items" in answer.json() else answer.json()["results"]
    api = {"|".join(f"{d}={c}" for d, c in sorted(r["dimensions"].items())): r["value_text"] for r in rows}
    assert api == {key: decided[key] for key in api}
