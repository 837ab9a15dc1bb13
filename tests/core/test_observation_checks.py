"""Row checks: each problem code, with the row and column it points at. No database needed."""

from __future__ import annotations

from compactwatch.core.area_matching import AreaMatcher, AreaNames
from compactwatch.core.codelists import DimensionResolver
from compactwatch.core.framework import Code_, Codelist
from compactwatch.core.observation_checks import IndicatorRules, RowChecker
from compactwatch.core.series import ObservationValue

CODELISTS = [
    Codelist(
        code="SEX",
        title="Sex",
        column_aliases=["Gender"],
        codes=[
            Code_(code="_T", label="Total"),
            Code_(code="F", label="Female", aliases=["Girls"]),
            Code_(code="M", label="Male"),
        ],
    ),
    Codelist(
        code="AGE",
        title="Age",
        column_aliases=["Age group"],
        codes=[Code_(code="Y0T4", label="0-4 years", aliases=["0-4"])],
    ),
    Codelist(code="SUBNATIONAL", title="Subnational area", column_aliases=["State"], open=True),
]
INDICATORS = {
    "birth-registration": IndicatorRules("birth-registration", "PERCENT", frozenset({"SEX", "SUBNATIONAL"})),
    "refugee-children": IndicatorRules("refugee-children", "NUMBER", frozenset({"SEX", "AGE"})),
    "detention-prohibited-law": IndicatorRules(
        "detention-prohibited-law", "YES_PARTIAL_NO", frozenset(), True
    ),
}
AREAS = AreaMatcher(
    [
        AreaNames("NGA", "NG", "566", ("Nigeria",)),
        AreaNames("TZA", "TZ", "834", ("United Republic of Tanzania",)),
    ]
)


def checker(header: list[str], **options: object) -> RowChecker:
    rows = RowChecker(
        "births.csv",
        indicators=INDICATORS,
        resolver=DimensionResolver(CODELISTS),
        match_area=AREAS.match,
        sources={"nbs"},
        default_source="nbs",
        **options,  # type: ignore[arg-type]
    )
    assert rows.read_header(header) == []
    return rows


def check(header: list[str], cells: list[str], **options: object) -> ObservationValue | list:  # type: ignore[type-arg]
    return checker(header, **options).check(2, cells)


HEADER = ["Indicator", "GeoCode", "Year", "Gender", "State", "Value"]


def codes(result: object) -> list[str]:
    assert isinstance(result, list), result
    return [problem.code for problem in result]


def test_a_good_row_becomes_an_observation_with_codes_matched_by_alias() -> None:
    result = check(HEADER, ["birth-registration", "NG", "2021", "Girls", "Kano", "46.9"])
    assert isinstance(result, ObservationValue)
    assert result.series.area == "NGA"
    assert result.series.key == "SEX=F|SUBNATIONAL=Kano"
    assert (result.year, result.value, result.unit, result.source) == (2021, 46.9, "PERCENT", "nbs")


def test_an_empty_dimension_cell_is_the_total() -> None:
    result = check(HEADER, ["birth-registration", "566", "2021", "", "", "46.9"])
    assert isinstance(result, ObservationValue)
    assert result.series.key == ""


def test_names_with_stray_spaces_match() -> None:
    result = check(HEADER, ["birth-registration", " United Republic of  Tanzania", "2021", "", "", "40"])
    assert isinstance(result, ObservationValue)
    assert result.series.area == "TZA"


def test_header_problems() -> None:
    rows = RowChecker(
        "x.csv",
        indicators=INDICATORS,
        resolver=DimensionResolver(CODELISTS),
        match_area=AREAS.match,
        sources=set(),
    )
    problems = rows.read_header(["GeoCode", "Colour", "Value"])
    assert [p.code for p in problems] == [
        "unknown-column",
        "missing-column",
        "missing-column",
        "missing-column",
    ]
    assert problems[0].column == "Colour"
    assert problems[0].row == 1
    assert "'Year'" in problems[1].message


