"""Birth registration (SDG 16.9.1): UNICEF, the UN SDG Global Database and Nigeria's NBS."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from extracts.common import (
    AreaMatcher,
    Extract,
    Row,
    number_text,
    read_rda,
    row,
    source_number,
    tidy,
)

# ----------------------------------------------------------------------------------------------------
# 3. Birth registration (SDG 16.9.1)
# ----------------------------------------------------------------------------------------------------

UNICEF_SDG_UPSTREAM = {
    "repository": "https://github.com/spalmas/SDG-MENARO",
    "path": "00_source_data/DW.Rdata",
    "commit": "8eae78010affff172b23d96ff48c32b10193b87a "
    "(data files last changed in 35052082f7de88e10e245cc5aefba758f284fcfb)",
}


def build_birth_registration(shared: Path) -> list[Extract]:
    """Birth registration by country: UNICEF's latest values; the SDG series by age in a file of its own."""
    latest = birth_registration_latest(shared)
    return [latest, birth_registration_by_age(shared, {(r["GeoCode"], r["Year"]) for r in latest.rows})]


def birth_registration_latest(shared: Path) -> Extract:
    """Latest value per country from the UNICEF Data Warehouse (PT_CHLD_Y0T4_REG).

    Neither DW.Rdata nor SDGGD.Rdata holds a time series for this indicator: each has one (latest)
    observation per country. DW covers 183 countries, SDGGD 129 with identical values except Mozambique,
    where DW has the newer survey (DHS 2022-23) - so DW alone, one source per file.
    """
    frame = read_rda(shared / "unicef-sdg-child-indicators" / "DW.Rdata")
    frame = frame[frame["DW.indicator.code"] == "PT_CHLD_Y0T4_REG"]
    frame.columns = [column.replace(".", "_") for column in frame.columns]
    rows: list[Row] = []
    report: list[str] = []
    for rec in frame.sort_values("iso3").itertuples(index=False):
        year, age, sex = int(rec.time_period), str(rec.age).split(":")[0], str(rec.sex).split(":")[0]
        if age != "Y0T4":
            report.append(f"  dropped {rec.iso3} {year}: age group {rec.age!r} has no AGE code")
            continue
        if sex != "_T":  # the copy has both sexes only; a split would need a SEX column
            raise ValueError(f"unexpected sex {rec.sex!r} for {rec.iso3} {year}")
        notes = [tidy(text) for text in (rec.data_source, rec.obs_footnote) if isinstance(text, str)]
        notes = [note for note in notes if note]
        rows.append(
            row(
                "birth-registration",
                str(rec.iso3),
                year,
                number_text(rec.obs_value),
                "PERCENT",
                AGE="Y_LT5",
                Footnote=". ".join(notes),
            )
        )
    years = f"{min(int(r['Year']) for r in rows)}-{max(int(r['Year']) for r in rows)}"
    return Extract(
        file="birth_registration.csv",
        indicators=["birth-registration"],
        dimensions=["AGE"],
        rows=rows,
        meta={
            "source": {
                "code": "unicef-data-warehouse",
                "title": "UNICEF Data Warehouse: percentage of children under age 5 whose births are "
                "registered (PT_CHLD_Y0T4_REG, SDG 16.9.1)",
                "producer": "UNICEF",
                "url": "https://data.unicef.org",
                "licence": "not stated",
                "retrieved": "2025-03-20",
                "citation": "UNICEF Data Warehouse, indicator PT_CHLD_Y0T4_REG, https://data.unicef.org",
            },
            "description": "Birth registration of children under 5 (SDG 16.9.1): the latest value per "
            "country, with its data source (survey or registry) as footnote.",
            "coverage": {"years": years, "areas": f"{len(rows)} countries and areas (ISO3), one year each"},
            "notes": "Latest value per country only: UNICEF does not publish trends for this indicator "
            "(definitions and questions changed over time). Footnote = data source, then UNICEF's "
            "observation footnote. Chile 2011 (children aged 0-7) is left out: no AGE code. The SDG Global "
            "Database copy (SDGGD.Rdata, downloaded 2025-02-12) agrees on all 129 shared countries except "
            "Mozambique (SDGGD: 2015, 55.0, AIS 2015). 'retrieved' = date of the upstream data commit.",
            "upstream": UNICEF_SDG_UPSTREAM,
        },
        report=report,
    )


