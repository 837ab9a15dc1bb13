"""Matching the way files name countries to areas, and refusing every name that is not one of them.

A name matches when it is an area's ISO3, ISO2 or M49 code, one of its official names (English, French,
Spanish), or a curated alias (`area_aliases.csv`, reviewed like code); case, accents, punctuation and spacing
do not count. Nothing else matches: a near name is a suggestion in the report, applied only when the user
confirms it (a mapping of names to ISO3 codes). Names of historical areas, regions and groupings,
sub-national units and ambiguous names are refused by name (`area_refusals.csv`), each with its own code.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterable, Mapping
from copy import copy as shallow_copy
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from rapidfuzz import fuzz, process

from compactwatch.core.codelists import fold
from compactwatch.core.validation import Problem

# Why a name is refused, by problem code; the curated refusals use the same codes.
REFUSAL_CODES: dict[str, str] = {
    "historical-area": "names an area that no longer exists",
    "regional-area": "names a region or grouping of countries, not one country or territory",
    "subnational-area": "names a part of a country, not a country or territory",
    "ambiguous-area": "may name more than one country or territory",
    "unlisted-area": "names a territory that the platform's list of areas (ISO 3166-1, UN M49) does not hold",
    "not-an-area": "names a category of people or an unknown origin, not a place",
    "unknown-area": "matches no country or territory (ISO3, ISO2, M49 code, official name or known alias)",
}
SUGGESTION_LIMIT = 3
SUGGESTION_CUTOFF = 75.0
_NOT_WORD = re.compile(r"[\W_]+")


def area_key(text: str) -> str:
    """A name as matching sees it: no accents, no punctuation, one space between words, case folded."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(character for character in decomposed if not unicodedata.combining(character))
    return fold(_NOT_WORD.sub(" ", bare))


@dataclass(frozen=True, slots=True)
class AreaNames:
    iso3: str
    iso2: str
    m49: str
    names: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class CuratedName:
    """One line of a curated list: a name, what it stands for (an ISO3 code or a refusal code), and why."""

    name: str
    target: str
    why: str


@dataclass(frozen=True, slots=True)
class Suggestion:
    iso3: str
    name: str


@dataclass(frozen=True, slots=True)
class AreaRefusal:
    """Why a name matched no area, and the areas it may mean."""

    text: str
    code: str
    reason: str
    suggestions: tuple[Suggestion, ...] = ()

    def message(self) -> str:
        text = f"area {self.text.strip()!r} {self.reason}"
        if self.suggestions:
            names = "; ".join(f"{s.iso3} ({s.name})" for s in self.suggestions)
            text += f"; nearest: {names}. To use one, map the name to its ISO3 code (--areas)"
        return text

    def problem(self, file: str | None, row: int | None, column: str | None) -> Problem:
        return Problem(self.code, self.message(), file=file, row=row, column=column)


def _curated(file_name: str) -> tuple[CuratedName, ...]:
    text = resources.files("compactwatch.core").joinpath(file_name).read_text(encoding="utf-8")
    rows = csv.reader(line for line in io.StringIO(text) if line.strip() and not line.startswith("#"))
    next(rows)  # the header
    return tuple(CuratedName(name, target, ",".join(why)) for name, target, *why in rows)


@lru_cache(maxsize=1)
def curated_aliases() -> tuple[CuratedName, ...]:
    """Common real forms of area names (target: ISO3), from `area_aliases.csv`."""
    return _curated("area_aliases.csv")


@lru_cache(maxsize=1)
def curated_refusals() -> tuple[CuratedName, ...]:
    """Names refused by name (target: a code of REFUSAL_CODES), from `area_refusals.csv`."""
    return _curated("area_refusals.csv")


