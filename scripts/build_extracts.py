"""Build the bundled real-data extracts in data/ from the shared data folder.

compactwatch ships compact extracts of real published figures so that a fresh clone can load and demo real
data without the (large, unversioned) shared folder. This script is the only thing that reads that folder; the
platform itself never does. Every output is a tidy CSV compatible with Open SDG's:

    Indicator,GeoCode,Year,<dimension columns>,Value,Units,ObsStatus,Footnote

dimension cells hold codelist codes and an empty cell means the total. data/sources.yaml records where each
file comes from (producer, licence, upstream commit) and how many rows it has.

Usage (from the repository root):

    .venv/bin/python scripts/build_extracts.py --shared ../shared

The script is deterministic: run twice, it writes byte-identical files.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from itertools import product
from pathlib import Path
from typing import Any

import pandas as pd
import pyreadr
import yaml
from hdx.location.country import Country

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SHARED = REPO_ROOT.parent / "shared" / "data"
OUT_DIR = REPO_ROOT / "data"

ROLE_BEFORE = ("Indicator", "GeoCode", "Year")
ROLE_AFTER = ("Value", "Units", "ObsStatus", "Footnote")

# Codes of the framework's closed codelists, in display order; sorting follows it (the total, '', first).
CODE_ORDER: dict[str, tuple[str, ...]] = {
    "SEX": ("F", "M", "_U"),
    "AGE": (
        "Y0T4",
        "Y5T11",
        "Y12T17",
        "Y_LT18",
        "Y_GE18",
        "Y12T16",
        "Y17",
        "Y_LT5",
        "M0T11",
        "M12T23",
        "M24T35",
        "M36T47",
        "M48T59",
        "Y15T17",
        "_U",
    ),
    "MIGRATORY_STATUS": ("REF", "ASY", "OIP", "IDP", "STA", "RET", "RDP", "HST", "OOC", "MIG", "NONMIG"),
    "UASC": ("UASC", "UNACC", "SEP", "ACC", "NON_UASC"),
    "DECISION": (
        "GRANT_PROT",
        "REF_PERM",
        "TEMP_REF_PERM",
        "HUM_PROT",
        "GRANT_OTH",
        "DL",
        "UASC_LEAVE",
        "CALAIS_LEAVE",
        "ELR",
        "OTH_GRANT",
        "REFUSED",
        "REF_3C",
        "REF_CERT",
        "REF_NONCOMP",
        "REF_OTH",
        "WITHDRAWN",
        "WDR_EXPL",
        "WDR_IMPL",
        "WDR_OTH",
        "ADMIN",
        "ADM_VOID",
        "ADM_SUSP",
        "ADM_DECEASED",
        "ADM_OTH",
    ),
    "URBANISATION": ("U", "R"),
    "WEALTH_QUINTILE": ("Q1", "Q2", "Q3", "Q4", "Q5"),
    "EDUCATION_LEV": ("ISCED11_1", "ISCED11_2", "ISCED11_3"),
}
# Open codelists (NATIONALITY, GEO_ZONE, SUBNATIONAL) take any text and sort alphabetically after the total.

Row = dict[str, str]


# ----------------------------------------------------------------------------------------------------
# Shared helpers
# ----------------------------------------------------------------------------------------------------


@dataclass
class Extract:
    """One output file: its rows, its dimension columns, what happened on the way, and its provenance."""

    file: str
    indicators: list[str]
    dimensions: list[str]
    rows: list[Row]
    meta: dict[str, Any]
    report: list[str] = field(default_factory=list)


class AreaMatcher:
    """Country names to ISO3 with hdx-python-country, offline, with an explicit reviewed mapping first.

    Names are trimmed and their inner spaces collapsed before matching. The mapping is checked first (its
    value None means "drop": regional aggregates and groupings with no ISO3 code), then hdx's exact match,
    then hdx's fuzzy match. Fuzzy matches are reported so that a reviewer can confirm them: the fuzzy matcher
    is wrong on some names (it maps "North America" to MNP), which is why the mapping exists.
    """

    def __init__(self, mapping: dict[str, str | None]) -> None:
        self.mapping = mapping
        self.fuzzy: dict[str, str] = {}
        self.unmatched: set[str] = set()
        self.dropped: dict[str, str] = {}

    def iso3(self, raw: str) -> str | None:
        name = tidy(raw)
        if name in self.mapping:
            code = self.mapping[name]
            if code is None:
                self.dropped[name] = "aggregate or grouping without an ISO3 code"
            return code
        code = Country.get_iso3_country_code(name, use_live=False)
        if code:
            return str(code)
        fuzzy, _ = Country.get_iso3_country_code_fuzzy(name, use_live=False)
        if fuzzy:
            self.fuzzy[name] = str(fuzzy)
            return str(fuzzy)
        self.unmatched.add(name)
        return None

    def lines(self, unmatched: str = "rows dropped") -> list[str]:
        lines = [
            f"  fuzzy match (check it; reviewed at build time): {name!r} -> {code}"
            for name, code in sorted(self.fuzzy.items())
        ]
        lines += [f"  dropped: {name!r} ({why})" for name, why in sorted(self.dropped.items())]
        lines += [f"  UNMATCHED: {name!r} ({unmatched})" for name in sorted(self.unmatched)]
        return lines


def tidy(text: str) -> str:
    """Trim and collapse repeated spaces (' Tanzania', 'North  Central')."""
    return " ".join(str(text).split())


def known_areas() -> dict[str, dict[str, Any]]:
    """The platform's area list: the OCHA taxonomy bundled with hdx-python-country."""
    countries: dict[str, dict[str, Any]] = Country.countriesdata(use_live=False)["countries"]
    return countries


