"""The bundled real data says what its sources say: sample cells checked against the producers' files.

Each expected number was read from the raw source file named beside it (kept outside the repository, in
../shared/data); the test holds the number itself, so it runs on a fresh clone.
"""

from __future__ import annotations

import pytest

from compactwatch.observations.models import Observation

pytestmark = pytest.mark.django_db

# (indicator, area, year, key, expected value, where the number comes from)
SAMPLES = [
    (
        "refugee-children",
        "CHL",
        2020,
        "AGE=Y0T4|MIGRATORY_STATUS=OIP|SEX=F",
        1537,
        # unhcr-refugees/demographics_2001-2024_from_8f9b50c.rda, row 170749 (0-based): year 2020, coo VEN,
        # coa_iso CHL, pop_type OIP, f_0_4 = 1537 (the only OIP row for Chile in 2020).
        "UNHCR demographics, girls 0-4, other people in need of protection in Chile, 2020",
    ),
    (
        "refugee-children",
        "TCD",
        2024,
        "AGE=Y12T17|MIGRATORY_STATUS=REF|SEX=M",
        77470,
        # unhcr-refugees/demographics_2001-2024_from_8f9b50c.rda: m_12_17 summed over the 130 rows with
        # year 2024, coa_iso TCD, pop_type REF (= derived/children_by_asylum_country_year_poptype.csv line
        # 10617, column m_12_17).
        "UNHCR demographics, refugee boys 12-17 in Chad, 2024",
    ),
    (
        "refugee-children-share",
        "TCD",
        2024,
        "AGE=Y_LT18|MIGRATORY_STATUS=REF",
        54.4,
        # derived/children_by_asylum_country_year_poptype.csv line 10617: share_children_of_known_age
        # 0.5444 = 528938 / 971572, as a percentage to one decimal.
        "UNHCR demographics, children's share of refugees of known age in Chad, 2024",
    ),
    (
        "uasc-asylum-applications",
        "GBR",
        2023,
        "NATIONALITY=ERI|SEX=F",
        99,
        # uk-home-office-asylum/applications.rda, UASC == "UASC", Year 2023, Nationality Eritrea, Sex Female:
        # rows 65747, 65748, 67203, 67204, 68678, 68679, 70156 (0-based) = 1 + 16 + 1 + 29 + 1 + 35 + 16.
        "UK Home Office, asylum applications from unaccompanied Eritrean girls, 2023",
    ),
    (
        "uasc-asylum-applications",
        "GBR",
        2023,
        "NATIONALITY=ERI",
        500,
        # the same file: all twelve 2023 UASC rows for Eritrea (both sexes, four quarters) sum to 500.
        "UK Home Office, asylum applications from unaccompanied Eritrean children, 2023",
    ),
    (
        "children-entering-detention",
        "GBR",
        2019,
        "AGE=Y12T16",
        33,
        # uk-home-office-asylum/children_entering_detention.csv line 11: 2019, "Children 12 to 16 years" = 33.
        "UK Home Office, children aged 12-16 entering immigration detention, 2019",
    ),
    (
        "children-entering-detention",
        "GBR",
        2010,
        "",
        436,
        # the same file, line 2: 2010, "Total children" = 436.
        "UK Home Office, children entering immigration detention, 2010",
    ),
    (
        "birth-registration",
        "AFG",
        2023,
        "AGE=Y_LT5",
        47.8,
        # unicef-sdg-child-indicators/DW.Rdata, row 58466 (0-based): PT_CHLD_Y0T4_REG, iso3 AFG,
        # time.period 2023, obs.value 47.8, data.source "MICS 2022-23".
        "UNICEF Data Warehouse, birth registration of children under 5 in Afghanistan, 2023",
    ),
    (
        "birth-registration",
        "NGA",
        2021,
        "SEX=F",
        56.8,
        # nigeria-sdg-16-9-1/indicator_16-9-1.csv line 64: 2021, Gender Female, GeoCode NG, Value 56.8.
        "Nigeria NBS, birth registration of girls under 5, 2021",
    ),
    (
        "birth-registration",
        "NGA",
        2021,
        "SUBNATIONAL=Lagos",
        93.7,
        # nigeria-sdg-16-9-1/indicator_16-9-1.csv line 104: 2021, State Lagos, GeoCode NGLA24, Value 93.7.
        "Nigeria NBS, birth registration in Lagos State, 2021",
    ),
    (
        "child-migrants",
        "TZA",
        2020,
        "AGE=Y_LT18",
        91000,
        # unicef-child-migrants-2020/unicef_under_eighteen_migrants_by_destination.csv line 221:
        # " Tanzania" (with its leading space), 2020, 91000.
        "UNICEF, international migrants under 18 in Tanzania, 2020",
    ),
    (
        "child-population",
        "NGA",
        2020,
        "AGE=Y0T4|SEX=F",
        16911827,
        # iom-gdiviz/wpp.rda rows 417900-417904 (0-based): iso NGA, t 2020, sex Female, ages 0-4, v in
        # thousands 3601.816 + 3459.376 + 3371.026 + 3283.811 + 3195.798 = 16911.827 -> 16,911,827.
        "UN WPP 2022, girls aged 0-4 in Nigeria, 2020",
    ),
]


