"""Area names: codes, official names and curated aliases match; everything else is refused by name.

No database: the areas and M49 groupings come from the same taxonomy `compactwatch setup` loads.
"""

from __future__ import annotations

import pytest

from compactwatch.core.area_matching import (
    REFUSAL_CODES,
    AreaMatcher,
    AreaNames,
    area_key,
    curated_aliases,
    curated_refusals,
    read_area_mapping,
)
from compactwatch.core.areas import area_records, region_records


@pytest.fixture(scope="module")
def matcher() -> AreaMatcher:
    areas = [
        AreaNames(a.iso3, a.iso2, a.m49, tuple(n for n in (a.name, a.name_fr, a.name_es) if n))
        for a in area_records()
    ]
    return AreaMatcher(areas, regions=[(r.m49, r.name) for r in region_records()])


# Names as real files write them (UNHCR, UNICEF, the SDG database, the World Bank, IOM), and what they name.
REAL_NAMES = {
    "Türkiye": "TUR",
    "Turkey": "TUR",
    "TURKEY": "TUR",
    "Côte d'Ivoire": "CIV",
    "Cote d'Ivoire": "CIV",
    "Côte d’Ivoire": "CIV",
    "Republic of Korea": "KOR",
    "Korea, Rep.": "KOR",
    "Rep. of Korea": "KOR",
    "Dem. People's Rep. of Korea": "PRK",
    "Iran (Islamic Republic of)": "IRN",
    "Iran (Islamic Rep. of)": "IRN",
    "United Kingdom of Great Britain and Northern Ireland": "GBR",
    "United Kingdom": "GBR",
    "occupied Palestinian territory": "PSE",
    "Syria": "SYR",
    "Syrian Arab Rep.": "SYR",
    "Bolivia (Plurinational State of)": "BOL",
    "Dem. Rep. of the Congo": "COD",
    "Congo": "COG",
    "Guinea": "GIN",
    "Sudan": "SDN",
    " Tanzania": "TZA",
    "United Rep. of Tanzania": "TZA",
    "China, Hong Kong SAR": "HKG",
    "Serbia and Kosovo: S/RES/1244 (1999)": "SRB",
    "Netherlands": "NLD",
    "Curacao": "CUW",
    "Tchad": "TCD",  # French
    "Chequia": "CZE",  # Spanish
    "td": "TCD",  # ISO2
    "148": "TCD",  # M49
    "4": "AFG",  # M49 without its zeros
    "gbr": "GBR",
}


@pytest.mark.parametrize(("name", "iso3"), REAL_NAMES.items())
def test_real_forms_of_names_match_their_area(matcher: AreaMatcher, name: str, iso3: str) -> None:
    assert matcher.match(name) == iso3
    assert matcher.refusal(name) is None


REFUSED = {
    "Netherlands Antilles": "historical-area",
    "Serbia and Montenegro": "historical-area",
    "Sudan [former]": "historical-area",
    "USSR": "historical-area",
    "Yugoslavia": "historical-area",
    "Czechoslovakia": "historical-area",
    "East Germany": "historical-area",
    "Zaire": "historical-area",
    "ANT": "historical-area",
    "736": "historical-area",
    "Africa": "regional-area",
    "Europe": "regional-area",
    "Sub-Saharan Africa": "regional-area",
    "World": "regional-area",
    "002": "regional-area",
    "150": "regional-area",
    "419": "regional-area",
    "Least developed countries": "regional-area",
    "Channel Islands": "regional-area",
    "England": "subnational-area",
    "Scotland": "subnational-area",
    "Kurdistan": "subnational-area",
    "Korea": "ambiguous-area",
    "Virgin Islands": "ambiguous-area",
    "Kosovo": "unlisted-area",
    "XKX": "unlisted-area",
    "Stateless": "not-an-area",
    "Wakanda": "unknown-area",
    "T??rkiye": "unknown-area",  # a real SDG file whose encoding was lost
}


@pytest.mark.parametrize(("name", "code"), REFUSED.items())
def test_names_that_are_not_one_area_are_refused_by_name(matcher: AreaMatcher, name: str, code: str) -> None:
    assert matcher.match(name) is None
    refusal = matcher.refusal(name)
    assert refusal is not None
    assert refusal.code == code
    assert repr(name) in refusal.message()