def count_text(value: float) -> str:
    """A count as an integer, refusing anything that is not a whole number."""
    if value != int(value):
        raise ValueError(f"expected a whole number, got {value!r}")
    return str(int(value))


def number_text(value: float) -> str:
    """A published number in its shortest form (47.8, 100)."""
    return str(int(value)) if value == int(value) else repr(float(value))


def percent_text(numerator: float, denominator: float, decimals: int = 1) -> str:
    """numerator / denominator * 100, rounded half up on exact decimals (no float artefacts)."""
    exact = Decimal(int(numerator)) * 100 / Decimal(int(denominator))
    return str(exact.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP))


def source_number(text: str) -> str:
    """A number as written in a source CSV, checked to be one."""
    text = text.strip()
    float(text)
    return text


def row(indicator: str, geo: str, year: int, value: str, units: str, **extra: str) -> Row:
    """A tidy row; dimension columns and ObsStatus/Footnote come as keyword arguments."""
    result: Row = {"Indicator": indicator, "GeoCode": geo, "Year": str(year), "Value": value, "Units": units}
    result.update(extra)
    return result


def read_rda(path: Path) -> pd.DataFrame:
    frames = pyreadr.read_r(str(path))
    if len(frames) != 1:
        raise ValueError(f"{path} holds {len(frames)} tables, expected one")
    return next(iter(frames.values()))


def sort_key(dimensions: list[str]) -> Callable[[Row], tuple[Any, ...]]:
    def position(dimension: str, code: str) -> tuple[int, int, str]:
        if code == "":
            return (0, 0, "")
        order = CODE_ORDER.get(dimension, ())
        if code in order:
            return (1, order.index(code), "")
        return (2, 0, code)

    def key(r: Row) -> tuple[Any, ...]:
        dims = tuple(position(d, r.get(d, "")) for d in dimensions)
        return (r["Indicator"], r["GeoCode"], int(r["Year"]), *dims)

    return key


def check_rows(extract: Extract, areas: dict[str, dict[str, Any]]) -> list[Row]:
    """Drop rows whose area the platform would not know; refuse codes outside the codelists and
    duplicate keys (the same indicator, area, year and dimensions twice)."""
    kept: list[Row] = []
    unknown: dict[str, int] = defaultdict(int)
    seen: dict[tuple[str, ...], str] = {}
    for r in extract.rows:
        if r["GeoCode"] not in areas:
            unknown[r["GeoCode"]] += 1
            continue
        for dimension in extract.dimensions:
            code = r.get(dimension, "")
            if dimension in CODE_ORDER and code and code not in CODE_ORDER[dimension]:
                raise ValueError(f"{extract.file}: {code!r} is not a {dimension} code")
        key = (r["Indicator"], r["GeoCode"], r["Year"], *(r.get(d, "") for d in extract.dimensions))
        if key in seen:
            raise ValueError(f"{extract.file}: duplicate key {key} ({seen[key]} and {r['Value']})")
        seen[key] = r["Value"]
        kept.append(r)
    for code, n in sorted(unknown.items()):
        extract.report.append(f"  dropped {n} rows: GeoCode {code} is not in the platform's area list")
    return kept


