"""UNHCR: refugee, asylum-seeking and other children in need of international protection."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from extracts.common import (
    BASE_COLUMN,
    BREAK,
    Extract,
    Row,
    count_text,
    percent_text,
    read_rda,
    row,
)

# ----------------------------------------------------------------------------------------------------
# 1. UNHCR: refugee, asylum-seeker and "other people in need of international protection" children
# ----------------------------------------------------------------------------------------------------

UNHCR_META: dict[str, Any] = {
    "source": {
        "code": "unhcr-refugee-data-finder",
        "title": "UNHCR Refugee Population Statistics Database: demographics (Refugee Data Finder)",
        "producer": "UNHCR, the UN Refugee Agency",
        "url": "https://www.unhcr.org/refugee-statistics/download",
        "licence": "CC BY 4.0",
        "licence_url": "https://creativecommons.org/licenses/by/4.0/",
        "retrieved": "2026-06-25",
        "citation": "UNHCR Refugee Data Finder, https://www.unhcr.org/refugee-statistics/ "
        "(via the UNHCR R package refugees, version 2025.12.1)",
    },
    "upstream": {
        "repository": "https://github.com/PopulationStatistics/refugees",
        "path": "data/demographics.rda",
        "commit": "0c16a6d0c2f37d8578f9b9e3d1e4459efe850398 (2025); "
        "8f9b50c7020c1afc5388c3684249be1665e37951 (2001-2024)",
        "derived": "children_by_asylum_country_year_poptype.csv: the demographics summed by year, "
        "country of asylum and population type",
    },
}
UNHCR_STATUSES = ("REF", "ASY", "OIP")
# Derived-file column -> (SEX, AGE). children_0_17 is the sum over both sexes.
UNHCR_CELLS: tuple[tuple[str, str, str], ...] = (
    ("f_0_4", "F", "Y0T4"),
    ("f_5_11", "F", "Y5T11"),
    ("f_12_17", "F", "Y12T17"),
    ("f_0_17", "F", "Y_LT18"),
    ("m_0_4", "M", "Y0T4"),
    ("m_5_11", "M", "Y5T11"),
    ("m_12_17", "M", "Y12T17"),
    ("m_0_17", "M", "Y_LT18"),
    ("children_0_17", "", "Y_LT18"),
)


# Breaks in series that UNHCR's own demographics table shows, reviewed one by one: (country of asylum,
# population type, year) -> the country of origin whose people gain or lose their age and sex breakdown that
# year, with the words the footnote uses. Children are counted among the people of known age and sex only,
# so such a change moves the count without any change in the number of children. Only what the table
# documents is flagged.
UNHCR_BREAKS: dict[tuple[str, str, int], tuple[str, str, str]] = {
    # Türkiye: the Syrian refugees (under temporary protection) have a partial breakdown in 2014 and none
    # in 2015-2017; the 2015 count of 13,633 children covers the other refugees only.
    ("TUR", "REF", 2015): ("SYR", "refugees in Türkiye", "Syrian refugees"),
    # ... and from 2018 all of them have one: the count rises to 1.67 million.
    ("TUR", "REF", 2018): ("SYR", "refugees in Türkiye", "Syrian refugees"),
}
DEMOGRAPHICS_FILE = "demographics_2001-2024_from_8f9b50c.rda"


def known_age_by_origin(shared: Path, asylum: str, status: str, origin: str) -> dict[int, tuple[int, int]]:
    """Year -> (people of known age and sex, all people) from UNHCR's demographics table, for one origin."""
    frame = read_rda(shared / "unhcr-refugees" / DEMOGRAPHICS_FILE)
    rows = frame[(frame["coa_iso"] == asylum) & (frame["pop_type"] == status) & (frame["coo_iso"] == origin)]
    known = rows[["f_total", "m_total"]].sum(axis=1) - rows[["f_other", "m_other"]].fillna(0).sum(axis=1)
    sums = rows.assign(known=known).groupby("year")[["known", "total"]].sum()
    return {int(year): (int(k), int(t)) for year, (k, t) in sums.iterrows()}


def break_notes(shared: Path) -> dict[tuple[str, str, int], str]:
    """The footnote of each reviewed break, its figures read from the producer's table; the build stops if
    the table no longer shows the change the break is about."""
    notes = {}
    for (asylum, status, year), (origin, population, origin_people) in UNHCR_BREAKS.items():
        by_year = known_age_by_origin(shared, asylum, status, origin)
        (before, _), (after, people) = by_year.get(year - 1, (0, 0)), by_year.get(year, (0, 0))
        if (before == 0) == (after == 0):
            raise ValueError(f"UNHCR break {asylum} {status} {year}: {origin} {before} -> {after} known")
        change = (
            f"leaves out the {people:,} {origin_people}, {before:,} of whom it covered the year before"
            if after == 0
            else f"covers {after:,} of the {people:,} {origin_people} again, none of them the year before"
        )
        notes[(asylum, status, year)] = (
            f"Break in series: in {year} UNHCR's age and sex breakdown for {population} {change}. "
            "Children are counted among people of known age and sex only, so the change is one of coverage, "
            "not of the number of children. Source: UNHCR Refugee Data Finder, demographics by country of "
            "origin and asylum (R package refugees, table demographics)."
        )
    return notes


