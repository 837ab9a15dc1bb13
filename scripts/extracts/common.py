"""What every extract builder shares: the tidy row, area matching, number formatting, writing."""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pandas as pd
import pyreadr
from hdx.location.country import Country

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_SHARED = REPO_ROOT.parent / "shared" / "data"
OUT_DIR = REPO_ROOT / "data"

ROLE_BEFORE = ("Indicator", "GeoCode", "Year")
ROLE_AFTER = ("Value", "Units", "ObsStatus", "Footnote")
# The denominator of a rate or share, where the producer's files give it: the platform withholds a rate on
# a small base and never publishes the base itself.
BASE_COLUMN = "Base"
# "true" where the producer's figure covers only part of the period (a year of three quarters); written only
# in files that have such a period. A break in series is ObsStatus B, with the reason in the Footnote.
PARTIAL_COLUMN = "PartialPeriod"
PARTIAL = "true"
BREAK = "B"

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
    attributes: list[str] = field(default_factory=list)  # columns after ROLE_AFTER, such as Base

    @property
    def columns(self) -> list[str]:
        return [*ROLE_BEFORE, *self.dimensions, *ROLE_AFTER, *self.attributes]


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
    header = extract.columns
    rows = sorted(extract.rows, key=sort_key(extract.dimensions))
    with (out_dir / extract.file).open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        for r in rows:
            writer.writerow([r.get(column, "") for column in header])
