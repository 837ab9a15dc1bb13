"""Checking rows of indicator data against the framework: one row in, an observation or coded problems out.

Every reader (tidy CSV, SDMX-CSV, Excel, Data Package, Parquet) hands rows here as lists of text cells in the
order of the file's header, so every format is checked by the same rules with the same messages.

Problem codes: missing-column, unknown-column, unknown-indicator, unknown-area, unknown-source,
unknown-code, unexpected-dimension, bad-period, missing-value, bad-value, out-of-range, unit-mismatch,
bad-bound, bad-base, conflicting-duplicate. Readers and the import add: not-found, empty-file, bad-file (an
unreadable workbook, Parquet file or data package), bad-csv, bad-encoding (not UTF-8), ragged-row.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any

from compactwatch.core.cells import MAX_YEAR, MIN_YEAR, parse_number, parse_year, plain_number
from compactwatch.core.codelists import DimensionResolver, fold, tidy
from compactwatch.core.series import CODED_VALUES, TOTAL, ObservationValue, SeriesKey, key_text
from compactwatch.core.validation import Problem

# Column names met in Open SDG, SDMX-CSV and compactwatch's own exports, by the role they play.
ROLE_COLUMNS: dict[str, tuple[str, ...]] = {
    "indicator": ("Indicator", "INDICATOR", "Indicator code"),
    "area": (
        "GeoCode",
        "REF_AREA",
        "Area",
        "Country",
        "ISO3",
        "Country or area",
        "GeoAreaCode",
        "GeoAreaName",
    ),
    "year": ("Year", "TIME_PERIOD", "Period", "TimePeriod"),
    "value": ("Value", "OBS_VALUE"),
    "unit": ("Units", "Unit", "UNIT_MEASURE"),
    "obs_status": ("ObsStatus", "OBS_STATUS", "Observation status"),
    "conf_status": ("ConfStatus", "CONF_STATUS"),
    "lower": ("LowerBound", "LOWER_BOUND", "Lower bound"),
    "upper": ("UpperBound", "UPPER_BOUND", "Upper bound"),
    "footnote": ("Footnote", "COMMENT_OBS", "Comment", "Footnotes"),
    "evidence": ("Evidence", "EVIDENCE", "Law or policy", "Legal reference"),
    "source": ("Source", "SOURCE_DETAIL"),
    # The denominator of a rate or share: stored to withhold rates on a small base, never published.
    "base": ("Base", "Denominator", "BASE"),
    # The producer's figure covers only part of the period (true / false): see PARTIAL_PERIOD_CELLS.
    "partial_period": ("PartialPeriod", "PARTIAL_PERIOD", "Partial period"),
}
# Columns that describe the file rather than the observation; read and left aside.
IGNORED_COLUMNS = (
    "DATAFLOW",
    "STRUCTURE",
    "STRUCTURE_ID",
    "ACTION",
    "FREQ",
    "Series",
    "SERIES",
    "SeriesCode",
)
REQUIRED_ROLES = ("year", "value")
OBS_STATUS_CODES = {"", "A", "B", "E", "F", "I", "M", "N", "O", "P", "U", "V"}
CONF_STATUS_CODES = {"", "C", "F", "N", "S"}
PART_CACHE_SIZE = 500_000
YEAR_CACHE_SIZE = 1_000
# Roles whose cells, when filled, send a row through every check (the short way assumes them empty).
ATTRIBUTE_ROLES = (
    "obs_status",
    "conf_status",
    "lower",
    "upper",
    "footnote",
    "evidence",
    "base",
    "partial_period",
)
# What a PartialPeriod cell may say, folded to lower case; an empty cell says nothing (None).
PARTIAL_PERIOD_CELLS: dict[str, bool | None] = {
    "": None,
    "false": False,
    "no": False,
    "n": False,
    "0": False,
    "true": True,
    "yes": True,
    "y": True,
    "1": True,
}
_WITHHELD = re.compile(r"<\s*\d+")


@dataclass(frozen=True)
class IndicatorRules:
    """What the checks need to know about an indicator."""

    code: str
    unit: str
    dimensions: frozenset[str]
    coded: bool = False


@dataclass(frozen=True)
class SeriesPart:
    """What the cells shared by many rows say: the series, or what is wrong with it."""

    series: SeriesKey | None
    rules: IndicatorRules | None
    unit: str
    source: str
    problems: tuple[tuple[str, str, str | None], ...]
    area_text: str | None  # set when the area did not match


@dataclass
class ColumnMap:
    roles: dict[str, str] = field(default_factory=dict)  # role -> column
    dimensions: dict[str, str] = field(default_factory=dict)  # column -> codelist code


class RowChecker:
    """Checks the rows of one file; remembers keys to catch duplicates with conflicting values."""

    def __init__(
        self,
        file: str,
        *,
        indicators: Mapping[str, IndicatorRules],
        resolver: DimensionResolver,
        match_area: Callable[[str], str | None],
        sources: Iterable[str] = (),
        default_indicator: str | None = None,
        default_source: str = "",
    ) -> None:
        self.file = file
        self.indicators = indicators
        self.resolver = resolver
        self.match_area = match_area
        self.sources = set(sources)
        self.default_indicator = default_indicator
        self.default_source = default_source
        self.columns = ColumnMap()
        self.unmatched_areas: dict[str, int] = {}
        self.repeated_rows = 0  # rows that repeat an earlier row of the file, value and all
        # Hashes, not the rows themselves, so a million-row file stays within memory.
        self._seen: dict[int, tuple[int, int]] = {}
        self._parts: dict[tuple[str, ...], SeriesPart] = {}
        # The parts whose rows may take the short way (a known series of a numeric indicator).
        self._shortcuts: dict[tuple[str, ...], tuple[SeriesKey, str, str]] = {}
        self._series_columns: tuple[str, ...] = ()
        self._signature: Callable[[Sequence[str]], Any] = _no_signature
        self._attributes: Callable[[Sequence[str]], Any] | None = None
        self._years: dict[str, int] = {}
        # Each distinct area name and dimension cell is matched once; rows then reuse the answer.
        self._areas: dict[str, str | None] = {}
        self._codes: dict[tuple[str, str], str | None] = {}
        self._year_position: int | None = None
        self._value_position: int | None = None
        # Where each column's cell is in a row; a name the header repeats reads its last column.
        self._positions: dict[str, int] = {}
        self._role_positions: dict[str, int | None] = dict.fromkeys(ROLE_COLUMNS)
        self._role_lookup = {fold(name): role for role, names in ROLE_COLUMNS.items() for name in names}
        self._ignored = {fold(name) for name in IGNORED_COLUMNS}

    def problem(self, code: str, message: str, row: int | None = None, column: str | None = None) -> Problem:
        return Problem(code, message, file=self.file, row=row, column=column)

    def read_header(self, header: list[str]) -> list[Problem]:
        problems = []
        self._positions = {column: position for position, column in enumerate(header)}
        for column in header:
            folded = fold(column)
            role = self._role_lookup.get(folded)
            if role is not None and role not in self.columns.roles:
                self.columns.roles[role] = column
            elif folded in self._ignored:
                continue
            elif (dimension := self.resolver.dimension_for_column(column)) is not None:
                self.columns.dimensions[column] = dimension
            else:
                known = ", ".join(ROLE_COLUMNS[r][0] for r in ROLE_COLUMNS)
                problems.append(
                    self.problem(
                        "unknown-column",
                        f"column {column!r} is neither a known column ({known}) nor a disaggregation "
                        "dimension of the framework's codelists",
                        row=1,
                        column=column,
                    )
                )
        missing = [role for role in REQUIRED_ROLES if role not in self.columns.roles]
        if "indicator" not in self.columns.roles and self.default_indicator is None:
            missing.append("indicator")
        if "area" not in self.columns.roles:
            missing.append("area")
        if "source" not in self.columns.roles and not self.default_source:
            missing.append("source")
        for role in missing:
            names = " or ".join(repr(name) for name in ROLE_COLUMNS[role][:3])
            hint = {"indicator": " (or give --indicator)", "source": " (or give --source)"}.get(role, "")
            problems.append(self.problem("missing-column", f"the file has no {names} column{hint}", row=1))
        positions = self._positions
        self._role_positions = {
            role: positions[self.columns.roles[role]] if role in self.columns.roles else None
            for role in ROLE_COLUMNS
        }
        series_roles = ("indicator", "area", "unit", "source")
        self._series_columns = (
            *(self.columns.roles[role] for role in series_roles if role in self.columns.roles),
            *self.columns.dimensions,
        )
        if self._series_columns:
            self._signature = itemgetter(*(positions[column] for column in self._series_columns))
        attributes = [positions[self.columns.roles[r]] for r in ATTRIBUTE_ROLES if r in self.columns.roles]
        self._attributes = itemgetter(*attributes) if attributes else None
        self._year_position = self._role_positions["year"]
        self._value_position = self._role_positions["value"]
        return problems

    def check(self, row: int, cells: Sequence[str]) -> ObservationValue | list[Problem]:
        """Check one row (its cells in the header's order, as many as the header has columns): the parts
        shared by many rows (indicator, area, codes) are checked once.

        An ordinary row (a known series, a plain year and number, no attributes, not seen before) takes a
        short way; any other row goes through every check. Both ways give the same result for such a row.
        """
        signature = self._signature(cells)
        shortcut = self._shortcuts.get(signature)
        if shortcut is not None and (self._attributes is None or not _filled(self._attributes(cells))):
            # The short way, written out here: this runs once per row of a million-row file.
            series, unit, source = shortcut
            year = self._years.get(cells[self._year_position])  # type: ignore[index]
            if year is not None:
                value = plain_number(cells[self._value_position], unit)  # type: ignore[index]
                identity = hash((series, year, source))
                if value is not None and identity not in self._seen:
                    content = (value, "", unit, "", "", None, None, "", "", None, None)
                    self._seen[identity] = (hash(content), row)
                    return _new_observation(
                        ObservationValue,
                        (series, year, unit, value, "", "", "", None, None, "", "", source, row, None, None),
                    )
        part = self._parts.get(signature)
        if part is None:  # cells not met before
            part = self._part(signature, cells)
        if part.series is not None:
            observation = self._plain_observation(row, cells, part)
            if observation is not None:
                return observation
        return self._check_fully(row, cells, part)

    def _part(self, signature: Any, cells: Sequence[str]) -> SeriesPart:
        part = self._series_part(cells)
        if len(self._parts) < PART_CACHE_SIZE:
            self._parts[signature] = part
            rules = part.rules
            plain_columns = self._year_position is not None and self._value_position is not None
            if part.series is not None and rules is not None and not rules.coded and plain_columns:
                self._shortcuts[signature] = (part.series, part.unit, part.source)
        return part

    def _plain_observation(self, row: int, cells: Sequence[str], part: SeriesPart) -> ObservationValue | None:
        """The observation of an ordinary row, or None when the row needs every check."""
        rules, series = part.rules, part.series
        if rules is None or rules.coded or series is None:
            return None
        attributes = self._attributes
        if attributes is not None and _filled(attributes(cells)):
            return None
        year_position, value_position = self._year_position, self._value_position
        if year_position is None or value_position is None:
            return None
        year_text = cells[year_position]
        year = self._years.get(year_text)
        if year is None:
            year = parse_year(year_text.strip())
            if year is None:
                return None
            if len(self._years) < YEAR_CACHE_SIZE:
                self._years[year_text] = year
        value = plain_number(cells[value_position], rules.unit)
        if value is None:
            return None
        unit, source = part.unit, part.source
        identity = hash((series, year, source))
        if identity in self._seen:  # a repeated row: the full checks tell a repeat from a conflict
            return None
        self._seen[identity] = (hash((value, "", unit, "", "", None, None, "", "", None, None)), row)
        return ObservationValue(series, year, unit, value, "", "", "", None, None, "", "", source, row, None)

    def _check_fully(
        self, row: int, cells: Sequence[str], part: SeriesPart
    ) -> ObservationValue | list[Problem]:
        if part.area_text is not None:
            self.unmatched_areas[part.area_text] = self.unmatched_areas.get(part.area_text, 0) + 1
        problems = [self.problem(code, message, row, column) for code, message, column in part.problems]
        text = self._cell_text(cells)
        year_text = text("year")
        year = parse_year(year_text)
        if year is None:
            problems.append(
                self.problem(
                    "bad-period",
                    f"{year_text!r} is not a year between {MIN_YEAR} and {MAX_YEAR}",
                    row,
                    self.columns.roles.get("year"),
                )
            )
        value, code, conf_status, value_problems = self._value(
            row, text("value"), part.rules, text("conf_status")
        )
        problems.extend(value_problems)
        lower_text, upper_text = text("lower"), text("upper")
        lower, upper = (
            self._bounds(row, lower_text, upper_text, value, problems)
            if lower_text or upper_text
            else (None, None)
        )
        base_text = text("base")
        base = self._base(row, base_text, problems) if base_text else None
        obs_status = text("obs_status").upper()
        self._check_statuses(row, obs_status, conf_status, problems)
        partial_period = self._partial_period(row, text("partial_period"), problems)
        if problems or part.series is None:
            return problems
        footnote, evidence = text("footnote"), text("evidence")
        observation = ObservationValue(
            series=part.series,
            year=year or 0,
            unit=part.unit,
            value=value,
            code=code,
            obs_status=obs_status,
            conf_status=conf_status,
            lower=lower,
            upper=upper,
            footnote=tidy(footnote) if footnote else "",
            evidence=tidy(evidence) if evidence else "",
            source=part.source,
            row=row,
            base=base,
            partial_period=partial_period,
        )
        duplicate = self._duplicate(observation)
        return [duplicate] if duplicate else observation

    def _cell_text(self, cells: Sequence[str]) -> Callable[[str], str]:
        role_positions = self._role_positions

        def text(role: str) -> str:
            position = role_positions[role]
            return cells[position].strip() if position is not None else ""

        return text

    def _partial_period(self, row: int, text: str, problems: list[Problem]) -> bool | None:
        folded = text.lower()
        if folded not in PARTIAL_PERIOD_CELLS:
            problems.append(
                self.problem(
                    "bad-value",
                    f"partial period {text!r} is neither true nor false",
                    row,
                    self.columns.roles.get("partial_period"),
                )
            )
            return None
        return PARTIAL_PERIOD_CELLS[folded]

    def _check_statuses(self, row: int, obs_status: str, conf_status: str, problems: list[Problem]) -> None:
        if obs_status not in OBS_STATUS_CODES:
            problems.append(
                self.problem(
                    "bad-value",
                    f"observation status {obs_status!r} is not an SDMX OBS_STATUS code",
                    row,
                    self.columns.roles.get("obs_status"),
                )
            )
        if conf_status not in CONF_STATUS_CODES:
            problems.append(
                self.problem(
                    "bad-value",
                    f"confidentiality status {conf_status!r} is not an SDMX CONF_STATUS code",
                    row,
                    self.columns.roles.get("conf_status"),
                )
            )

    def _series_part(self, cells: Sequence[str]) -> SeriesPart:
        roles = self.columns.roles
        problems: list[tuple[str, str, str | None]] = []
        cell = self._cell_text(cells)

        indicator_code = cell("indicator") or (self.default_indicator or "")
        rules = self.indicators.get(indicator_code)
        if rules is None:
            message = f"indicator {indicator_code!r} is not in the framework"
            problems.append(("unknown-indicator", message, roles.get("indicator")))
        area_text = cell("area")
        area = self._area(area_text) if area_text else None
        if area is None:
            message = f"area {area_text!r} matches no country or territory (ISO3, ISO2, M49 code or name)"
            problems.append(("unknown-area", message, roles.get("area")))
        dimensions: dict[str, str] = {}
        for column, dimension in self.columns.dimensions.items():
            raw = cells[self._positions[column]]
            code = self._code(dimension, raw)
            if code is None:
                problems.append(("unknown-code", f"{raw.strip()!r} is not a code of {dimension}", column))
                continue
            if code != TOTAL and rules is not None and dimension not in rules.dimensions:
                expected = ", ".join(sorted(rules.dimensions)) or "none"
                message = f"indicator {rules.code} is not disaggregated by {dimension} (expected: {expected})"
                problems.append(("unexpected-dimension", message, column))
            dimensions[dimension] = code
        unit = cell("unit")
        if rules is not None and unit and fold(unit) != fold(rules.unit):
            message = f"unit {unit!r} differs from the indicator's unit {rules.unit}"
            problems.append(("unit-mismatch", message, roles.get("unit")))
        source = cell("source") or self.default_source
        if not source:
            message = "the source is empty: fill the Source cell, or give --source"
            problems.append(("missing-value", message, roles.get("source") or "--source"))
        elif source not in self.sources:
            problems.append(
                ("unknown-source", f"source {source!r} is not registered", roles.get("source") or "--source")
            )
        series = None
        if rules is not None and area is not None and not problems:
            series = SeriesKey(rules.code, area, key_text(dimensions))
        return SeriesPart(
            series=series,
            rules=rules,
            unit=rules.unit if rules else unit,
            source=source,
            problems=tuple(problems),
            area_text=area_text if area is None else None,
        )

    def _area(self, text: str) -> str | None:
        if text in self._areas:
            return self._areas[text]
        area = self.match_area(text)
        if len(self._areas) < PART_CACHE_SIZE:
            self._areas[text] = area
        return area

    def _code(self, dimension: str, cell: str) -> str | None:
        key = (dimension, cell)
        if key in self._codes:
            return self._codes[key]
        code = self.resolver.code_for(dimension, cell)
        if len(self._codes) < PART_CACHE_SIZE:
            self._codes[key] = code
        return code

    def _value(
        self, row: int, text: str, rules: IndicatorRules | None, conf_status: str
    ) -> tuple[float | None, str, str, list[Problem]]:
        conf_status = conf_status.upper()
        if rules is not None and not rules.coded:
            fast = plain_number(text, rules.unit)
            if fast is not None:
                return fast, "", conf_status, []
        column = self.columns.roles.get("value")
        if _WITHHELD.fullmatch(text):
            # Withheld by its publisher (UNHCR and others publish no count from 1 to 4): keep how it read.
            return None, text.replace(" ", ""), "C", []
        if not text and conf_status == "C":
            return None, "", "C", []
        if not text:
            return None, "", conf_status, [self.problem("missing-value", "the value is empty", row, column)]
        if rules is not None and rules.coded:
            code = text.upper()
            if code in CODED_VALUES:
                return None, code, conf_status, []
            return self._refused(
                row, conf_status, "bad-value", f"{text!r} is not one of {', '.join(CODED_VALUES)}"
            )
        number = parse_number(text)
        if number is None:
            return self._refused(row, conf_status, "bad-value", f"{text!r} is not a number")
        unit = rules.unit if rules else ""
        if number < 0 and unit in {"NUMBER", "PERCENT", "PER_1000", "PER_100000"}:
            message = f"{text} is negative; a {unit.lower()} value cannot be"
            return self._refused(row, conf_status, "out-of-range", message)
        if unit == "PERCENT" and number > 100:
            return self._refused(row, conf_status, "out-of-range", f"{text} is over 100 for a percentage")
        if unit == "NUMBER" and not number.is_integer():
            message = f"{text} is not a whole number; counts of children are"
            return self._refused(row, conf_status, "bad-value", message)
        return number, "", conf_status, []

    def _refused(
        self, row: int, conf_status: str, code: str, message: str
    ) -> tuple[float | None, str, str, list[Problem]]:
        """No value: the problem with the value cell."""
        return None, "", conf_status, [self.problem(code, message, row, self.columns.roles.get("value"))]

    def _bounds(
        self, row: int, lower_text: str, upper_text: str, value: float | None, problems: list[Problem]
    ) -> tuple[float | None, float | None]:
        bounds: list[float | None] = []
        for role, text in (("lower", lower_text), ("upper", upper_text)):
            number = parse_number(text) if text else None
            if text and number is None:
                problems.append(
                    self.problem("bad-bound", f"{text!r} is not a number", row, self.columns.roles.get(role))
                )
            bounds.append(number)
        lower, upper = bounds
        if value is not None and (
            (lower is not None and lower > value) or (upper is not None and upper < value)
        ):
            problems.append(
                self.problem(
                    "bad-bound",
                    f"the bounds {lower}-{upper} do not contain the value {value:g}",
                    row,
                    self.columns.roles.get("lower"),
                )
            )
        return lower, upper

    def _base(self, row: int, text: str, problems: list[Problem]) -> float | None:
        """The denominator of a rate or share: a number of people (or decisions), so above zero."""
        number = parse_number(text)
        if number is not None and number > 0:
            return number
        problems.append(
            self.problem(
                "bad-base",
                f"{text!r} is not a base (the positive number a rate or share is computed on)",
                row,
                self.columns.roles.get("base"),
            )
        )
        return None

    def _duplicate(self, observation: ObservationValue) -> Problem | None:
        identity = hash((observation.series, observation.year, observation.source))
        content = hash(observation.content())
        first = self._seen.get(identity)
        if first is None:
            self._seen[identity] = (content, observation.row)
            return None
        if first[0] == content:
            self.repeated_rows += 1
            return None
        return self.problem(
            "conflicting-duplicate",
            f"the same series and year ({observation.series.indicator}, {observation.series.area}, "
            f"{observation.series.key or 'total'}, {observation.year}) has another value at row {first[1]}",
            observation.row,
            self.columns.roles.get("value"),
        )


def _no_signature(cells: Sequence[str]) -> tuple[str, ...]:
    return ()


def _filled(cells: Any) -> bool:
    """Whether any of the cells an itemgetter took (one cell, or a tuple of them) is filled."""
    return any(cells) if isinstance(cells, tuple) else bool(cells)


_new_observation = tuple.__new__  # ObservationValue's own constructor, without its Python-level frame