def build_unhcr(shared: Path) -> list[Extract]:
    path = shared / "unhcr-refugees" / "derived" / "children_by_asylum_country_year_poptype.csv"
    frame = pd.read_csv(path, keep_default_na=False, dtype={"share_children_of_known_age": str})
    frame = frame[frame["pop_type"].isin(UNHCR_STATUSES)]
    years = f"{frame['year'].min()}-{frame['year'].max()}"
    breaks = break_notes(shared)

    counts: list[Row] = []
    shares: list[Row] = []
    coverage: list[Row] = []
    zero_cells = no_age_keys = share_mismatch = 0
    for rec in frame.itertuples(index=False):
        geo, year, status = str(rec.coa_iso), int(rec.year), str(rec.pop_type)
        total, known = float(rec.total), float(rec.persons_with_age_sex)
        if total > 0:
            coverage.append(
                row(
                    "refugee-age-data-coverage",
                    geo,
                    year,
                    percent_text(known, total),
                    "PERCENT",
                    MIGRATORY_STATUS=status,
                    Base=count_text(total),
                )
            )
        if known == 0:
            # No age/sex breakdown reported for this key: its age cells are 0 placeholders, not counts.
            no_age_keys += 1
            continue
        note = breaks.get((geo, status, year))
        flagged = {"ObsStatus": BREAK, "Footnote": note} if note else {}
        shares.append(
            row(
                "refugee-children-share",
                geo,
                year,
                percent_text(rec.children_0_17, known),
                "PERCENT",
                MIGRATORY_STATUS=status,
                AGE="Y_LT18",
                Base=count_text(known),
                **flagged,
            )
        )
        published = rec.share_children_of_known_age
        if abs(float(published) - float(rec.children_0_17) / known) > 0.00005:
            share_mismatch += 1
        for column, sex, age in UNHCR_CELLS:
            value = float(getattr(rec, column))
            if value == 0:
                # UNHCR publishes no count from 1 to 4: such cells arrive as 0 in the package, so a 0
                # cannot be told from a withheld small count. Omitted, like any blanked cell.
                zero_cells += 1
                continue
            counts.append(
                row(
                    "refugee-children",
                    geo,
                    year,
                    count_text(value),
                    "NUMBER",
                    MIGRATORY_STATUS=status,
                    SEX=sex,
                    AGE=age,
                    **flagged,
                )
            )

    notes_common = (
        "UNHCR publishes no count from 1 to 4 (small cells are blanked; in the R package they read 0), so "
        "age cells can sum to less than the total. Population types: REF refugees, ASY asylum-seekers, OIP "
        "other people in need of international protection. Years "
        f"{years}: 2001-2024 from the package at commit 8f9b50c, 2025 from HEAD (Global Trends 2025: "
        "end-of-year figures, no partial year). ObsStatus B marks a break in series that UNHCR's "
        "demographics table shows (a country of origin gaining or losing its age and sex breakdown), "
        "reviewed one by one and explained in the Footnote: Türkiye's refugees in 2015 and 2018."
    )
    report = [
        f"  omitted {zero_cells} cells equal to 0 (cannot be told from a withheld count of 1-4)",
        f"  {no_age_keys} country-year-type keys have no age/sex data: no count or share rows "
        "(their coverage row says 0%)",
        f"  published share differs from children_0_17 / persons_with_age_sex on {share_mismatch} keys",
        *(f"  break in series (ObsStatus B): {' '.join(map(str, key))}" for key in sorted(breaks)),
    ]
    return [
        Extract(
            file="unhcr_refugee_children.csv",
            indicators=["refugee-children"],
            dimensions=["MIGRATORY_STATUS", "SEX", "AGE"],
            rows=counts,
            meta={
                **UNHCR_META,
                "description": "Refugee, asylum-seeking and other children in need of international "
                "protection by country of asylum, sex and age (0-4, 5-11, 12-17, under 18).",
                "coverage": {"years": years, "areas": "countries of asylum (ISO3)"},
                "notes": notes_common + " Cells equal to 0 are omitted (a 0 may hide a withheld 1-4); keys "
                "with no age/sex breakdown have no rows. SEX empty = both sexes (children_0_17).",
            },
            report=report,
        ),
        Extract(
            file="unhcr_refugee_children_share.csv",
            indicators=["refugee-children-share"],
            dimensions=["MIGRATORY_STATUS", "AGE"],
            attributes=[BASE_COLUMN],
            rows=shares,
            meta={
                **UNHCR_META,
                "description": "Children (0-17) as a percentage of the people whose age and sex are known, "
                "by country of asylum and population type.",
                "coverage": {"years": years, "areas": "countries of asylum (ISO3)"},
                "notes": notes_common + " Computed as children_0_17 / persons_with_age_sex * 100 (persons of "
                "unknown age excluded), rounded half up to 1 decimal; only where age data exist. Base: "
                "persons_with_age_sex.",
            },
        ),
        Extract(
            file="unhcr_refugee_age_data_coverage.csv",
            indicators=["refugee-age-data-coverage"],
            dimensions=["MIGRATORY_STATUS"],
            attributes=[BASE_COLUMN],
            rows=coverage,
            meta={
                **UNHCR_META,
                "description": "Share of the population whose age and sex are reported (demographic data "
                "coverage), by country of asylum and population type.",
                "coverage": {"years": years, "areas": "countries of asylum (ISO3)"},
                "notes": notes_common + " Computed as persons_with_age_sex / total * 100, rounded half up "
                "to 1 decimal, where total > 0. Blanked small cells make it a slight underestimate. "
                "Base: total.",
            },
        ),
    ]
