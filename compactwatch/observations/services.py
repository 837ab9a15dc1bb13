"""Importing indicator data: the one way observations are written.

`import_files` reads every file, checks every row against the framework, and writes only if no file has a
problem: one transaction for the whole call, so a refused import leaves the database as it was. Importing
the same file twice adds nothing; a file that changes values adds revisions and keeps the earlier ones.
"""

from __future__ import annotations

import gc
import hashlib
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction

from compactwatch.areas.models import Area, Region
from compactwatch.core.area_matching import AreaMatcher, AreaNames, read_area_mapping
from compactwatch.core.codelists import DimensionResolver
from compactwatch.core.formats import ReadOptions, detect_format, reader_for
from compactwatch.core.framework import Code_, Codelist
from compactwatch.core.observation_checks import IndicatorRules, RowChecker
from compactwatch.core.series import ObservationValue
from compactwatch.core.validation import InvalidInput, Problem, Report
from compactwatch.framework.models import Codelist as CodelistRow
from compactwatch.framework.models import Indicator
from compactwatch.observations.models import ImportBatch, Source
from compactwatch.observations.writer import ObservationWriter

Progress = Callable[[str, int, int], None]  # file, rows done, size (bytes or rows; 0 if unknown)
CHUNK_ROWS = 100_000
PROGRESS_EVERY = 10_000


@dataclass
class FileOutcome:
    file: str
    format: str
    sha256: str = ""
    rows_read: int = 0
    added: int = 0
    revised: int = 0
    unchanged: int = 0
    unmatched_areas: dict[str, int] = field(default_factory=dict)
    # Whether a row read so far may repeat an earlier one (a row seen twice, or a second table), in which
    # case the writer compares new series with what this file wrote before.
    may_repeat: bool = False
    observations: list[ObservationValue] = field(default_factory=list, repr=False)  # check_file only
    encoding: str = ""  # how a text file was decoded, when not plain UTF-8 ("cp1252 (sniffed)")

    def summary(self) -> str:
        read_as = f" (read as {self.encoding})" if self.encoding not in ("", "utf-8") else ""
        return (
            f"{self.file}{read_as}: {self.rows_read} rows read; {self.added} added, {self.revised} revised, "
            f"{self.unchanged} unchanged"
        )


@dataclass
class ImportOutcome:
    files: list[FileOutcome]
    report: Report
    dry_run: bool
    written: bool = False

    @property
    def added(self) -> int:
        return sum(f.added for f in self.files)

    @property
    def revised(self) -> int:
        return sum(f.revised for f in self.files)

    @property
    def unchanged(self) -> int:
        return sum(f.unchanged for f in self.files)

    @property
    def rows_read(self) -> int:
        return sum(f.rows_read for f in self.files)


def framework_rules() -> tuple[dict[str, IndicatorRules], DimensionResolver]:
    """The framework as the checks need it, read from the database."""
    indicators = {
        indicator.code: IndicatorRules(
            code=indicator.code,
            unit=indicator.unit.code,
            dimensions=frozenset(codelist.code for codelist in indicator.disaggregations.all()),
            coded=indicator.unit.code == "YES_PARTIAL_NO",
        )
        for indicator in Indicator.objects.filter(retired_in__isnull=True)
        .select_related("unit")
        .prefetch_related("disaggregations")
    }
    codelists = [
        Codelist(
            code=row.code,
            title=row.title,
            column_aliases=row.column_aliases,
            open=row.is_open,
            codes=[Code_(code=c.code, label=c.label, aliases=c.aliases) for c in row.codes.all()],
        )
        for row in CodelistRow.objects.filter(retired_in__isnull=True).prefetch_related("codes")
    ]
    return indicators, DimensionResolver(codelists)


def area_matcher(confirmed: Mapping[str, str] | None = None) -> AreaMatcher:
    """Codes, official names and curated aliases of the stored areas; M49 groupings are refused by name.

    `confirmed` maps area names the user chose to ISO3 codes (see `area_mapping`)."""
    names = (
        AreaNames(iso3, iso2, m49, tuple(n for n in (name, name_fr, name_es) if n))
        for iso3, iso2, m49, name, name_fr, name_es in Area.objects.values_list(
            "iso3", "iso2", "m49", "name", "name_fr", "name_es"
        )
    )
    regions = Region.objects.values_list("m49", "name")
    return AreaMatcher(names, regions=regions, confirmed=confirmed)


