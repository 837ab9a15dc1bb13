"""Fixtures for the API tests: a small inline data set imported the one way data is written.

The figures are made up for the tests (shaped like UNHCR's and the UK Home Office's tables) so that every
case of the children's data rule appears: a count of 3 girls whose total would reveal it, a sensitive
indicator with a count below 10, percentages with bounds, and a structural YES/PARTIAL/NO value.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.cache import cache

from compactwatch.observations.bundled import register_sources
from compactwatch.observations.services import import_files
from tests.accounts.conftest import _fast_passwords, _uploads, people

__all__ = ["_fast_passwords", "_uploads", "people"]

SOURCES = [
    {
        "code": "test-unhcr",
        "title": "Refugee Data Finder",
        "producer": "UNHCR",
        "url": "https://www.unhcr.org/refugee-statistics/",
        "licence": "CC BY 4.0",
        "licence_url": "https://creativecommons.org/licenses/by/4.0/",
        "retrieved": "2026-06-25",
    },
    {
        "code": "test-home-office",
        "title": "Immigration system statistics",
        "producer": "Home Office",
        "url": "https://www.gov.uk/government/statistical-data-sets/immigration-system-statistics-data-tables",
        "licence": "Open Government Licence v3.0",
    },
    {"code": "test-mics", "title": "Multiple Indicator Cluster Surveys", "producer": "UNICEF"},
    {"code": "test-law", "title": "National legislation", "producer": "compactwatch analysts"},
]

# TCD 2023: 3 refugee girls aged 0-4 (never published), 117 boys, 120 in all: the boys would reveal the
# girls by subtraction, so they are withheld too. GBR has large counts in two years.
REFUGEE_CHILDREN = """\
Indicator,GeoCode,Year,SEX,AGE,MIGRATORY_STATUS,Value,Units,Source
refugee-children,TCD,2023,F,Y0T4,REF,3,NUMBER,test-unhcr
refugee-children,TCD,2023,M,Y0T4,REF,117,NUMBER,test-unhcr
refugee-children,TCD,2023,,Y0T4,REF,120,NUMBER,test-unhcr
refugee-children,TCD,2022,,Y0T4,REF,98,NUMBER,test-unhcr
refugee-children,GBR,2022,F,Y0T4,REF,1400,NUMBER,test-unhcr
refugee-children,GBR,2022,M,Y0T4,REF,1500,NUMBER,test-unhcr
refugee-children,GBR,2022,,Y0T4,REF,2900,NUMBER,test-unhcr
refugee-children,GBR,2023,F,Y0T4,REF,1485,NUMBER,test-unhcr
refugee-children,GBR,2023,M,Y0T4,REF,1610,NUMBER,test-unhcr
refugee-children,GBR,2023,,Y0T4,REF,3095,NUMBER,test-unhcr
refugee-children,GBR,2023,,Y_LT18,ASY,20123,NUMBER,test-unhcr
"""

# Sensitive indicator: the threshold is 10, so 7 reads "<10".
UASC = """\
Indicator,GeoCode,Year,SEX,Value,Units,Source
uasc-asylum-applications,GBR,2021,,3762,NUMBER,test-home-office
uasc-asylum-applications,GBR,2021,F,7,NUMBER,test-home-office
uasc-asylum-applications,GBR,2020,,2844,NUMBER,test-home-office
"""

BIRTH_REGISTRATION = """\
Indicator,GeoCode,Year,SEX,Value,Units,LowerBound,UpperBound,Footnote,Source
birth-registration,NGA,2021,F,55.9,PERCENT,53.1,58.7,MICS 2021,test-mics
birth-registration,NGA,2021,,56.6,PERCENT,54.0,59.2,MICS 2021,test-mics
"""

DETENTION_LAW = """\
Indicator,GeoCode,Year,Value,Units,Evidence,Source
detention-prohibited-law,GBR,2023,NO,YES_PARTIAL_NO,Immigration Act 2016 section 5,test-law
"""

FILES = {
    "refugee_children.csv": REFUGEE_CHILDREN,
    "uasc.csv": UASC,
    "birth_registration.csv": BIRTH_REGISTRATION,
    "detention_law.csv": DETENTION_LAW,
}


@pytest.fixture
def data(db: Any, tmp_path: Path) -> None:
    register_sources(SOURCES)
    paths = []
    for name, text in FILES.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    import_files(paths)


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    """Each test starts with no cached answer (test_cached_answers.py checks the cache itself)."""
    cache.clear()