def write_csv(extract: Extract, out_dir: Path) -> None:
    header = [*ROLE_BEFORE, *extract.dimensions, *ROLE_AFTER]
    rows = sorted(extract.rows, key=sort_key(extract.dimensions))
    with (out_dir / extract.file).open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        for r in rows:
            writer.writerow([r.get(column, "") for column in header])


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


def build_unhcr(shared: Path) -> list[Extract]:
    path = shared / "unhcr-refugees" / "derived" / "children_by_asylum_country_year_poptype.csv"
    frame = pd.read_csv(path, keep_default_na=False, dtype={"share_children_of_known_age": str})
    frame = frame[frame["pop_type"].isin(UNHCR_STATUSES)]
    years = f"{frame['year'].min()}-{frame['year'].max()}"

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
                )
            )
        if known == 0:
            # No age/sex breakdown reported for this key: its age cells are 0 placeholders, not counts.
            no_age_keys += 1
            continue
        shares.append(
            row(
                "refugee-children-share",
                geo,
                year,
                percent_text(rec.children_0_17, known),
                "PERCENT",
                MIGRATORY_STATUS=status,
                AGE="Y_LT18",
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
                )
            )

    notes_common = (
        "UNHCR publishes no count from 1 to 4 (small cells are blanked; in the R package they read 0), so "
        "age cells can sum to less than the total. Population types: REF refugees, ASY asylum-seekers, OIP "
        "other people in need of international protection. Years "
        f"{years}: 2001-2024 from the package at commit 8f9b50c, 2025 from HEAD."
    )
    report = [
        f"  omitted {zero_cells} cells equal to 0 (cannot be told from a withheld count of 1-4)",
        f"  {no_age_keys} country-year-type keys have no age/sex data: no count or share rows "
        "(their coverage row says 0%)",
        f"  published share differs from children_0_17 / persons_with_age_sex on {share_mismatch} keys",
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
            rows=shares,
            meta={
                **UNHCR_META,
                "description": "Children (0-17) as a percentage of the people whose age and sex are known, "
                "by country of asylum and population type.",
                "coverage": {"years": years, "areas": "countries of asylum (ISO3)"},
                "notes": notes_common + " Computed as children_0_17 / persons_with_age_sex * 100 (persons of "
                "unknown age excluded), rounded half up to 1 decimal; only where age data exist.",
            },
        ),
        Extract(
            file="unhcr_refugee_age_data_coverage.csv",
            indicators=["refugee-age-data-coverage"],
            dimensions=["MIGRATORY_STATUS"],
            rows=coverage,
            meta={
                **UNHCR_META,
                "description": "Share of the population whose age and sex are reported (demographic data "
                "coverage), by country of asylum and population type.",
                "coverage": {"years": years, "areas": "countries of asylum (ISO3)"},
                "notes": notes_common + " Computed as persons_with_age_sex / total * 100, rounded half up "
                "to 1 decimal, where total > 0. Blanked small cells make it a slight underestimate.",
            },
        ),
    ]


# ----------------------------------------------------------------------------------------------------
# 2. UK Home Office: unaccompanied asylum-seeking children, children entering detention
# ----------------------------------------------------------------------------------------------------

UK_UPSTREAM = {
    "repository": "https://github.com/humaniverse/asylum",
    "commit": "e7044ecf2a924a5fccc6bd1011ef71cf4e90c383",
}
UK_SOURCE = {
    "producer": "UK Home Office",
    "licence": "Open Government Licence v3.0 (Crown copyright; the licence Home Office statistics are "
    "normally published under - not stated in the upstream repository, whose code is MIT)",
    "licence_url": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
    "retrieved": "2025-11-27",
}
UK_SEX = {"Female": "F", "Male": "M", "Unknown Sex": "_U", "Total (pre-2009)": ""}
UK_AGE = {
    "under 18": "Y_LT18",
    "18-29": "Y_GE18",
    "30-49": "Y_GE18",
    "50-69": "Y_GE18",
    "70+": "Y_GE18",
    "unknown age": "_U",
    "total (pre-2009)": "",
}
# Home Office nationality labels that hdx cannot match, or matches wrongly, reviewed one by one.
UK_NATIONALITY: dict[str, str | None] = {
    "Stateless": "STATELESS",
    "Other and unknown": "_U",
    # A Home Office label that names no nationality.
    "Refugee": "_U",
    # A class of British nationality (passport code GBO), not a country; hdx's fuzzy match says VGB.
    "British overseas citizens": "_U",
    # hdx's fuzzy match says AUS; the label names the territory.
    "Christmas Island (Australian)": "CXR",
    # Not in ISO 3166-1; XK/XKX is the user-assigned code used by the EU, UNHCR and the World Bank.
    "Kosovo": "XKX",
    # The former state; SCG was its ISO 3166-1 code until 2006. hdx's fuzzy match says SRB.
    "Serbia and Montenegro": "SCG",
}
QUARTER_END_MONTH = {1: "March", 2: "June", 3: "September", 4: "December"}


