"""Importing indicator data: the one way observations are written.

`import_files` reads every file, checks every row against the framework, and writes only if no file has a
problem: one transaction for the whole call, so a refused import leaves the database as it was. Importing
the same file twice adds nothing; a file that changes values adds revisions and keeps the earlier ones.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import connection, transaction

from compactwatch.areas.models import Area
from compactwatch.core.area_matching import AreaMatcher, AreaNames
from compactwatch.core.codelists import DimensionResolver
from compactwatch.core.formats import detect_format, reader_for
from compactwatch.core.framework import Code_, Codelist
from compactwatch.core.observation_checks import IndicatorRules, RowChecker
from compactwatch.core.series import ObservationValue, SeriesKey
from compactwatch.core.validation import InvalidInput, Problem, Report
from compactwatch.framework.models import Codelist as CodelistRow
from compactwatch.framework.models import Indicator, Unit
from compactwatch.observations.models import ImportBatch, Observation, Series, Source

Progress = Callable[[str, int, int], None]  # file, done, total
WRITE_BATCH = 5_000


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
    observations: list[ObservationValue] = field(default_factory=list, repr=False)

    def summary(self) -> str:
        return (
            f"{self.file}: {self.rows_read} rows read; {self.added} added, {self.revised} revised, "
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


def area_matcher() -> AreaMatcher:
    names = (
        AreaNames(iso3, iso2, m49, tuple(n for n in (name, name_fr, name_es) if n))
        for iso3, iso2, m49, name, name_fr, name_es in Area.objects.values_list(
            "iso3", "iso2", "m49", "name", "name_fr", "name_es"
        )
    )
    return AreaMatcher(names)


def file_digest(path: Path) -> str:
    digest = hashlib.sha256()
    files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
    for file in files:
        with file.open("rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
    return digest.hexdigest()


def check_file(
    path: Path,
    *,
    indicators: dict[str, IndicatorRules],
    resolver: DimensionResolver,
    matcher: AreaMatcher,
    sources: set[str],
    indicator: str | None = None,
    source: str | None = None,
    format_name: str | None = None,
    progress: Progress | None = None,
    report: Report,
) -> FileOutcome:
    """Read and check one file; problems go to `report`, valid rows to the outcome."""
    if not path.exists():
        report.add(Problem("not-found", "no such file", file=str(path)))
        return FileOutcome(path.name, format_name or "")
    format_name = format_name or detect_format(path)
    outcome = FileOutcome(path.name, format_name, sha256=file_digest(path))
    for table in reader_for(format_name)(path):
        checker = RowChecker(
            table.name,
            indicators=indicators,
            resolver=resolver,
            match_area=matcher.match,
            sources=sources,
            default_indicator=indicator,
            default_source=source or "",
        )
        header_problems = checker.read_header(table.header)
        report.extend(header_problems)
        if header_problems:
            continue
        for number, cells in table.rows:
            outcome.rows_read += 1
            if isinstance(cells, Problem):
                report.add(cells)
                continue
            checked = checker.check(number, cells)
            if isinstance(checked, list):
                report.extend(checked)
            elif report.ok:
                outcome.observations.append(checked)
            if progress is not None and outcome.rows_read % 10_000 == 0:
                progress(outcome.file, outcome.rows_read, table.size)
        for name, count in checker.unmatched_areas.items():
            outcome.unmatched_areas[name] = outcome.unmatched_areas.get(name, 0) + count
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
) -> ImportOutcome:
    """Check every file, then write all of them or none. Raises `InvalidInput` with the report if refused."""
    indicators, resolver = framework_rules()
    matcher = area_matcher()
    sources = set(Source.objects.values_list("code", flat=True))
    report = Report()
    outcomes = [
        check_file(
            path,
            indicators=indicators,
            resolver=resolver,
            matcher=matcher,
            sources=sources,
            indicator=indicator,
            source=source,
            progress=progress,
            report=report,
        )
        for path in paths
    ]
    if not report.ok:
        raise InvalidInput(report)
    result = ImportOutcome(outcomes, report, dry_run)
    with transaction.atomic():
        writer = _Writer()
        for outcome in outcomes:
            writer.write(outcome, dry_run=dry_run, user=user, channel=channel)
        if dry_run:
            transaction.set_rollback(True)
        else:
            result.written = True
    for outcome in outcomes:
        outcome.observations.clear()
    return result


Content = tuple[object, ...]


class _Writer:
    """Compares checked observations with the current ones and writes what is new or changed."""

    def __init__(self) -> None:
        self.units = dict(Unit.objects.values_list("code", "id"))
        self.sources = dict(Source.objects.values_list("code", "id"))
        self.indicators = dict(Indicator.objects.values_list("code", "id"))
        self.areas = dict(Area.objects.values_list("iso3", "id"))

    def write(self, outcome: FileOutcome, *, dry_run: bool, user: Any, channel: str) -> None:
        observations = outcome.observations
        if not observations:
            return
        series_ids = self._series_ids({o.series for o in observations})
        current = self._current(series_ids.values(), {o.year for o in observations})
        batch = ImportBatch.objects.create(
            file_name=outcome.file,
            sha256=outcome.sha256,
            format=outcome.format,
            imported_by=user if getattr(user, "is_authenticated", False) else None,
            channel=channel,
            rows_read=outcome.rows_read,
        )
        new_rows: list[tuple[object, ...]] = []
        superseded: list[int] = []
        for observation in observations:
            series_id = series_ids[observation.series]
            source_id = self.sources[observation.source]
            content = self._content(observation)
            existing = current.get((series_id, observation.year, source_id))
            revision = 1
            if existing is not None:
                existing_id, existing_revision, existing_content = existing
                if existing_content == content:
                    outcome.unchanged += 1
                    continue
                superseded.append(existing_id)
                revision = existing_revision + 1
                outcome.revised += 1
            else:
                outcome.added += 1
            new_rows.append(
                (series_id, observation.year, source_id, revision, True, *content, batch.pk, observation.row)
            )
            current[(series_id, observation.year, source_id)] = (0, revision, content)
        if not dry_run:
            for start in range(0, len(superseded), WRITE_BATCH):
                Observation.objects.filter(pk__in=superseded[start : start + WRITE_BATCH]).update(
                    is_current=False
                )
            _insert_observations(new_rows)
        batch.added, batch.revised, batch.unchanged = outcome.added, outcome.revised, outcome.unchanged
        batch.save(update_fields=["added", "revised", "unchanged"])

    def _content(self, observation: ObservationValue) -> Content:
        return (
            observation.value,
            observation.code,
            self.units[observation.unit],
            observation.obs_status,
            observation.conf_status,
            observation.lower,
            observation.upper,
            observation.footnote,
            observation.evidence,
        )

    def _series_ids(self, keys: set[SeriesKey]) -> dict[SeriesKey, int]:
        indicator_ids = {self.indicators[key.indicator] for key in keys}
        reverse_indicators = {v: k for k, v in self.indicators.items()}
        reverse_areas = {v: k for k, v in self.areas.items()}

        def existing() -> dict[SeriesKey, int]:
            rows = Series.objects.filter(indicator_id__in=indicator_ids).values_list(
                "id", "indicator_id", "area_id", "key"
            )
            return {
                SeriesKey(reverse_indicators[indicator_id], reverse_areas[area_id], key): pk
                for pk, indicator_id, area_id, key in rows
            }

        found = existing()
        missing = [key for key in keys if key not in found]
        if missing:
            Series.objects.bulk_create(
                [
                    Series(indicator_id=self.indicators[k.indicator], area_id=self.areas[k.area], key=k.key)
                    for k in missing
                ],
                batch_size=WRITE_BATCH,
            )
            found = existing()
        return found

    def _current(
        self, series_ids: Iterable[int], years: set[int]
    ) -> dict[tuple[int, int, int], tuple[int, int, Content]]:
        ids = list(series_ids)
        current: dict[tuple[int, int, int], tuple[int, int, Content]] = {}
        fields = ("id", "series_id", "year", "source_id", "revision", *CONTENT_FIELDS)
        for start in range(0, len(ids), WRITE_BATCH):
            rows = Observation.objects.filter(
                series_id__in=ids[start : start + WRITE_BATCH], is_current=True, year__in=years
            ).values_list(*fields)
            for pk, series_id, year, source_id, revision, *content in rows:
                current[(series_id, year, source_id)] = (pk, revision, tuple(content))
        return current


CONTENT_FIELDS = (
    "value",
    "value_code",
    "unit_id",
    "obs_status",
    "conf_status",
    "lower_bound",
    "upper_bound",
    "footnote",
    "evidence",
)
INSERT_FIELDS = (
    "series_id",
    "year",
    "source_id",
    "revision",
    "is_current",
    *CONTENT_FIELDS,
    "batch_id",
    "source_row",
)


def _insert_observations(rows: list[tuple[object, ...]]) -> None:
    """Insert many observations fast: COPY on PostgreSQL, batched executemany elsewhere."""
    if not rows:
        return
    table = Observation._meta.db_table
    columns = [Observation._meta.get_field(name.removesuffix("_id")).column for name in INSERT_FIELDS]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            raw = cursor.cursor
            with raw.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        placeholders = ", ".join(["%s"] * len(columns))
        sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({placeholders})"
        for start in range(0, len(rows), WRITE_BATCH):
            cursor.executemany(sql, rows[start : start + WRITE_BATCH])
