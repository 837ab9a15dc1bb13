"""Matching the way files name countries (ISO3, ISO2, M49, names in several languages) to areas."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from hdx.location.country import Country

from compactwatch.core.codelists import fold


@dataclass(frozen=True, slots=True)
class AreaNames:
    iso3: str
    iso2: str
    m49: str
    names: tuple[str, ...]


class AreaMatcher:
    """Exact codes first, then known names, then the taxonomy's own name patterns."""

    def __init__(self, areas: Iterable[AreaNames]) -> None:
        self._known: set[str] = set()
        self._lookup: dict[str, str] = {}
        for area in areas:
            self._known.add(area.iso3)
            for name in area.names:
                self._lookup.setdefault(fold(name), area.iso3)
            for code in (area.iso2, area.m49, area.iso3):
                if code:
                    self._lookup[fold(code)] = area.iso3
        self._cache: dict[str, str | None] = {}

    def match(self, text: str) -> str | None:
        if text in self._cache:
            return self._cache[text]
        folded = fold(text)
        found = self._lookup.get(folded)
        if found is None and folded.isdigit():
            found = self._lookup.get(folded.zfill(3))
        if found is None and len(folded) > 3:
            guess = _fuzzy(folded)
            found = guess if guess in self._known else None
        self._cache[text] = found
        return found


@lru_cache(maxsize=4096)
def _fuzzy(name: str) -> str | None:
    iso3, _exact = Country.get_iso3_country_code_fuzzy(name, use_live=False)
    return iso3 if isinstance(iso3, str) else None