class AreaMatcher:
    """Exact codes, official names and curated aliases; refusals say why a name is not an area.

    `regions` are (M49 code, name) of the UN groupings, refused as regional; `confirmed` maps names the
    user chose to ISO3 codes (see `read_area_mapping`), consulted after everything else matched nothing.
    """

    def __init__(
        self,
        areas: Iterable[AreaNames],
        *,
        regions: Iterable[tuple[str, str]] = (),
        aliases: Iterable[CuratedName] | None = None,
        refusals: Iterable[CuratedName] | None = None,
        confirmed: Mapping[str, str] | None = None,
    ) -> None:
        self.names: dict[str, str] = {}  # iso3 -> English name
        self._lookup: dict[str, str] = {}
        self._suggestible: dict[str, str] = {}  # key of an official name or alias -> iso3
        self._refused: dict[str, tuple[str, str]] = {}  # key -> (code, why)
        self._add_areas(areas)
        self._add_aliases(curated_aliases() if aliases is None else aliases)
        self._add_refusals(regions, curated_refusals() if refusals is None else refusals)
        self._confirmed = {area_key(name): iso3 for name, iso3 in (confirmed or {}).items()}
        self._cache: dict[str, str | None] = {}
        self._refusals: dict[str, AreaRefusal] = {}  # each refused text is explained once per import

    def _add_areas(self, areas: Iterable[AreaNames]) -> None:
        codes: dict[str, str] = {}
        for area in areas:
            self.names[area.iso3] = area.names[0] if area.names else area.iso3
            for name in area.names:
                self._lookup.setdefault(area_key(name), area.iso3)
                self._suggestible.setdefault(area_key(name), area.iso3)
            codes.update({area_key(code): area.iso3 for code in (area.iso2, area.m49, area.iso3) if code})
        self._lookup.update(codes)  # a code wins over a name that reads like it

    def _add_aliases(self, aliases: Iterable[CuratedName]) -> None:
        for alias in aliases:
            if alias.target in self.names:
                self._lookup.setdefault(area_key(alias.name), alias.target)
                self._suggestible.setdefault(area_key(alias.name), alias.target)

    def _add_refusals(self, regions: Iterable[tuple[str, str]], refusals: Iterable[CuratedName]) -> None:
        for m49, name in regions:
            why = f"UN M49 grouping {m49} ({name})"
            self._refused.setdefault(area_key(m49), ("regional-area", why))
            self._refused.setdefault(area_key(name), ("regional-area", why))
        for refused in refusals:
            self._refused.setdefault(area_key(refused.name), (refused.target, refused.why))

    def known(self, iso3: str) -> bool:
        return iso3 in self.names

    def confirmed(self, mapping: Mapping[str, str]) -> AreaMatcher:
        """This matcher, also matching the names the user mapped to ISO3 codes."""
        copy = shallow_copy(self)
        copy._confirmed = {**self._confirmed, **{area_key(name): iso3 for name, iso3 in mapping.items()}}
        copy._cache, copy._refusals = {}, {}
        return copy

    def exact(self, text: str) -> str | None:
        """The area a code, official name or curated alias names; user-confirmed names do not count."""
        key = area_key(text)
        found = self._lookup.get(key)
        if found is None and key.isdigit() and len(key) < 3:
            found = self._lookup.get(key.zfill(3))
        return found

    def match(self, text: str) -> str | None:
        if text in self._cache:
            return self._cache[text]
        found = self.exact(text)
        if found is None:
            found = self._confirmed.get(area_key(text))
        self._cache[text] = found
        return found

    def refusal(self, text: str) -> AreaRefusal | None:
        """Why `text` matches no area (None when it does match)."""
        if self.match(text) is not None:
            return None
        if text not in self._refusals:
            self._refusals[text] = self._explained(text)
        return self._refusals[text]

    def _explained(self, text: str) -> AreaRefusal:
        key = area_key(text)
        refused = self._refused.get(key) or (self._refused.get(key.zfill(3)) if key.isdigit() else None)
        if refused is None:
            return AreaRefusal(text, "unknown-area", REFUSAL_CODES["unknown-area"], self.suggestions(text))
        code, why = refused
        suggestions = self.suggestions(text) if code == "ambiguous-area" else ()
        return AreaRefusal(text, code, f"{REFUSAL_CODES[code]}: {why}", suggestions)

    def suggestions(self, text: str) -> tuple[Suggestion, ...]:
        """The areas whose names or aliases are nearest to `text`; never applied without the user."""
        key = area_key(text)
        if len(key) < 4:
            return ()
        found = process.extract(
            key, self._suggestible.keys(), scorer=fuzz.WRatio, limit=12, score_cutoff=SUGGESTION_CUTOFF
        )
        best: dict[str, float] = {}
        for name, score, _index in found:
            iso3 = self._suggestible[name]
            best[iso3] = max(score, best.get(iso3, 0.0))
        chosen = sorted(best, key=lambda iso3: (-best[iso3], iso3))  # ties in code order, whatever the input
        return tuple(Suggestion(iso3, self.names[iso3]) for iso3 in chosen[:SUGGESTION_LIMIT])