def current_value(indicator: str, area: str, year: int, key: str) -> Observation:
    return Observation.objects.select_related("source").get(
        series__indicator__code=indicator,
        series__area__iso3=area,
        series__key=key,
        year=year,
        is_current=True,
    )


@pytest.mark.usefixtures("bundled_data")
def test_bundled_figures_match_the_source_files() -> None:
    mismatches = []
    for indicator, area, year, key, expected, what in SAMPLES:
        value = current_value(indicator, area, year, key).value
        if value != pytest.approx(expected):
            mismatches.append(f"{what}: stored {value}, source says {expected}")
    assert mismatches == []


@pytest.mark.usefixtures("bundled_data")
def test_each_bundled_figure_carries_its_source_and_licence() -> None:
    producers = {
        (indicator, area): current_value(indicator, area, year, key).source
        for indicator, area, year, key, *_ in SAMPLES
    }
    assert producers[("refugee-children", "TCD")].licence == "CC BY 4.0"
    assert producers[("refugee-children", "TCD")].producer.startswith("UNHCR")
    assert "Home Office" in producers[("children-entering-detention", "GBR")].producer
    assert all(source.url and source.licence for source in producers.values())


@pytest.mark.usefixtures("bundled_data")
def test_the_bundled_files_are_all_loaded() -> None:
    # data/sources.yaml lists 12 extracts; their data rows add up to 69,518 observations (67,240 before
    # uk_uasc_asylum_decisions.csv added its 2,131 rows and uk_uasc_grant_rate.csv its 147).
    assert Observation.objects.filter(is_current=True).count() == 69_518
    assert Observation.objects.values("batch__file_name").distinct().count() == 12


@pytest.mark.usefixtures("bundled_data")
def test_rates_and_shares_carry_the_base_they_are_computed_on() -> None:
    bases = {
        indicator: current_value(indicator, area, year, key).base
        for indicator, area, year, key in (
            ("refugee-children-share", "TCD", 2024, "AGE=Y_LT18|MIGRATORY_STATUS=REF"),
            ("refugee-age-data-coverage", "TCD", 2024, "MIGRATORY_STATUS=REF"),
            ("uasc-grant-rate", "GBR", 2023, ""),
        )
    }
    assert bases == {
        # derived/children_by_asylum_country_year_poptype.csv line 10617: persons_with_age_sex and total.
        "refugee-children-share": 971572,
        "refugee-age-data-coverage": 1278866,
        # uk_uasc_asylum_decisions.csv, 2023 totals: 5475 GRANT_PROT + 153 GRANT_OTH + 1745 REFUSED.
        "uasc-grant-rate": 7373,
    }
    # Counts are not rates: no base.
    assert current_value("children-entering-detention", "GBR", 2010, "").base is None