def build_uk_uasc(shared: Path) -> Extract:
    apps = read_rda(shared / "uk-home-office-asylum" / "applications.rda")
    apps["Year"] = apps["Year"].astype(int)
    quarters = apps.groupby("Year")["Quarter"].nunique()
    uasc = apps[apps["UASC"] == "UASC"]
    # UASC rows are all main applicants: a child who applies alone is a main applicant by definition.
    types = sorted(uasc["Applicant type"].unique())
    if types != ["Main applicant"]:
        raise ValueError(f"UASC rows with applicant types {types}")
    # Rows with UASC 'Total (pre-2006)' (2001-2005) do not say who was a UASC: skipped. From 2006 to 2008
    # the UASC rows carry Age and Sex 'Total (pre-2009)': no split by age or sex, but the count of all UASC
    # by nationality, so they are kept as total rows (AGE and SEX empty). From 2009 age and sex are split.
    matcher = AreaMatcher(UK_NATIONALITY)
    cells: dict[tuple[int, str, str, str], int] = defaultdict(int)
    split_years: dict[int, set[bool]] = defaultdict(set)
    for rec in uasc.itertuples(index=False):
        sex = UK_SEX[rec.Sex]
        age = UK_AGE[tidy(rec.Age).casefold()]
        split_years[rec.Year].add(sex == "" and age == "")
        nationality = matcher.iso3(rec.Nationality) or "_U"
        cells[(rec.Year, nationality, sex, age)] += int(count_text(rec.Applications))
    mixed = [year for year, kinds in split_years.items() if len(kinds) > 1]
    if mixed:
        raise ValueError(f"years mixing split and unsplit UASC rows would double count: {mixed}")

    # Every marginal total by summing: each cell counts towards its own key and to every key with some of
    # its dimensions blanked (a pre-2009 cell already has SEX and AGE blank, hence the set).
    totals: dict[tuple[int, str, str, str], int] = defaultdict(int)
    for (year, nationality, sex, age), value in cells.items():
        keys = {
            (year, nationality if keep_n else "", sex if keep_s else "", age if keep_a else "")
            for keep_n, keep_s, keep_a in product((True, False), repeat=3)
        }
        for key in keys:
            totals[key] += value

    latest = int(uasc["Year"].max())
    footnotes: dict[int, str] = {}
    if quarters[latest] < 4:
        months = QUARTER_END_MONTH[int(quarters[latest])]
        footnotes[latest] = f"{latest} covers January-{months} (Q1-Q{quarters[latest]})"
    rows = [
        row(
            "uasc-asylum-applications",
            "GBR",
            year,
            str(value),
            "NUMBER",
            NATIONALITY=nationality,
            SEX=sex,
            AGE=age,
            Footnote=footnotes.get(year, ""),
        )
        for (year, nationality, sex, age), value in totals.items()
    ]

    areas = known_areas()
    outside = sorted({n for (_, n, _, _) in cells if n not in areas and n not in ("STATELESS", "_U")})
    report = matcher.lines(unmatched="counted as NATIONALITY _U")
    report += [f"  kept NATIONALITY {code}: not in the area list (see the mapping)" for code in outside]
    report.append(f"  partial latest year: {footnotes.get(latest, 'none')}")
    first, last = int(uasc["Year"].min()), latest
    return Extract(
        file="uk_uasc_asylum_applications.csv",
        indicators=["uasc-asylum-applications"],
        dimensions=["NATIONALITY", "SEX", "AGE"],
        rows=rows,
        meta={
            "source": {
                "code": "uk-home-office-asylum-applications",
                "title": "Immigration system statistics: asylum applications, "
                "unaccompanied asylum-seeking children",
                **UK_SOURCE,
                "url": "https://www.gov.uk/government/statistical-data-sets/asylum-and-resettlement-datasets",
                "citation": "Home Office, Immigration system statistics, asylum and resettlement datasets "
                "(via the R package asylum, British Red Cross)",
            },
            "description": "Asylum applications from unaccompanied asylum-seeking children (UASC, main "
            "applicants) to the UK by year, nationality, sex and age, with every total.",
            "coverage": {"years": f"{first}-{last}", "areas": "GBR (nationality of applicants: ISO3)"},
            "notes": "Quarterly figures summed by year; totals computed by summing (empty cell = total). "
            "2001-2005 are not included: the table does not separate UASC then ('Total (pre-2006)'). "
            "2006-2008 have no age or sex split ('Total (pre-2009)'): only total rows by nationality. "
            "Up to 2021 some UASC are recorded in adult age bands (18-29, 30-49): kept as AGE Y_GE18 so "
            "that totals match the published UASC totals. Labels are matched case-insensitively "
            "('Under 18' / 'under 18'). NATIONALITY: STATELESS; _U for 'Other and unknown', 'Refugee' "
            "(names no nationality) and 'British overseas citizens'; XKX Kosovo and SCG Serbia and "
            "Montenegro are not in the area list. " + " ".join(footnotes.values()),
            "upstream": {**UK_UPSTREAM, "path": "data/applications.rda"},
        },
        report=report,
    )


