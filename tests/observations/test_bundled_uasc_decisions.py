"""The bundled outcomes of unaccompanied children's asylum applications say what the Home Office says.

Each expected number was read from uk-home-office-asylum/decisions_resettlement.rda (the R package asylum,
commit e7044ec; kept outside the repository, in ../shared/data) with the filter named beside it; every
filter includes UASC == "UASC". The test holds the numbers themselves, so it runs on a fresh clone.
"""

from __future__ import annotations

import pytest

from compactwatch.observations.models import Observation

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("bundled_data")]

INDICATOR = "uasc-asylum-decisions"

# (year, series key, expected value, the source rows summed)
SOURCE_FIGURES = [
    # Year 2023, all rows (every outcome, sex and age, four quarters): sum of Decisions = 7919.
    (2023, "", 7919, "all outcomes for UASC, 2023"),
    # Year 2023, Case outcome group "Refused": sum of Decisions = 1745.
    (2023, "DECISION=REFUSED", 1745, "refusals, 2023"),
    # Year 2023, Case outcome "Temporary Refugee Permission": rows 104364, 104908, 106120, 106586, 107142,
    # 108432 (0-based) = 2 + 3 + 1 + 1 + 1 + 3 = 11.
    (2023, "DECISION=TEMP_REF_PERM", 11, "temporary refugee permission, 2023"),
    # Year 2019, Case outcome "UASC Leave": sum of Decisions = 172.
    (2019, "DECISION=UASC_LEAVE", 172, "UASC leave, 2019"),
    # Year 2019, Case outcome group "Grant of Protection", Age "Under 18": sum of Decisions = 1461.
    (2019, "AGE=Y_LT18|DECISION=GRANT_PROT", 1461, "grants of protection to children under 18, 2019"),
    # Year 2006, Case outcome group "Withdrawn" (all Case outcome "Total (pre-2010)"): rows 13655 ... 15564,
    # thirteen rows summing to 15.
    (2006, "DECISION=WITHDRAWN", 15, "withdrawals, 2006"),
    # Year 2024 (quarters Q1-Q3 only), all rows: sum of Decisions = 2994.
    (2024, "", 2994, "all outcomes for UASC, January-September 2024"),
]


def stored(year: int, key: str) -> Observation:
    return Observation.objects.select_related("source").get(
        series__indicator__code=INDICATOR,
        series__area__iso3="GBR",
        series__key=key,
        year=year,
        is_current=True,
    )


def test_bundled_decisions_match_the_home_office_figures() -> None:
    mismatches = [
        f"{what}: stored {stored(year, key).value}, source says {expected}"
        for year, key, expected, what in SOURCE_FIGURES
        if stored(year, key).value != pytest.approx(expected)
    ]
    assert mismatches == []


def test_outcome_groups_add_up_to_all_outcomes() -> None:
    groups = ["GRANT_PROT", "GRANT_OTH", "REFUSED", "WITHDRAWN", "ADMIN"]
    for year in (2006, 2023):
        parts = Observation.objects.filter(
            series__indicator__code=INDICATOR,
            series__key__in=[f"DECISION={group}" for group in groups],
            year=year,
            is_current=True,
        )
        assert sum(part.value for part in parts) == stored(year, "").value


def test_partial_year_and_source_are_stated() -> None:
    latest = stored(2024, "")
    assert latest.footnote == "2024 covers January-September (Q1-Q3)"
    assert latest.source.producer == "UK Home Office"
    assert latest.source.licence.startswith("Open Government Licence v3.0")


def decided(year: int, key: str, group: str) -> float:
    prefix = f"{key}|" if key else ""
    return stored(year, f"{prefix}DECISION={group}").value


@pytest.mark.parametrize(("year", "age"), [(2023, ""), (2019, "AGE=Y_LT18"), (2006, "")])
def test_the_grant_rate_is_grants_over_grants_and_refusals(year: int, age: str) -> None:
    """uk_uasc_grant_rate.csv is derived from the same figures; withdrawals are not decisions."""
    granted = decided(year, age, "GRANT_PROT") + decided(year, age, "GRANT_OTH")
    refused = decided(year, age, "REFUSED")
    rate = Observation.objects.get(
        series__indicator__code="uasc-grant-rate", series__area__iso3="GBR", series__key=age, year=year
    )
    assert rate.value == round(100 * granted / (granted + refused), 1)
    assert rate.source.code == stored(year, "").source.code
