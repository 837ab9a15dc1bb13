"""Child migrants (UNICEF) and the child population (UN World Population Prospects)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from extracts.common import (
    AreaMatcher,
    Extract,
    Row,
    read_rda,
    row,
    source_number,
)

# ----------------------------------------------------------------------------------------------------
# 4. UNICEF: international migrants under 18 by destination, 2020
# ----------------------------------------------------------------------------------------------------

MIGRANT_AREAS: dict[str, str | None] = {
    # OWID labels the Federated States of Micronesia "Micronesia (region)" here: the row sits between Mexico
    # and Monaco with 0, while the Micronesia region includes Guam (9,000) and the N. Mariana Islands (2,000).
    "Micronesia (region)": "FSM",
    # Guernsey and Jersey together: no ISO3 code.
    "Channel Islands": None,
    # UNICEF regions and groupings (hdx's fuzzy matcher maps some of them to countries).
    "East Asia and Pacific": None,
    "Europe and Central Asia": None,
    "Latin America and Caribbean": None,
    "Middle East and North Africa": None,
    "North America": None,
    "South Asia": None,
    "Sub-Saharan Africa": None,
    "Eastern Europe and Central Asia": None,
    "Eastern and Southern Africa": None,
    "West and Central Africa": None,
    "Western Europe": None,
    "World": None,
    "Least developed countries": None,
}


def build_child_migrants(shared: Path) -> Extract:
    frame = pd.read_csv(
        shared / "unicef-child-migrants-2020" / "unicef_under_eighteen_migrants_by_destination.csv",
        dtype=str,
        keep_default_na=False,
    )
    matcher = AreaMatcher(MIGRANT_AREAS)
    rows: list[Row] = []
    for rec in frame.itertuples(index=False):
        geo = matcher.iso3(rec.Country)
        if geo is None:
            continue
        value = source_number(rec[2])
        footnote = (
            "Fewer than 500: UNICEF publishes this figure in thousands, rounded"
            if int(value) == 0
            else "Rounded to the nearest thousand"
        )
        rows.append(
            row("child-migrants", geo, int(rec.Year), value, "NUMBER", AGE="Y_LT18", Footnote=footnote)
        )
    return Extract(
        file="unicef_child_migrants_2020.csv",
        indicators=["child-migrants"],
        dimensions=["AGE"],
        rows=rows,
        meta={
            "source": {
                "code": "unicef-child-migrants",
                "title": "UNICEF: international migrants under 18 by country of destination "
                "(MG_INTNL_MG_CNTRY_DEST, dataflow UNICEF,MG,1.0)",
                "producer": "UNICEF (based on UN DESA International Migrant Stock 2020)",
                "url": "https://data.unicef.org",
                "licence": "not stated",
                "retrieved": "not stated",
                "citation": "UNICEF, international migrants under 18 by country of destination, 2020, "
                "https://data.unicef.org (via Our World in Data importers)",
            },
            "description": "International migrants under 18 living in each country (country of "
            "destination), mid-2020.",
            "coverage": {"years": "2020", "areas": f"{len(rows)} countries and areas (ISO3)"},
            "notes": "Published in thousands and rounded: a 0 means fewer than 500 (footnoted). Countries "
            "named in the source, matched to ISO3; regional aggregates and 'Channel Islands' (no ISO3) "
            "dropped; OWID's 'Micronesia (region)' read as the Federated States of Micronesia (FSM).",
            "upstream": {
                "repository": "https://github.com/owid/importers",
                "path": "migration/ready/unicef_under_eighteen_migrants_by_destination.csv",
                "commit": "2c11b366140cc2055b34ab161377f41ba72bf1f3",
            },
        },
        report=matcher.lines(),
    )


# ----------------------------------------------------------------------------------------------------
# 5. UN World Population Prospects 2022: child population (denominators)
# ----------------------------------------------------------------------------------------------------

WPP_BANDS: dict[str, range] = {
    "Y0T4": range(0, 5),
    "Y5T11": range(5, 12),
    "Y12T17": range(12, 18),
    "Y_LT18": range(0, 18),
}
WPP_SEX = {"Female": "F", "Male": "M", "Total": ""}
WPP_YEARS = range(2001, 2031)
WPP_LAST_ESTIMATE_YEAR = 2021  # WPP 2022: estimates 1950-2021, projections from 2022


def build_child_population(shared: Path) -> Extract:
    frame = read_rda(shared / "iom-gdiviz" / "wpp.rda")
    frame = frame[frame["t"].isin(WPP_YEARS) & (frame["age"] < 18)]
    # Thousands with three decimals: each single-year value is a whole number of persons.
    persons = (frame["v"] * 1000).round().astype("int64")
    if ((frame["v"] * 1000 - persons).abs() > 1e-6).any():
        raise ValueError("WPP values are not whole persons")
    by_age = dict(
        zip(zip(frame["iso"], frame["t"], frame["sex"], frame["age"], strict=True), persons, strict=True)
    )
    rows: list[Row] = []
    for iso, year, sex in sorted({(i, int(t), s) for i, t, s, _ in by_age}):
        for band, ages in WPP_BANDS.items():
            value = sum(by_age[(iso, year, sex, age)] for age in ages)
            status = "E" if year > WPP_LAST_ESTIMATE_YEAR else ""  # no such year in this copy
            rows.append(
                row(
                    "child-population",
                    iso,
                    year,
                    str(value),
                    "NUMBER",
                    SEX=WPP_SEX[sex],
                    AGE=band,
                    ObsStatus=status,
                )
            )
    years = ", ".join(str(y) for y in sorted({int(r["Year"]) for r in rows}))
    return Extract(
        file="wpp_child_population.csv",
        indicators=["child-population"],
        dimensions=["SEX", "AGE"],
        rows=rows,
        meta={
            "source": {
                "code": "un-wpp-2022",
                "title": "World Population Prospects 2022: population by single age and sex",
                "producer": "United Nations, Department of Economic and Social Affairs, Population Division",
                "url": "https://population.un.org/wpp/",
                "licence": "MIT (the gdiviz package the copy comes from); underlying data: UN DESA World "
                "Population Prospects 2022 - cite UN DESA",
                "licence_url": "https://opensource.org/license/mit",
                "retrieved": "not stated",
                "citation": "United Nations, Department of Economic and Social Affairs, Population Division "
                "(2022). World Population Prospects 2022.",
            },
            "description": "Child population by country, sex and age band (0-4, 5-11, 12-17, under 18): "
            "denominators for rates.",
            "coverage": {"years": years, "areas": "countries and areas (ISO3)"},
            "notes": "Thousands converted to persons. Bands are sums of single years of age; SEX empty = "
            "the source's both-sexes figures. The upstream copy holds only 1950, 1960 ... 2020 and 2021, "
            "so 2001-2030 gives 2010, 2020 and 2021 - all WPP estimates (no projections in this copy; "
            "projection years would carry ObsStatus E).",
            "upstream": {
                "repository": "https://github.com/ksreyes/gdiviz",
                "path": "data/wpp.rda",
                "commit": "b01a30825af96bd8a5c3b42a06dd23d6e2b028e1",
            },
        },
    )