# The Home Office's case outcome groups and the outcomes within them (source label -> DECISION code).
UK_DECISION_GROUPS = {
    "Grant of Protection": "GRANT_PROT",
    "Grant of Other Leave": "GRANT_OTH",
    "Refused": "REFUSED",
    "Withdrawn": "WITHDRAWN",
    "Administrative Outcome": "ADMIN",
}
UK_DECISION_OUTCOMES: dict[str, str | None] = {
    "Refugee Permission": "REF_PERM",
    "Temporary Refugee Permission": "TEMP_REF_PERM",
    "Humanitarian Protection": "HUM_PROT",
    "Discretionary Leave": "DL",
    "UASC Leave": "UASC_LEAVE",
    "Calais Leave": "CALAIS_LEAVE",
    "Exceptional Leave to Remain": "ELR",
    "Other Grants": "OTH_GRANT",
    "3rd Country Refusal": "REF_3C",
    "Certified Refusal": "REF_CERT",
    "Non-Compliance Refusal": "REF_NONCOMP",
    "Other Refusals": "REF_OTH",
    "Explicit Withdrawal": "WDR_EXPL",
    "Implicit Withdrawal": "WDR_IMPL",
    "Other Withdrawal": "WDR_OTH",
    "Admin - Void": "ADM_VOID",
    "Admin - Suspended": "ADM_SUSP",
    "Admin - Deceased": "ADM_DECEASED",
    "Admin - Other": "ADM_OTH",
    # Withdrawals before 2010 are not split by kind: counted in their group (WITHDRAWN) only.
    "Total (pre-2010)": None,
}


# Both extracts from the UASC outcome tables (the outcomes and the grant rate derived from them) cite this.
UK_DECISIONS_SOURCE = {
    "code": "uk-home-office-asylum-decisions",
    "title": "Immigration system statistics: outcomes of asylum applications (initial "
    "decisions), unaccompanied asylum-seeking children",
    **UK_SOURCE,
    "url": "https://www.gov.uk/government/statistical-data-sets/asylum-and-resettlement-datasets",
    "citation": "Home Office, Immigration system statistics, asylum and resettlement datasets "
    "(via the R package asylum, British Red Cross)",
}


DecisionCell = tuple[int, str, str, str]  # year, DECISION, SEX, AGE


