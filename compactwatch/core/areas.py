"""Countries, territories and their UN M49 groupings, from the OCHA countries taxonomy.

The taxonomy ships inside `hdx-python-country` (maintained by OCHA's Humanitarian Data Exchange); it gives
ISO 3166-1 alpha-2/alpha-3, the M49 numerical code, names in the six UN languages and the M49 region,
sub-region and intermediate region of each area. It is read offline: nothing is fetched at run time.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from hdx.location.country import Country

RegionLevel = Literal["world", "region", "subregion", "intermediate"]

WORLD_CODE = "001"


@dataclass(frozen=True, slots=True)
class RegionRecord:
    """A UN M49 grouping: the world, a region, a sub-region or an intermediate region."""

    m49: str
    name: str
    level: RegionLevel
    parent: str | None


@dataclass(frozen=True, slots=True)
class AreaRecord:
    iso3: str
    iso2: str
    m49: str
    name: str
    name_fr: str
    name_es: str
    independent: bool
    region: str | None
    subregion: str | None
    intermediate_region: str | None
    income_level: str

    @property
    def groupings(self) -> list[str]:
        """M49 codes of every grouping the area belongs to, widest first."""
        codes = [WORLD_CODE, self.region, self.subregion, self.intermediate_region]
        return [code for code in codes if code]


def _m49(code: Any) -> str | None:
    """M49 codes are three digits ('002' Africa, '566' Nigeria); the taxonomy writes them without zeros."""
    if code is None or str(code).strip() == "":
        return None
    return f"{int(str(code).strip()):03d}"


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _taxonomy() -> dict[str, dict[str, Any]]:
    countries: dict[str, dict[str, Any]] = Country.countriesdata(use_live=False)["countries"]
    return countries


def area_records() -> list[AreaRecord]:
    """Every country and territory of the taxonomy, sorted by ISO3."""
    records = []
    for iso3, row in sorted(_taxonomy().items()):
        m49 = _m49(row.get("m49 numerical code"))
        if m49 is None:
            continue
        records.append(
            AreaRecord(
                iso3=iso3,
                iso2=_text(row.get("ISO 3166-1 Alpha 2-Codes")),
                m49=m49,
                name=_text(row.get("M49 English")) or _text(row.get("Preferred Term")),
                name_fr=_text(row.get("M49 French")) or _text(row.get("French Short")),
                name_es=_text(row.get("M49 Spanish")) or _text(row.get("Spanish Short")),
                independent=_text(row.get("Independent")) == "Y",
                region=_m49(row.get("Region Code")),
                subregion=_m49(row.get("Sub-region Code")),
                intermediate_region=_m49(row.get("Intermediate Region Code")),
                income_level=_text(row.get("World Bank Income Level")),
            )
        )
    return records


def region_records() -> list[RegionRecord]:
    """The M49 groupings the areas belong to, parents before children."""
    found: dict[str, RegionRecord] = {WORLD_CODE: RegionRecord(WORLD_CODE, "World", "world", None)}
    levels: tuple[tuple[str, RegionLevel], ...] = (
        ("Region", "region"),
        ("Sub-region", "subregion"),
        ("Intermediate Region", "intermediate"),
    )
    for row in _taxonomy().values():
        parent = WORLD_CODE
        for prefix, level in levels:
            code = _m49(row.get(f"{prefix} Code"))
            if code is None:
                continue
            found.setdefault(code, RegionRecord(code, _text(row.get(f"{prefix} Name")), level, parent))
            parent = code
    order = {"world": 0, "region": 1, "subregion": 2, "intermediate": 3}
    return sorted(found.values(), key=lambda r: (order[r.level], r.m49))