def read_area_mapping(
    content: bytes, file: str, matcher: AreaMatcher
) -> tuple[dict[str, str], list[Problem]]:
    """A user's mapping of area names to ISO3 codes (CSV with a header: name, ISO3), or its problems.

    A name that already matches an area by code, official name or alias cannot be mapped elsewhere.
    """
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return {}, [Problem("bad-encoding", "the mapping file is not UTF-8 text", file=file)]
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as error:
        return {}, [Problem("bad-csv", f"the mapping file is not CSV: {error}", file=file)]
    rows = [row for row in rows if any(cell.strip() for cell in row)]
    if not rows:
        return {}, [Problem("empty-file", "the mapping file has no rows", file=file)]
    header = [fold(cell) for cell in rows[0]]
    if "name" not in header or "iso3" not in header:
        message = "the mapping file needs a header with the columns 'name' and 'ISO3'"
        return {}, [Problem("missing-column", message, file=file, row=1)]
    columns = (header.index("name"), header.index("iso3"))
    return _mapping_rows(rows[1:], columns, file, matcher)


def _mapping_rows(
    rows: list[list[str]], columns: tuple[int, int], file: str, matcher: AreaMatcher
) -> tuple[dict[str, str], list[Problem]]:
    mapping: dict[str, str] = {}  # name as written -> ISO3
    seen: dict[str, tuple[str, int]] = {}  # key of a name -> ISO3 and the row that gave it
    problems: list[Problem] = []
    for number, row in enumerate(rows, start=2):
        name, iso3 = (row[i].strip() if i < len(row) else "" for i in columns)
        problem = _mapping_problem(name, iso3.upper(), matcher, seen.get(area_key(name)))
        if problem is not None:
            code, message, column = problem
            problems.append(Problem(code, message, file=file, row=number, column=column))
        elif area_key(name) not in seen:
            mapping[name] = iso3.upper()
            seen[area_key(name)] = (iso3.upper(), number)
    return mapping, problems


def _mapping_problem(
    name: str, iso3: str, matcher: AreaMatcher, earlier: tuple[str, int] | None
) -> tuple[str, str, str] | None:
    if not name:
        return "missing-value", "the name is empty", "name"
    if not matcher.known(iso3):
        return "unknown-area", f"{iso3!r} is not the ISO3 code of an area of the platform", "ISO3"
    already = matcher.exact(name)
    if already is not None and already != iso3:
        message = (
            f"{name!r} already names {already} ({matcher.names[already]}); it cannot be mapped to {iso3}"
        )
        return "mapping-conflict", message, "ISO3"
    if earlier is not None and earlier[0] != iso3:
        return "conflicting-duplicate", f"{name!r} is mapped to {earlier[0]} at row {earlier[1]}", "ISO3"
    return None