def uk_uasc_decision_totals(shared: Path) -> tuple[dict[DecisionCell, int], dict[int, str], int, int]:
    """UASC case outcomes by year, outcome (groups and outcomes), sex and age, with every total; checked
    against the source's own yearly sums. Also the partial-year footnotes and the first and last years."""
    frame = read_rda(shared / "uk-home-office-asylum" / "decisions_resettlement.rda")
    frame["Year"] = frame["Year"].astype(int)
    uasc = frame[frame["UASC"] == "UASC"]
    kinds = sorted(uasc["Case type"].unique()), sorted(uasc["Applicant type"].unique())
    if kinds != (["Asylum Case"], ["Main applicant"]):
        raise ValueError(f"UASC decision rows with case and applicant types {kinds}")
    quarters = uasc.groupby("Year")["Quarter"].nunique()
    cells: dict[tuple[int, str, str, str], int] = defaultdict(int)
    split_years: dict[int, set[bool]] = defaultdict(set)
    columns = ["Year", "Case outcome group", "Case outcome", "Sex", "Age", "Decisions"]
    for year, group_label, outcome_label, sex_label, age_label, decisions in uasc[columns].itertuples(
        index=False, name=None
    ):
        sex = UK_SEX[sex_label]
        # The source writes the age band 'Under 18' and, in some rows, 'under 18': matched case-insensitively.
        age = UK_AGE[tidy(age_label).casefold()]
        split_years[year].add(sex == "" and age == "")
        value = int(count_text(decisions))
        cells[(year, UK_DECISION_GROUPS[group_label], sex, age)] += value
        outcome = UK_DECISION_OUTCOMES[outcome_label]
        if outcome is not None:
            cells[(year, outcome, sex, age)] += value
    mixed = [year for year, kinds_seen in split_years.items() if len(kinds_seen) > 1]
    if mixed:
        raise ValueError(f"years mixing split and unsplit UASC rows would double count: {mixed}")

    # Marginal totals by summing; the all-outcomes total sums the groups only (outcomes sit inside them).
    groups = set(UK_DECISION_GROUPS.values())
    totals: dict[tuple[int, str, str, str], int] = defaultdict(int)
    for (year, decision, sex, age), value in cells.items():
        keys = {
            (year, decision if keep_d else "", sex if keep_s else "", age if keep_a else "")
            for keep_d, keep_s, keep_a in product((True, False), repeat=3)
            if keep_d or decision in groups
        }
        for key in keys:
            totals[key] += value
    published = uasc.groupby("Year")["Decisions"].sum()
    for year, value in published.items():
        if totals[(int(year), "", "", "")] != int(value):
            raise ValueError(f"{year}: total {totals[(int(year), '', '', '')]} != source sum {value}")

    latest = int(uasc["Year"].max())
    footnotes: dict[int, str] = {}
    if quarters[latest] < 4:
        months = QUARTER_END_MONTH[int(quarters[latest])]
        footnotes[latest] = f"{latest} covers January-{months} (Q1-Q{quarters[latest]})"
    first = int(uasc["Year"].min())
    return totals, footnotes, first, latest


def build_uk_uasc_decisions(shared: Path) -> Extract:
    totals, footnotes, first, latest = uk_uasc_decision_totals(shared)
    rows = [
        row(
            "uasc-asylum-decisions",
            "GBR",
            year,
            str(value),
            "NUMBER",
            DECISION=decision,
            SEX=sex,
            AGE=age,
            Footnote=footnotes.get(year, ""),
        )
        for (year, decision, sex, age), value in totals.items()
    ]
    report = [f"  partial latest year: {footnotes.get(latest, 'none')}"]
    return Extract(
        file="uk_uasc_asylum_decisions.csv",
        indicators=["uasc-asylum-decisions"],
        dimensions=["DECISION", "SEX", "AGE"],
        rows=rows,
        meta={
            "source": UK_DECISIONS_SOURCE,
            "description": "Initial decisions and other outcomes on asylum applications from unaccompanied "
            "asylum-seeking children (UASC, main applicants) in the UK by year, outcome, sex and age, with "
            "every total.",
            "coverage": {"years": f"{first}-{latest}", "areas": "GBR"},
            "notes": "Quarterly figures summed by year; totals computed by summing (empty cell = total, "
            "all outcomes). DECISION holds both the source's case outcome groups (GRANT_PROT, GRANT_OTH, "
            "REFUSED, WITHDRAWN, ADMIN) and the outcomes within them: add up groups, not both levels. "
            "Withdrawals before 2010 are not split by kind ('Total (pre-2010)'): group row only. "
            "Administrative outcomes are recorded for UASC from 2023 only. The Home Office's count of "
            "initial decisions is grants plus refusals; withdrawals and administrative outcomes are other "
            "case outcomes. 2001-2005 are not included (UASC 'Total (pre-2006)'); 2006-2008 have no age "
            "or sex split ('Total (pre-2009)'). AGE as the source records it: many UASC decisions fall in "
            "adult bands (18-29, a few 30-49), kept as Y_GE18 so that totals match the source. Age labels "
            "are matched case-insensitively ('Under 18' / 'under 18'). Counts 1-4 are kept as published "
            "(the platform withholds them on output). " + " ".join(footnotes.values()),
            "upstream": {**UK_UPSTREAM, "path": "data/decisions_resettlement.rda"},
        },
        report=report,
    )