UNECE_AGES: dict[str, str | None] = {
    "<1Y": "M0T11",
    "M12T23": "M12T23",
    "M24T35": "M24T35",
    "M36T47": "M36T47",
    "M48T59": "M48T59",
    "<5Y": "Y_LT5",
    "<8Y": None,  # children under 8 (Chile 2011): no AGE code
}


def birth_registration_by_age(shared: Path, latest: set[tuple[str, str]]) -> Extract:
    """UN SDG Global Database series SG_REG_BRTH by age group, as copied into an Open SDG data repository.

    The under-5 value of a country and year that birth_registration.csv already has is left out, so that
    the two files never give the indicator two values for one key: the SDG copy has more decimals for a
    few countries (India 2021: 89.081 here, 89.1 from UNICEF).
    """
    frame = pd.read_csv(
        shared / "sdg-global-extract-unece" / "data" / "indicator_16-9-1.csv",
        dtype=str,
        keep_default_na=False,
    )
    matcher = AreaMatcher({})
    rows: dict[tuple[str, int, str], Row] = {}
    report: list[str] = []
    for rec in frame.itertuples(index=False):
        geo = matcher.iso3(rec.GeoAreaName)
        age = UNECE_AGES[rec.Age]
        if geo is None:
            continue
        if age is None:
            report.append(f"  dropped {rec.GeoAreaName} {rec.Year} {rec.Age}: no AGE code")
            continue
        if age == "Y_LT5" and (geo, rec.Year) in latest:
            report.append(f"  left out {geo} {rec.Year} under 5 = {rec.Value}: in birth_registration.csv")
            continue
        new = row("birth-registration", geo, int(rec.Year), source_number(rec.Value), "PERCENT", AGE=age)
        key = (geo, int(rec.Year), age)
        if key in rows:
            if rows[key]["Value"] != new["Value"]:
                raise ValueError(f"conflicting duplicate in the UNECE extract: {key}")
            report.append(f"  dropped an identical duplicate row: {rec.GeoAreaName} {rec.Year} {rec.Age}")
            continue
        rows[key] = new
    report += matcher.lines()
    years = f"{min(k[1] for k in rows)}-{max(k[1] for k in rows)}"
    countries = {k[0] for k in rows}
    return Extract(
        file="birth_registration_by_age.csv",
        indicators=["birth-registration"],
        dimensions=["AGE"],
        rows=list(rows.values()),
        meta={
            "source": {
                "code": "unsd-sdg-global-database",
                "title": "UN SDG Global Database, series SG_REG_BRTH (SDG 16.9.1) by age",
                "producer": "United Nations Statistics Division (data from UNICEF)",
                "url": "https://unstats.un.org/sdgs/dataportal",
                "licence": "MIT (the Open SDG data repository the copy comes from); values are UN SDG "
                "Global Database series - cite UNSD",
                "licence_url": "https://opensource.org/license/mit",
                "retrieved": "2024-03-18",
                "citation": "United Nations Statistics Division, SDG Global Database, series SG_REG_BRTH",
            },
            "description": "Birth registration (SDG 16.9.1) by age group (under 1, 12-23 ... 48-59 months, "
            "under 5) for about 60 countries, mostly in the UNECE region.",
            "coverage": {"years": years, "areas": f"{len(countries)} countries (ISO3), one year each"},
            "notes": "Countries named in the source, matched to ISO3. Under 1 year = M0T11. Many countries "
            "(civil registration based) report only the under-1 value. Chile 2011 'under 8' left out (no "
            "AGE code). One identical duplicate row (Uzbekistan 2022, 48-59 months) dropped. The under-5 "
            "value of a country-year that birth_registration.csv has is left out here (one value per key "
            "for the indicator); the two agree except in precision (IND 2021 89.081 vs 89.1, MEX 2020 "
            "97.016 vs 97, VNM 2021 98.079 vs 98.1). 'retrieved' = date of the upstream commit.",
            "upstream": {
                "repository": "https://github.com/central-asia-sdg-platform/data",
                "path": "data/indicator_16-9-1.csv",
                "commit": "cf1b5e4424fbbea7b52e2b0605f159e3d74d7a72",
            },
        },
        report=report,
    )


