"""The real data shipped with compactwatch (`data/`): register its sources and import its files.

`data/sources.yaml` lists each extract with its source (producer, URL, licence, date retrieved). Loading is
idempotent: files already imported add nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from django.db import transaction

from compactwatch.core.validation import InvalidInput, Problem, Report
from compactwatch.observations.models import Source
from compactwatch.observations.services import ImportOutcome, Progress, import_files

MANIFEST = "sources.yaml"
SOURCE_FIELDS = ("title", "producer", "url", "licence", "licence_url", "citation", "notes")


@dataclass(frozen=True)
class BundledFile:
    path: Path
    source: str


def read_manifest(folder: Path) -> tuple[list[dict[str, Any]], list[BundledFile]]:
    path = folder / MANIFEST
    if not path.exists():
        return [], []
    document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    entries = document.get("extracts", []) if isinstance(document, dict) else document
    sources: dict[str, dict[str, Any]] = {}
    files = []
    for entry in entries:
        source = entry["source"]
        sources.setdefault(source["code"], source)
        files.append(BundledFile(folder / entry["file"], source["code"]))
    return list(sources.values()), files


def _date(value: Any) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


@transaction.atomic
def register_sources(entries: list[dict[str, Any]]) -> int:
    """Create or update sources by code; returns how many changed."""
    changed = 0
    for entry in entries:
        values = {name: str(entry.get(name) or "") for name in SOURCE_FIELDS}
        values["licence"] = values["licence"] or "not stated"
        values["retrieved"] = _date(entry.get("retrieved"))  # type: ignore[assignment]
        source, created = Source.objects.get_or_create(code=entry["code"], defaults=values)
        if created:
            changed += 1
        elif any(getattr(source, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(source, k, v)
            source.save()
            changed += 1
    return changed


def load_bundled_data(folder: Path, progress: Progress | None = None) -> list[ImportOutcome]:
    sources, files = read_manifest(folder)
    missing = [f for f in files if not f.path.exists()]
    if missing:
        report = Report()
        for f in missing:
            report.add(Problem("not-found", "listed in sources.yaml but missing", file=str(f.path)))
        raise InvalidInput(report)
    register_sources(sources)
    outcomes = []
    for bundled in files:
        outcomes.append(
            import_files([bundled.path], source=bundled.source, channel="setup", progress=progress)
        )
    return outcomes
