"""UK Home Office: unaccompanied children's asylum applications and outcomes, children in detention."""

from __future__ import annotations

from collections import defaultdict
from itertools import product
from pathlib import Path

import pandas as pd

from extracts.common import (
    BASE_COLUMN,
    PARTIAL,
    PARTIAL_COLUMN,
    AreaMatcher,
    Extract,
    count_text,
    known_areas,
    read_rda,
    row,
    source_number,
    tidy,
)

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
            PartialPeriod=PARTIAL if year in footnotes else "",
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
        attributes=[PARTIAL_COLUMN],
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
            "Montenegro are not in the area list. PartialPeriod is true for a year the source covers only "
            "in part. " + " ".join(footnotes.values()),
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
            PartialPeriod=PARTIAL if year in footnotes else "",
        )
        for (year, decision, sex, age), value in totals.items()
    ]
    report = [f"  partial latest year: {footnotes.get(latest, 'none')}"]
    return Extract(
        file="uk_uasc_asylum_decisions.csv",
        indicators=["uasc-asylum-decisions"],
        dimensions=["DECISION", "SEX", "AGE"],
        attributes=[PARTIAL_COLUMN],
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
            "(the platform withholds them on output). PartialPeriod is true for a year the source covers "
            "only in part. " + " ".join(footnotes.values()),
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
                Base=count_text(decided),
                PartialPeriod=PARTIAL if year in footnotes else "",
            )
        )
    return Extract(
        file="uk_uasc_grant_rate.csv",
        indicators=["uasc-grant-rate"],
        dimensions=["SEX", "AGE"],
        attributes=[BASE_COLUMN, PARTIAL_COLUMN],
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
            "cells). Base: the decisions a rate is on (grants and refusals). PartialPeriod is true for a "
            "year the source covers only in part. " + " ".join(footnotes.values()),
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


# What the Home Office says of a year whose figure stands out, in its own commentary. A note, not a break in
# series: the Home Office reports a change in who was detained, not in how detention is counted.
UK_DETENTION_2021_PAGE = (
    "https://www.gov.uk/government/statistics/immigration-statistics-year-ending-december-2021/"
    "how-many-people-are-detained-or-returned"
)
UK_DETENTION_NOTES = {
    2021: "All children entering detention in 2021 were aged 12 to 17. The Home Office explains the rise "
    "in people entering detention in 2021 by a changed profile of detainees: since the pandemic, more of "
    "them are people who had just arrived clandestinely, held for short periods on arrival to confirm their "
    "identity and give initial support. It reports no change in how detention is counted, so the year is "
    "not flagged as a break in series. Source: Home Office, Immigration statistics, year ending December "
    f"2021, 'How many people are detained or returned?', {UK_DETENTION_2021_PAGE}",
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
            Footnote=UK_DETENTION_NOTES.get(int(rec["Date of entry to detention"]), ""),
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
            "column is not included. 2021 (515 children, against 87 in 2020) carries the Home Office's "
            "explanation in its Footnote; no break in series is flagged, as the Home Office documents "
            "none.",
            "upstream": {**UK_UPSTREAM, "path": "data-raw/children_entering_detention.csv"},
        },
    )
