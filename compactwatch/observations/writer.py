"""Writing checked observations: compare with the current ones, add what is new, revise what changed.

Observations arrive in chunks while a file is still being read, so memory stays bounded by the chunk and the
series of the file, not by its rows. The caller holds one transaction around every chunk of every file.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.db import connection

from compactwatch.areas.models import Area
from compactwatch.core.series import ObservationValue, SeriesKey
from compactwatch.framework.models import Indicator, Unit
from compactwatch.observations.models import ImportBatch, Observation, Series, Source

WRITE_BATCH = 5_000
SQLITE_CACHE_KIB = 256 * 1024
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
Content = tuple[object, ...]
CurrentKey = tuple[int, int, int]  # series, year, source


class ObservationWriter:
    """Writes the chunks of one import; knows the ids of units, sources, indicators, areas and series."""

    def __init__(self, *, user: Any = None, channel: str = "cli") -> None:
        self.user = user if getattr(user, "is_authenticated", False) else None
        self.channel = channel
        self.units = dict(Unit.objects.values_list("code", "id"))
        self.sources = dict(Source.objects.values_list("code", "id"))
        self.indicators = dict(Indicator.objects.values_list("code", "id"))
        self.areas = dict(Area.objects.values_list("iso3", "id"))
        self.series: dict[SeriesKey, int] = {}
        self._cache_set = False

    def start_file(self, *, file_name: str, sha256: str, format_name: str) -> ImportBatch:
        return ImportBatch.objects.create(
            file_name=file_name,
            sha256=sha256,
            format=format_name,
            imported_by=self.user,
            channel=self.channel,
        )

    def write(self, batch: ImportBatch, observations: Sequence[ObservationValue]) -> None:
        """Add or revise these observations; counts go to the batch (saved by `finish_file`)."""
        if not self._cache_set and connection.vendor == "sqlite":
            # The default 2 MB page cache makes index updates of a large import thrash (this connection only).
            with connection.cursor() as cursor:
                cursor.execute(f"PRAGMA cache_size = -{SQLITE_CACHE_KIB}")
            self._cache_set = True
        series_ids = self._series_ids({o.series for o in observations})
        current = self._current({series_ids[o.series] for o in observations}, {o.year for o in observations})
        new_rows: list[tuple[object, ...]] = []
        superseded: list[int] = []
        for observation in observations:
            key = (series_ids[observation.series], observation.year, self.sources[observation.source])
            content = self._content(observation)
            existing = current.get(key)
            revision = 1
            if existing is not None:
                existing_id, existing_revision, existing_content = existing
                if existing_content == content:
                    batch.unchanged += 1
                    continue
                superseded.append(existing_id)
                revision = existing_revision + 1
                batch.revised += 1
            else:
                batch.added += 1
            new_rows.append((*key, revision, True, *content, batch.pk, observation.row))
            current[key] = (0, revision, content)
        for start in range(0, len(superseded), WRITE_BATCH):
            Observation.objects.filter(pk__in=superseded[start : start + WRITE_BATCH]).update(
                is_current=False
            )
        insert_observations(new_rows)

    @staticmethod
    def finish_file(batch: ImportBatch, rows_read: int) -> None:
        batch.rows_read = rows_read
        batch.save(update_fields=["rows_read", "added", "revised", "unchanged"])

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


def insert_observations(rows: list[tuple[object, ...]]) -> None:
    """Insert many observations fast: COPY on PostgreSQL, executemany on the driver's cursor elsewhere."""
    if not rows:
        return
    table = Observation._meta.db_table
    columns = ", ".join(
        Observation._meta.get_field(name.removesuffix("_id")).column for name in INSERT_FIELDS
    )
    with connection.cursor() as cursor:
        raw = cursor.cursor  # the driver's own cursor: no per-row work in Django's wrapper
        if connection.vendor == "postgresql":
            with raw.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        values = ", ".join(["%s"] * len(INSERT_FIELDS))
        raw.executemany(f"INSERT INTO {table} ({columns}) VALUES ({values})", rows)
