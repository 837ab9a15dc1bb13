"""Importing what the platform publishes changes nothing it stores, in every export format.

Exports withhold small counts ("<10", or an empty value with CONF_STATUS C) and never show a rate's base;
importing such a file back must leave every raw value, base and revision as it was. Into an empty store the
same file gives back every value that was published, and marks the withheld ones as withheld.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.management import call_command

from compactwatch.core.formats import FORMATS, format_named, reader_for
from compactwatch.observations.bundled import read_manifest, register_sources
from compactwatch.observations.models import ImportBatch, Observation, Series
from compactwatch.observations.services import import_files

pytestmark = pytest.mark.django_db

# A representative part of the bundled data: bundled file -> the areas kept (None: every row).
PART = {
    "uk_children_entering_detention.csv": None,
    "uk_uasc_asylum_decisions.csv": None,
    "uk_uasc_grant_rate.csv": None,
    "unhcr_refugee_children.csv": {"TCD", "ISL", "MLT"},
    "unhcr_refugee_children_share.csv": {"TCD", "ISL", "MLT"},
    "unhcr_refugee_age_data_coverage.csv": {"TCD", "ISL", "MLT"},
}
# Withheld by its publisher before it reached the platform: stored as a marker, published as one.
WITHHELD_AT_SOURCE = (
    "Indicator,GeoCode,Year,MIGRATORY_STATUS,SEX,AGE,Value,Units\n"
    "refugee-children,ISL,2001,ASY,F,Y0T4,<5,NUMBER\n"
)
RAW = (
    "series__indicator__code",
    "series__area__iso3",
    "series__key",
    "year",
    "source__code",
    "revision",
    "is_current",
    "value",
    "value_code",
    "unit__code",
    "obs_status",
    "conf_status",
    "lower_bound",
    "upper_bound",
    "footnote",
    "evidence",
    "base",
)


def load_part(folder: Path) -> None:
    sources, files = read_manifest(settings.BUNDLED_DATA_DIR)
    register_sources(sources)
    for bundled in files:
        if bundled.path.name in PART:
            kept = PART[bundled.path.name]
            with bundled.path.open(encoding="utf-8", newline="") as handle:
                rows = list(csv.reader(handle))
            part = folder / bundled.path.name
            with part.open("w", encoding="utf-8", newline="") as handle:
                csv.writer(handle).writerows(
                    r for r in rows if kept is None or r[1] in kept or r[1] == "GeoCode"
                )
            import_files([part], source=bundled.source, channel="setup")
    marker = folder / "withheld_at_source.csv"
    marker.write_text(WITHHELD_AT_SOURCE, encoding="utf-8")
    import_files([marker], source="unhcr-refugee-data-finder")


def stored() -> list[tuple[Any, ...]]:
    """Every stored revision of every value, raw."""
    return list(Observation.objects.order_by("series_id", "year", "source_id", "revision").values_list(*RAW))


def current_cells() -> dict[tuple[Any, ...], tuple[Any, ...]]:
    """The current value of each cell (series, year, source) with its attributes, the base left out."""
    fields = RAW[:5] + RAW[7:-1]
    return {row[:5]: row[5:] for row in Observation.objects.filter(is_current=True).values_list(*fields)}


def export_to(folder: Path, format_name: str) -> Path:
    path = folder / "export" / format_named(format_name).default_name
    path.parent.mkdir(exist_ok=True)
    call_command("export", "--format", format_name, "-o", str(path))
    return path


def withheld_rows(path: Path, format_name: str) -> int:
    """Rows of an export whose value is withheld (CONF_STATUS C, whatever the format calls the column)."""
    count = 0
    for table in reader_for(format_name)(path):
        positions = [i for i, name in enumerate(table.header) if name in ("ConfStatus", "CONF_STATUS")]
        count += sum(1 for _, cells in table.rows if isinstance(cells, list) and cells[positions[0]] == "C")
    return count


@pytest.mark.parametrize("format_name", FORMATS)
def test_importing_an_export_changes_no_stored_value(tmp_path: Path, format_name: str) -> None:
    load_part(tmp_path)
    before = stored()
    exported = export_to(tmp_path, format_name)
    assert withheld_rows(exported, format_name) >= 30  # the detention and decision tables withhold cells

    outcome = import_files([exported])

    assert (outcome.added, outcome.revised, outcome.unchanged) == (0, 0, outcome.rows_read)
    assert stored() == before
    assert sum(1 for row in before if row[-1] is not None) == sum(
        1 for row in stored() if row[-1] is not None
    )


@pytest.mark.parametrize("format_name", FORMATS)
def test_an_export_gives_an_empty_store_every_published_value(tmp_path: Path, format_name: str) -> None:
    load_part(tmp_path)
    original = current_cells()
    exported = export_to(tmp_path, format_name)
    Observation.objects.all().delete()
    ImportBatch.objects.all().delete()
    Series.objects.all().delete()

    import_files([exported])

    fresh = current_cells()
    assert fresh.keys() == original.keys()
    withheld = {cell for cell, content in fresh.items() if content[0] is None and content[4] == "C"}
    assert len(withheld) == withheld_rows(exported, format_name)
    assert {c: fresh[c] for c in fresh if c not in withheld} == {
        c: original[c] for c in fresh if c not in withheld
    }
    assert set(Observation.objects.values_list("revision", flat=True)) == {1}