# Rates on fewer decisions than this are not written (DESIGN.md section 5: no rate on a base under 25).
MIN_RATE_BASE = 25


def build_uk_uasc_grant_rate(shared: Path) -> Extract:
    """Grants (protection and other leave) as a share of grants and refusals, by year, sex and age."""
    totals, footnotes, first, latest = uk_uasc_decision_totals(shared)
    rows = []
    withheld = 0
    for year, sex, age in sorted({(year, sex, age) for year, _, sex, age in totals}):
        granted = totals.get((year, "GRANT_PROT", sex, age), 0) + totals.get((year, "GRANT_OTH", sex, age), 0)
        decided = granted + totals.get((year, "REFUSED", sex, age), 0)
        if decided < MIN_RATE_BASE:
            withheld += 1
            continue
        rate = f"{100 * granted / decided:.1f}"
        rows.append(
            row(
                "uasc-grant-rate",
                "GBR",
                year,
                rate,
                "PERCENT",
                SEX=sex,
                AGE=age,
                Footnote=footnotes.get(year, ""),
            )
        )
    return Extract(
        file="uk_uasc_grant_rate.csv",
        indicators=["uasc-grant-rate"],
        dimensions=["SEX", "AGE"],
        rows=rows,
        meta={
            "source": UK_DECISIONS_SOURCE,
            "description": "Share of initial decisions on asylum applications from unaccompanied "
            "asylum-seeking children in the UK that granted refugee status, humanitarian protection or "
            "other leave, by year, sex and age.",
            "coverage": {"years": f"{first}-{latest}", "areas": "GBR"},
            "notes": "Derived by compactwatch from the same figures as uk_uasc_asylum_decisions.csv: "
            "100 x (GRANT_PROT + GRANT_OTH) / (GRANT_PROT + GRANT_OTH + REFUSED), one decimal; withdrawals "
            "and administrative outcomes are not decisions and are left out, as in the Home Office's own "
            f"grant rates. Rates on fewer than {MIN_RATE_BASE} decisions are not written ({withheld} "
            "cells). " + " ".join(footnotes.values()),
            "upstream": {**UK_UPSTREAM, "path": "data/decisions_resettlement.rda"},
        },
        report=[f"  rates on fewer than {MIN_RATE_BASE} decisions left out: {withheld}"],
    )


UK_DETENTION_AGES = {
    "Total children": "",
    "Children 4 and under": "Y0T4",
    "Children 5 to 11 years": "Y5T11",
    "Children 12 to 16 years": "Y12T16",
    "Children 17 years": "Y17",
}