def test_a_refusal_explains_itself_and_points_at_the_cell(matcher: AreaMatcher) -> None:
    refusal = matcher.refusal("Sudan [former]")
    assert refusal is not None
    problem = refusal.problem("old.csv", 7, "GeoCode")
    assert str(problem) == (
        "old.csv, row 7, column 'GeoCode': [historical-area] area 'Sudan [former]' names an area that no "
        "longer exists: Sudan before South Sudan's independence in 2011 (M49 736); today Sudan (SDN) and "
        "South Sudan (SSD)"
    )


def test_unknown_and_ambiguous_names_come_with_the_nearest_areas(matcher: AreaMatcher) -> None:
    suggested = {name: matcher.refusal(name).suggestions for name in ("Untied Kingdom", "Korea", "Germny")}  # type: ignore[union-attr]
    assert [s.iso3 for s in suggested["Untied Kingdom"]][:1] == ["GBR"]
    assert [s.iso3 for s in suggested["Korea"]][:2] == ["KOR", "PRK"]
    assert [s.iso3 for s in suggested["Germny"]] == ["DEU"]
    assert matcher.match("Germny") is None  # a suggestion is never applied by itself


def test_historical_names_get_no_suggestion(matcher: AreaMatcher) -> None:
    assert matcher.refusal("Serbia and Montenegro").suggestions == ()  # type: ignore[union-attr]


def test_a_confirmed_mapping_matches_only_the_names_it_lists(matcher: AreaMatcher) -> None:
    confirmed = matcher.confirmed({"Korea": "KOR", "Serbia and Montenegro": "SRB"})
    assert (confirmed.match("KOREA"), confirmed.match("serbia  and montenegro")) == ("KOR", "SRB")
    assert confirmed.match("Kosovo") is None
    assert matcher.match("Korea") is None  # the matcher it came from is unchanged


def test_matching_ignores_case_accents_punctuation_and_spacing() -> None:
    assert area_key("  CÔTE d’Ivoire ") == area_key("cote d'ivoire") == "cote d ivoire"
    assert area_key("Korea, Rep.") == "korea rep"


def test_the_curated_lists_are_consistent(matcher: AreaMatcher) -> None:
    known = {a.iso3 for a in area_records()}
    for alias in curated_aliases():
        assert alias.target in known, alias
        assert alias.why.strip(), alias
    for refused in curated_refusals():
        assert refused.target in set(REFUSAL_CODES) - {"unknown-area"}, refused
        assert refused.why.strip(), refused
        # A refused name never shadows an area's code, official name or alias.
        assert matcher.match(refused.name) is None, refused


def test_an_alias_never_takes_another_areas_official_name_or_code() -> None:
    official: dict[str, str] = {}
    for a in area_records():
        for text in (a.iso3, a.iso2, a.m49, a.name, a.name_fr, a.name_es):
            if text:
                official.setdefault(area_key(text), a.iso3)
    clashes = [
        alias
        for alias in curated_aliases()
        if official.get(area_key(alias.name), alias.target) != alias.target
    ]
    assert clashes == []


def mapping(
    matcher: AreaMatcher, text: str
) -> tuple[dict[str, str], list[tuple[str, int | None, str | None]]]:
    result, problems = read_area_mapping(text.encode("utf-8"), "areas.csv", matcher)
    return result, [(p.code, p.row, p.column) for p in problems]


def test_a_mapping_file_maps_names_to_iso3(matcher: AreaMatcher) -> None:
    assert mapping(matcher, '\ufeffname,ISO3\nKorea,kor\n"Serbia and Montenegro",SRB\nTurkey,TUR\n') == (
        {"Korea": "KOR", "Serbia and Montenegro": "SRB", "Turkey": "TUR"},
        [],
    )


def test_a_mapping_file_is_checked_row_by_row(matcher: AreaMatcher) -> None:
    text = "name,ISO3\n,KOR\nKorea,XYZ\nChad,NGA\nKorea,KOR\nKorea,PRK\n"
    assert mapping(matcher, text)[1] == [
        ("missing-value", 2, "name"),
        ("unknown-area", 3, "ISO3"),
        ("mapping-conflict", 4, "ISO3"),  # Chad is TCD by its official name
        ("conflicting-duplicate", 6, "ISO3"),
    ]


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"", "empty-file"),
        (b"country,code\nKorea,KOR\n", "missing-column"),
        (b"name,ISO3\nT\xfcrkiye,TUR\n", "bad-encoding"),
    ],
)
def test_a_mapping_file_that_cannot_be_read_says_why(matcher: AreaMatcher, content: bytes, code: str) -> None:
    assert [p.code for p in read_area_mapping(content, "areas.csv", matcher)[1]] == [code]
