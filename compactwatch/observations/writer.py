"""Writing checked observations: compare with the current ones, add what is new, revise what changed.

Observations arrive in chunks while a file is still being read, so memory stays bounded by the chunk and the
series of the file, not by its rows. The caller holds one transaction around every chunk of every file, and
one import writes at a time: the others wait their turn and say so.

Nothing is lost on a re-import: a marker of a withheld value ("<5", or an empty value with CONF_STATUS C, as
published outputs write them) never replaces a stored value, and a file without a base (which published
outputs never show) or without a partial-period flag leaves the stored one of an otherwise unchanged value as
it is.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterable, Sequence
from itertools import chain
from operator import itemgetter
from typing import Any

from django.db import connection

from compactwatch.areas.models import Area
from compactwatch.core.series import CODED_VALUES, ObservationValue, SeriesKey
from compactwatch.framework.models import Indicator, Unit
from compactwatch.observations.apps import WAITING_MESSAGE
from compactwatch.observations.models import ImportBatch, Observation, Series, Source

logger = logging.getLogger(__name__)

# Any number, the same for every process: PostgreSQL's advisory lock that lets one import write at a time.
IMPORT_LOCK_KEY = 7_216_512_001
WRITE_BATCH = 5_000
SQLITE_CACHE_KIB = 256 * 1024
SQLITE_ROWS_PER_INSERT = 500  # 8,000 parameters a statement, fewer if the library allows fewer
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
    "partial_period",
    "base",
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
Content = tuple[object, ...]
BASE = CONTENT_FIELDS.index("base")
PARTIAL = CONTENT_FIELDS.index("partial_period")
# Fields a file may leave unsaid (None): the stored value is then kept.
UNSAID_WHEN_NONE = (PARTIAL, BASE)
CurrentKey = tuple[int, int, int]  # series, year, source


class ObservationWriter:
    """Writes the chunks of one import; knows the ids of units, sources, indicators, areas and series."""

    def __init__(self, *, user: Any = None, channel: str = "cli") -> None:
        take_import_lock()
        self.user = user if getattr(user, "is_authenticated", False) else None
        self.channel = channel
        self.units = dict(Unit.objects.values_list("code", "id"))
        self.sources = dict(Source.objects.values_list("code", "id"))
        self.indicators = dict(Indicator.objects.values_list("code", "id"))
        self.areas = dict(Area.objects.values_list("iso3", "id"))
        self.series: dict[SeriesKey, int] = {}
        self._created: set[int] = set()  # series created while writing the current file
        self._cache_set = False

    def start_file(self, *, file_name: str, sha256: str, format_name: str) -> ImportBatch:
        return ImportBatch.objects.create(
            file_name=file_name,
            sha256=sha256,
            format=format_name,
            imported_by=self.user,
            channel=self.channel,
        )

    def write(
        self, batch: ImportBatch, observations: Sequence[ObservationValue], *, may_repeat: bool = True
    ) -> None:
        """Add or revise these observations; counts go to the batch (saved by `finish_file`).

        `may_repeat=False` says that no observation of the file so far repeats another one (same series,
        year and source): then the series this file created need no comparison, having only what this
        file wrote and it never writes the same observation twice.
        """
        self._tune_connection()
        series_keys = {o.series for o in observations}
        series_ids = self._series_ids(series_keys)
        compared = {series_ids[key] for key in series_keys}
        if not may_repeat:
            compared -= self._created
        current = self._current(compared, {o.year for o in observations}) if compared else {}
        sources, units, batch_id = self.sources, self.units, batch.pk
        if not current and not may_repeat:  # all new, none twice: nothing to compare
            insert_observations(
                sorted(
                    (
                        (series_ids[o[0]], o[1], sources[o[11]], 1, True, o[3], o[4], units[o[2]], o[5], o[6],
                         o[7], o[8], o[9], o[10], o[14] or False, o[13], batch_id, o[12])
                        for o in observations
                    ),
                    key=_index_order,
                )
            )  # fmt: skip
            batch.added += len(observations)
            return
        new_rows: list[tuple[object, ...]] = []
        superseded: list[int] = []
        added = revised = unchanged = 0
        for observation in observations:
            (series, year, unit, value, code, obs_status, conf_status, lower, upper, footnote, evidence,
             source, row, base, partial) = observation  # fmt: skip
            series_id, source_id, unit_id = series_ids[series], sources[source], units[unit]
            key = (series_id, year, source_id)
            content = (value, code, unit_id, obs_status, conf_status, lower, upper, footnote, evidence,
                       partial, base)  # fmt: skip
            existing = current.get(key)
            if existing is None:
                revision = 1
                added += 1
            elif existing[2] == content or adds_nothing(content, existing[2]):
                unchanged += 1
                continue
            else:
                superseded.append(existing[0])
                revision = existing[1] + 1
                revised += 1
            current[key] = (0, revision, content)
            new_rows.append(
                (series_id, year, source_id, revision, True, value, code, unit_id, obs_status, conf_status,
                 lower, upper, footnote, evidence, partial or False, base, batch_id, row)
            )  # fmt: skip
        batch.added += added
        batch.revised += revised
        batch.unchanged += unchanged
        for start in range(0, len(superseded), WRITE_BATCH):
            Observation.objects.filter(pk__in=superseded[start : start + WRITE_BATCH]).update(
                is_current=False
            )
        # In index order (by series; a stable sort keeps the file's order, usually by year, within each): the
        # unique indexes then grow at a few places instead of everywhere.
        new_rows.sort(key=_index_order)
        insert_observations(new_rows)

    def _tune_connection(self) -> None:
        if not self._cache_set and connection.vendor == "sqlite":
            # The default 2 MB page cache makes index updates of a large import thrash (this connection only).
            with connection.cursor() as cursor:
                cursor.execute(f"PRAGMA cache_size = -{SQLITE_CACHE_KIB}")
            self._cache_set = True

    def finish_file(self, batch: ImportBatch, rows_read: int) -> None:
        self._created.clear()  # the next file compares with everything, this file's series included
        batch.rows_read = rows_read
        batch.save(update_fields=["rows_read", "added", "revised", "unchanged"])

    def _series_ids(self, keys: set[SeriesKey]) -> dict[SeriesKey, int]:
        missing = [key for key in keys if key not in self.series]
        if missing:
            self._load_series({key.indicator for key in missing})
            new = [key for key in missing if key not in self.series]
            Series.objects.bulk_create(
                [
                    Series(indicator_id=self.indicators[k.indicator], area_id=self.areas[k.area], key=k.key)
                    for k in new
                ],
                batch_size=WRITE_BATCH,
            )
            if new:
                self._load_series({key.indicator for key in new})
                self._created.update(self.series[key] for key in new)
        return self.series

    def _load_series(self, indicators: set[str]) -> None:
        indicator_codes = {self.indicators[code]: code for code in indicators}
        area_codes = {pk: iso3 for iso3, pk in self.areas.items()}
        rows = Series.objects.filter(indicator_id__in=indicator_codes).values_list(
            "id", "indicator_id", "area_id", "key"
        )
        for pk, indicator_id, area_id, key in rows:
            self.series[SeriesKey(indicator_codes[indicator_id], area_codes[area_id], key)] = pk

    def _current(
        self, series_ids: Iterable[int], years: set[int]
    ) -> dict[CurrentKey, tuple[int, int, Content]]:
        """The current observations of these series in these years, read with plain SQL (many ids)."""
        ids = sorted(series_ids)
        year_list = sorted(years)
        table = Observation._meta.db_table
        columns = ", ".join(("id", "series_id", "year", "source_id", "revision", *CONTENT_FIELDS))
        current: dict[CurrentKey, tuple[int, int, Content]] = {}
        with connection.cursor() as cursor:
            for start in range(0, len(ids), WRITE_BATCH):
                part = ids[start : start + WRITE_BATCH]
                cursor.execute(
                    f"SELECT {columns} FROM {table} WHERE is_current AND "
                    f"series_id IN ({', '.join(['%s'] * len(part))}) "
                    f"AND year IN ({', '.join(['%s'] * len(year_list))})",
                    [*part, *year_list],
                )
                for pk, series_id, year, source_id, revision, *content in cursor.fetchall():
                    current[(series_id, year, source_id)] = (pk, revision, tuple(content))
        return current


_index_order = itemgetter(0)  # an int per row compares faster than a (series, year) tuple


def adds_nothing(incoming: Content, stored: Content) -> bool:
    """Whether an incoming value says nothing the stored one does not: a withheld marker ("<5", or empty
    with CONF_STATUS C: the value is there but not shown), or the same value without what the file does not
    say (no base, which outputs never show; no partial-period flag)."""
    value, code, conf_status = incoming[0], incoming[1], incoming[4]
    if value is None and conf_status == "C" and code not in CODED_VALUES:
        return True
    unsaid = {position for position in UNSAID_WHEN_NONE if incoming[position] is None}
    if not unsaid:
        return False
    return all(a == b for i, (a, b) in enumerate(zip(incoming, stored, strict=True)) if i not in unsaid)


def take_import_lock() -> None:
    """Let one import write at a time: the others wait their turn, and say so.

    Called first in the import's transaction and held to its end. On PostgreSQL an advisory lock; on SQLite
    the transaction itself began with BEGIN IMMEDIATE (every SQLite connection does, see
    `compactwatch.observations.apps`), which waits for the writer before it and says so.
    """
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", [IMPORT_LOCK_KEY])
        if cursor.fetchone()[0]:
            return
        logger.warning(WAITING_MESSAGE)
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [IMPORT_LOCK_KEY])


def insert_observations(rows: list[tuple[object, ...]]) -> None:
    """Insert many observations fast: COPY on PostgreSQL, multi-row INSERT statements on SQLite."""
    if not rows:
        return
    table = Observation._meta.db_table
    columns = ", ".join(
        Observation._meta.get_field(name.removesuffix("_id")).column for name in INSERT_FIELDS
    )
    if connection.vendor == "sqlite":
        _insert_sqlite(f"INSERT INTO {table} ({columns}) VALUES ", rows)
        return
    with connection.cursor() as cursor:
        raw = cursor.cursor  # the driver's own cursor: no per-row work in Django's wrapper
        if connection.vendor == "postgresql":
            with raw.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        values = ", ".join(["%s"] * len(INSERT_FIELDS))
        raw.executemany(f"INSERT INTO {table} ({columns}) VALUES ({values})", rows)


def _insert_sqlite(insert: str, rows: list[tuple[object, ...]]) -> None:
    """Many rows per statement (a third less of SQLite's time than one statement per row), through a plain
    cursor of Django's connection (same transaction; its wrapper would rewrite each long statement)."""
    width = len(INSERT_FIELDS)
    connection.ensure_connection()
    driver = connection.connection
    per_statement = max(
        1, min(SQLITE_ROWS_PER_INSERT, driver.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER) // width)
    )
    one = "(" + ", ".join(["?"] * width) + ")"
    cursor = driver.cursor()
    try:
        full = len(rows) - len(rows) % per_statement
        if full:
            statement = insert + ", ".join([one] * per_statement)
            for start in range(0, full, per_statement):
                cursor.execute(statement, list(chain.from_iterable(rows[start : start + per_statement])))
        if full < len(rows):
            rest = rows[full:]
            cursor.execute(insert + ", ".join([one] * len(rest)), list(chain.from_iterable(rest)))
    finally:
        cursor.close()