def build_uk_detention(shared: Path) -> Extract:
    frame = pd.read_csv(shared / "uk-home-office-asylum" / "children_entering_detention.csv", dtype=str)
    rows = [
        row(
            "children-entering-detention",
            "GBR",
            int(rec["Date of entry to detention"]),
            source_number(rec[column]),
            "NUMBER",
            AGE=age,
        )
        for _, rec in frame.iterrows()
        for column, age in UK_DETENTION_AGES.items()
    ]
    years = f"{frame['Date of entry to detention'].min()}-{frame['Date of entry to detention'].max()}"
    return Extract(
        file="uk_children_entering_detention.csv",
        indicators=["children-entering-detention"],
        dimensions=["AGE"],
        rows=rows,
        meta={
            "source": {
                "code": "uk-home-office-detention",
                "title": "Immigration system statistics: children entering immigration detention",
                **UK_SOURCE,
                "url": "https://www.gov.uk/government/statistical-data-sets/"
                "immigration-system-statistics-data-tables",
                "citation": "Home Office, Immigration system statistics data tables, detention "
                "(via the R package asylum, British Red Cross)",
            },
            "description": "Children entering immigration detention in the UK by year and age band.",
            "coverage": {"years": years, "areas": "GBR"},
            "notes": "AGE empty = all children (the source's 'Total children'). Raw counts as published, "
            "including counts from 1 to 4 (the platform withholds them on output). The source's adult "
            "column is not included.",
            "upstream": {**UK_UPSTREAM, "path": "data-raw/children_entering_detention.csv"},
        },
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


# ----------------------------------------------------------------------------------------------------
# Running it
# ----------------------------------------------------------------------------------------------------


def cross_check_birth_registration(extracts: Iterable[Extract]) -> list[str]:
    """Compare the national under-5 values that several files give for one country and year.

    The files hold them as AGE Y_LT5 (UNICEF, SDG) or as the all-empty total row (Nigeria's own file);
    the same figure should come out of each.
    """
    seen: dict[tuple[str, str], list[str]] = defaultdict(list)
    for extract in extracts:
        if "birth-registration" not in extract.indicators:
            continue
        for r in extract.rows:
            cells = [r.get(d, "") for d in extract.dimensions if d != "AGE"]
            if r.get("AGE", "") in ("", "Y_LT5") and not any(cells):
                seen[(r["GeoCode"], r["Year"])].append(f"{extract.file} {r['Value']}")
    lines = []
    for (geo, year), values in sorted(seen.items()):
        if len(values) > 1:
            agree = "agree" if len({v.split()[-1] for v in values}) == 1 else "DIFFER"
            lines.append(f"  {geo} {year}: {'; '.join(values)} ({agree})")
    return lines


class PlainDumper(yaml.SafeDumper):
    """Writes shared mappings out in full rather than as YAML anchors and aliases."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def resolve_shared(path: Path) -> Path:
    """Accept the shared folder or its data/ folder."""
    for candidate in (path, path / "data"):
        if (candidate / "unhcr-refugees").is_dir():
            return candidate
    sys.exit(
        f"error: no shared data folder at {path} (expected unhcr-refugees/ and the other source folders, "
        "directly or under data/). Pass its location with --shared."
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--shared",
        type=Path,
        default=DEFAULT_SHARED,
        help="the shared data folder (default: ../shared/data beside the repository)",
    )
    args = parser.parse_args()
    shared = resolve_shared(args.shared)
    Country.countriesdata(use_live=False)
    areas = known_areas()

    builders: list[Callable[[Path], Extract | list[Extract]]] = [
        build_unhcr,
        build_uk_uasc,
        build_uk_uasc_decisions,
        build_uk_uasc_grant_rate,
        build_uk_detention,
        build_birth_registration,
        build_nigeria,
        build_child_migrants,
        build_child_population,
    ]
    extracts: list[Extract] = []
    for build in builders:
        built = build(shared)
        extracts.extend(built if isinstance(built, list) else [built])

    OUT_DIR.mkdir(exist_ok=True)
    entries = []
    for extract in extracts:
        extract.rows = check_rows(extract, areas)
        write_csv(extract, OUT_DIR)
        size = (OUT_DIR / extract.file).stat().st_size
        print(f"{extract.file}: {len(extract.rows)} rows, {size / 1024:.1f} KB")
        for line in extract.report:
            print(line)
        entries.append(
            {
                "file": extract.file,
                "indicators": extract.indicators,
                "columns": [*ROLE_BEFORE, *extract.dimensions, *ROLE_AFTER],
                **{k: extract.meta[k] for k in ("source", "description", "coverage", "notes", "upstream")},
                "rows": len(extract.rows),
            }
        )
    print("birth registration, national under-5 values given by more than one file:")
    for line in cross_check_birth_registration(extracts) or ["  none"]:
        print(line)

    header = (
        "# Sources of the bundled real-data extracts in data/ - written by scripts/build_extracts.py.\n"
        "# 'retrieved' is the date of the upstream commit the copy was taken from, where one is known.\n"
    )
    text = yaml.dump(
        {"extracts": entries}, Dumper=PlainDumper, sort_keys=False, allow_unicode=True, width=110
    )
    (OUT_DIR / "sources.yaml").write_text(header + text, encoding="utf-8")
    total = sum(p.stat().st_size for p in OUT_DIR.iterdir() if p.is_file())
    print(f"data/: {len(entries)} CSV files, sources.yaml and README.md: {total / 1024:.1f} KB in all")


if __name__ == "__main__":
    main()