def area_mapping(content: bytes, file: str) -> dict[str, str]:
    """A user's choice of ISO3 code for area names (CSV: name, ISO3); `InvalidInput` with row and column
    for every problem."""
    mapping, problems = read_area_mapping(content, file, area_matcher())
    if problems:
        report = Report()
        report.extend(problems)
        raise InvalidInput(report)
    return mapping


def area_mapping_file(path: Path) -> dict[str, str]:
    try:
        content = path.read_bytes()
    except OSError as error:
        report = Report()
        report.add(Problem("not-found", f"the area mapping cannot be read: {error.strerror}", file=str(path)))
        raise InvalidInput(report) from None
    return area_mapping(content, path.name)


def file_digest(path: Path) -> str:
    digest = hashlib.sha256()
    files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
    for file in files:
        with file.open("rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
    return digest.hexdigest()


@dataclass
class ImportContext:
    """What every file of one import is checked against: the framework, the areas, the sources."""

    indicators: dict[str, IndicatorRules]
    resolver: DimensionResolver
    matcher: AreaMatcher
    sources: set[str]
    indicator: str | None = None
    source: str | None = None
    read_options: ReadOptions = field(default_factory=ReadOptions)

    @classmethod
    def from_database(
        cls,
        indicator: str | None = None,
        source: str | None = None,
        area_mapping: Mapping[str, str] | None = None,
        encoding: str | None = None,
    ) -> ImportContext:
        indicators, resolver = framework_rules()
        sources = set(Source.objects.values_list("code", flat=True))
        matcher = area_matcher(area_mapping)
        return cls(indicators, resolver, matcher, sources, indicator, source, ReadOptions(encoding=encoding))


def checked_chunks(
    path: Path,
    outcome: FileOutcome,
    context: ImportContext,
    report: Report,
    progress: Progress | None = None,
) -> Iterator[list[ObservationValue]]:
    """Read and check one file, yielding its valid observations a chunk at a time; problems go to `report`."""
    chunk: list[ObservationValue] = []
    for number_of_table, table in enumerate(reader_for(outcome.format)(path, context.read_options)):
        outcome.may_repeat = outcome.may_repeat or number_of_table > 0
        outcome.encoding = outcome.encoding or table.encoding
        checker = RowChecker(
            table.name,
            indicators=context.indicators,
            resolver=context.resolver,
            match_area=context.matcher.match,
            sources=context.sources,
            default_indicator=context.indicator,
            default_source=context.source or "",
        )
        if not table.header:  # an unreadable file or an empty one: its reader said why, if it could
            report.extend(cells for _, cells in table.rows if isinstance(cells, Problem))
            if report.ok:
                report.add(Problem("empty-file", "the file has no header row", file=table.name))
            continue
        header_problems = checker.read_header(table.header)
        report.extend(header_problems)
        if header_problems:
            continue
        area_column = checker.columns.roles.get("area")
        area_position = {column: i for i, column in enumerate(table.header)}.get(area_column or "")
        check, rows_read = checker.check, outcome.rows_read  # locals: this loop runs once per row
        for number, cells in table.rows:
            rows_read += 1
            if progress is not None and rows_read % PROGRESS_EVERY == 0:
                progress(outcome.file, rows_read, table.size)
            if isinstance(cells, Problem):
                report.add(cells)
                continue
            checked = check(number, cells)
            if isinstance(checked, list):
                report.extend(_area_problems_explained(checked, cells, area_position, context.matcher))
            elif not report.problems:
                chunk.append(checked)
                if len(chunk) >= CHUNK_ROWS:
                    outcome.rows_read = rows_read
                    outcome.may_repeat = outcome.may_repeat or checker.repeated_rows > 0
                    yield chunk
                    chunk = []
        outcome.rows_read = rows_read
        outcome.may_repeat = outcome.may_repeat or checker.repeated_rows > 0
        for name, count in checker.unmatched_areas.items():
            outcome.unmatched_areas[name] = outcome.unmatched_areas.get(name, 0) + count
    if chunk and report.ok:
        yield chunk


def check_file(
    path: Path,
    *,
    indicators: dict[str, IndicatorRules],
    resolver: DimensionResolver,
    matcher: AreaMatcher,
    sources: set[str],
    indicator: str | None = None,
    source: str | None = None,
    progress: Progress | None = None,
    report: Report,
) -> FileOutcome:
    """Check one file without writing; its valid observations are kept in the outcome (for small files,
    such as uploads waiting for review; imports stream instead)."""
    if not path.exists():
        report.add(Problem("not-found", "no such file", file=str(path)))
        return FileOutcome(path.name, "")
    outcome = FileOutcome(path.name, detect_format(path), sha256=file_digest(path))
    context = ImportContext(indicators, resolver, matcher, sources, indicator, source)
    for chunk in checked_chunks(path, outcome, context, report, progress):
        outcome.observations.extend(chunk)
    if not report.ok:
        outcome.observations.clear()
    return outcome


def import_files(
    paths: Sequence[Path],
    *,
    indicator: str | None = None,
    source: str | None = None,
    dry_run: bool = False,
    user: Any = None,
    channel: str = "cli",
    progress: Progress | None = None,
    area_mapping: Mapping[str, str] | None = None,
    encoding: str | None = None,
) -> ImportOutcome:
    """Check every file and write all of them or none. Raises `InvalidInput` with the report if refused.

    Area names match by code, official name or curated alias, or by `area_mapping` (names the user mapped
    to ISO3 codes, see `area_mapping_file`); any other name refuses the import. `encoding` declares how
    text files are written when they do not say so themselves (a byte-order mark wins).

    Rows are checked and written a chunk at a time inside one transaction, so memory stays bounded; a
    problem anywhere stops the writing (the checks go on, to report every problem) and rolls everything
    back. A dry run is rolled back too, after counting what it would add and revise.
    """
    context = ImportContext.from_database(indicator, source, area_mapping, encoding)
    report = Report()
    outcomes: list[FileOutcome] = []
    with _cyclic_collection_paused(), transaction.atomic():
        writer = ObservationWriter(user=user, channel=channel)
        for path in paths:
            outcome = _import_one(path, context, report, writer, progress)
            outcomes.append(outcome)
        if dry_run or not report.ok:
            transaction.set_rollback(True)
    if not report.ok:
        _report_unmatched(report, outcomes)
        raise InvalidInput(report)
    return ImportOutcome(outcomes, report, dry_run, written=not dry_run)


def _area_problems_explained(
    problems: list[Problem], cells: Sequence[str], area_position: int | None, matcher: AreaMatcher
) -> list[Problem]:
    """The row's problems, each unmatched area said precisely: historical, regional, sub-national,
    ambiguous or unknown, with the nearest suggestions."""
    if area_position is None or area_position >= len(cells):
        return problems
    explained = []
    for problem in problems:
        refusal = matcher.refusal(cells[area_position]) if problem.code == "unknown-area" else None
        explained.append(
            problem if refusal is None else refusal.problem(problem.file, problem.row, problem.column)
        )
    return explained


@contextmanager
def _cyclic_collection_paused() -> Iterator[None]:
    """Pause Python's cycle collector while rows are read and written (memory is still freed as usual).

    A large import makes millions of small objects that live until their chunk is written; the collector
    would walk them over and over, about a quarter of the import's time. Whoever paused it restarts it.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _import_one(
    path: Path, context: ImportContext, report: Report, writer: ObservationWriter, progress: Progress | None
) -> FileOutcome:
    if not path.exists():
        report.add(Problem("not-found", "no such file", file=str(path)))
        return FileOutcome(path.name, "")
    outcome = FileOutcome(path.name, detect_format(path), sha256=file_digest(path))
    batch: ImportBatch | None = None
    for chunk in checked_chunks(path, outcome, context, report, progress):
        if batch is None:
            batch = writer.start_file(
                file_name=outcome.file, sha256=outcome.sha256, format_name=outcome.format
            )
        writer.write(batch, chunk, may_repeat=outcome.may_repeat)
    if batch is not None and report.ok:
        writer.finish_file(batch, outcome.rows_read)
        outcome.added, outcome.revised, outcome.unchanged = batch.added, batch.revised, batch.unchanged
    return outcome


def _report_unmatched(report: Report, outcomes: Sequence[FileOutcome]) -> None:
    """Close the report with the area names that matched nothing, each once, with how many rows used it."""
    for outcome in outcomes:
        if outcome.unmatched_areas:
            names = ", ".join(
                f"{name!r} ({count} row{'s' if count != 1 else ''})"
                for name, count in sorted(outcome.unmatched_areas.items())
            )
            report.notes.append(f"{outcome.file}: area names that matched no country or territory: {names}")