NIGERIA_COLUMNS: dict[str, tuple[str, dict[str, str] | None]] = {
    # source column -> (dimension, code map; None = keep the tidied text)
    "Sector": ("URBANISATION", {"Urban": "U", "Rural": "R"}),
    "Gender": ("SEX", {"Female": "F", "Male": "M"}),
    "Wealth Index Quintile": (
        "WEALTH_QUINTILE",
        {"Poorest": "Q1", "Second": "Q2", "Middle": "Q3", "Fourth": "Q4", "Richest": "Q5"},
    ),
    "Geopolitical zone": ("GEO_ZONE", None),
    "State": ("SUBNATIONAL", None),
    "Age group": (
        "AGE",
        {"0-11": "M0T11", "12-23": "M12T23", "24-35": "M24T35", "36-47": "M36T47", "48-59": "M48T59"},
    ),
}


def build_nigeria(shared: Path) -> Extract:
    frame = pd.read_csv(
        shared / "nigeria-sdg-16-9-1" / "indicator_16-9-1.csv", dtype=str, keep_default_na=False
    )
    rows: list[Row] = []
    for _, rec in frame.iterrows():
        dims: dict[str, str] = {}
        for column, (dimension, codes) in NIGERIA_COLUMNS.items():
            text = tidy(rec[column])
            dims[dimension] = "" if not text else (codes[text] if codes is not None else text)
        rows.append(
            row("birth-registration", "NGA", int(rec["Year"]), source_number(rec["Value"]), "PERCENT", **dims)
        )
    return Extract(
        file="nigeria_birth_registration.csv",
        indicators=["birth-registration"],
        dimensions=["URBANISATION", "SEX", "WEALTH_QUINTILE", "GEO_ZONE", "SUBNATIONAL", "AGE"],
        rows=rows,
        meta={
            "source": {
                "code": "nigeria-nbs-open-sdg",
                "title": "Nigeria Open SDG data, indicator 16.9.1: proportion of children under 5 years "
                "of age whose births have been registered with a civil authority",
                "producer": "National Bureau of Statistics (NBS), Nigeria",
                "url": "https://nigerianstat.gov.ng/",
                "licence": "not stated",
                "retrieved": "not stated",
                "citation": "National Bureau of Statistics, Nigeria: Open SDG data, indicator 16.9.1 "
                "(github.com/NBS-Nigeria/open-sdg-data)",
            },
            "description": "Birth registration of children under 5 in Nigeria by urban/rural sector, sex, "
            "wealth quintile, geopolitical zone, state and age group in months.",
            "coverage": {"years": "2017, 2021", "areas": "NGA (6 zones, 36 states and the FCT)"},
            "notes": "Every source row kept; one disaggregation per row, empty = total (all children "
            "under 5). GEO_ZONE and SUBNATIONAL hold the names as written (double spaces collapsed: "
            "'North  Central' -> 'North Central'); the source's subnational GeoCodes (NGAB01 ...) are "
            "not kept. The surveys are presumably MICS 2016-17 and MICS 2021 (not stated in the file). "
            "The upstream copy was re-typed from a stored copy (see SOURCE.txt): re-verify if exactness "
            "matters.",
            "upstream": {
                "repository": "https://github.com/NBS-Nigeria/open-sdg-data",
                "path": "data/indicator_16-9-1.csv",
                "commit": "50dcb623a083eaa64a7d37887a32c93152a62916",
            },
        },
    )
