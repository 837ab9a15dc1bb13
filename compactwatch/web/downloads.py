"""One indicator's published data as a file, in every export format (through observations.exports)."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.cache import cache
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from compactwatch.observations import exports
from compactwatch.observations.selectors import published_table
from compactwatch.web.selectors import data_stamp


@dataclass(frozen=True)
class DownloadFormat:
    name: str  # the exports format name
    label: str | Promise
    extension: str
    content_type: str


FORMATS = {
    f.name: f
    for f in (
        DownloadFormat("csv", _("CSV (tidy, Open SDG style)"), "csv", "text/csv; charset=utf-8"),
        DownloadFormat("sdmx-csv", _("SDMX-CSV"), "sdmx.csv", "text/csv; charset=utf-8"),
        DownloadFormat(
            "xlsx", _("Excel"), "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        ),
        DownloadFormat(
            "datapackage", _("Frictionless Data Package (zip)"), "datapackage.zip", "application/zip"
        ),
        DownloadFormat("parquet", _("Parquet"), "parquet", "application/vnd.apache.parquet"),
    )
}


def file_name(indicator: str, download: DownloadFormat) -> str:
    return f"compactwatch-{indicator}.{download.extension}"


def render(indicator: str, download: DownloadFormat) -> bytes:
    """The file's bytes; kept in the cache until the data change (a new import)."""
    cache_key = f"web:download:{indicator}:{download.name}:{data_stamp()}"
    content = cache.get(cache_key)
    if content is None:
        content = _render(indicator, download.name)
        cache.set(cache_key, content, timeout=24 * 3600)
    return bytes(content)


def _render(indicator: str, format_name: str) -> bytes:
    return exports.render_bytes(format_name, published_table(indicator))