def test_unknown_indicator_area_and_code() -> None:
    result = check(HEADER, ["birth-registation", "Narnia", "2021", "Both", "", "4"])
    assert codes(result) == ["unknown-indicator", "unknown-area", "unknown-code"]
    assert [p.column for p in result] == ["Indicator", "GeoCode", "Gender"]  # type: ignore[union-attr]
    assert all(p.row == 2 and p.file == "births.csv" for p in result)  # type: ignore[union-attr]


def test_a_dimension_the_indicator_does_not_expect() -> None:
    header = ["Indicator", "GeoCode", "Year", "Age group", "Value"]
    assert codes(check(header, ["birth-registration", "NGA", "2021", "0-4", "40"])) == [
        "unexpected-dimension"
    ]


def test_bad_period() -> None:
    assert codes(check(HEADER, ["birth-registration", "NGA", "2021Q1", "", "", "40"])) == ["bad-period"]
    assert codes(check(HEADER, ["birth-registration", "NGA", "1850", "", "", "40"])) == ["bad-period"]


def test_missing_and_bad_values() -> None:
    assert codes(check(HEADER, ["birth-registration", "NGA", "2021", "", "", ""])) == ["missing-value"]
    assert codes(check(HEADER, ["birth-registration", "NGA", "2021", "", "", "n/a"])) == ["bad-value"]
    assert codes(check(HEADER, ["refugee-children", "NGA", "2021", "", "", "12.5"])) == ["bad-value"]
    law = ["Indicator", "GeoCode", "Year", "Value"]
    assert codes(check(law, ["detention-prohibited-law", "NGA", "2021", "MAYBE"])) == ["bad-value"]
    coded = check(law, ["detention-prohibited-law", "NGA", "2021", "yes"])
    assert isinstance(coded, ObservationValue)
    assert coded.code == "YES"


def test_values_out_of_range_for_the_unit() -> None:
    assert codes(check(HEADER, ["birth-registration", "NGA", "2021", "", "", "104.2"])) == ["out-of-range"]
    assert codes(check(HEADER, ["refugee-children", "NGA", "2021", "", "", "-3"])) == ["out-of-range"]


def test_unit_mismatch_and_unknown_source() -> None:
    header = ["Indicator", "GeoCode", "Year", "Units", "Source", "Value"]
    result = check(header, ["birth-registration", "NGA", "2021", "NUMBER", "who", "40"])
    assert codes(result) == ["unit-mismatch", "unknown-source"]


def test_bounds_must_hold_the_value() -> None:
    header = ["Indicator", "GeoCode", "Year", "Value", "LowerBound", "UpperBound"]
    assert codes(check(header, ["birth-registration", "NGA", "2021", "40", "41", "45"])) == ["bad-bound"]
    assert codes(check(header, ["birth-registration", "NGA", "2021", "40", "low", ""])) == ["bad-bound"]


def test_values_withheld_at_source_are_kept_as_such() -> None:
    header = ["Indicator", "GeoCode", "Year", "Gender", "Value"]
    withheld = check(header, ["refugee-children", "NGA", "2021", "F", "<5"])
    assert isinstance(withheld, ObservationValue)
    assert (withheld.value, withheld.code, withheld.conf_status) == (None, "<5", "C")


def test_duplicates_with_conflicting_values_are_caught_identical_ones_are_not() -> None:
    rows = checker(HEADER)
    first = ["birth-registration", "NGA", "2021", "", "", "40"]
    assert isinstance(rows.check(2, first), ObservationValue)
    assert isinstance(rows.check(3, first), ObservationValue)
    conflicting = rows.check(4, [*first[:-1], "41"])
    assert codes(conflicting) == ["conflicting-duplicate"]
    assert "row 2" in conflicting[0].message  # type: ignore[index]


def test_thousands_separators_but_not_decimal_commas() -> None:
    ok = check(HEADER, ["refugee-children", "NGA", "2021", "", "", "1,234"])
    assert isinstance(ok, ObservationValue)
    assert ok.value == 1234
    assert codes(check(HEADER, ["birth-registration", "NGA", "2021", "", "", "12,5"])) == ["bad-value"]
