"""Loading the seed practices (`practices.yaml` beside this file): only practices their sources state.

`load_seed_practices(path)` checks every entry with the same rules as the form and the API, then, in one
transaction, adds the new ones as published (the move recorded by the system, with no actor), updates
those whose content changed and leaves the others alone. Running it twice changes nothing the second time.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from django.db import transaction

from compactwatch.core.validation import Problem
from compactwatch.practices.models import Practice
from compactwatch.practices.services import write_content
from compactwatch.practices.validation import TEXT_FIELDS, PracticeData, PracticeInvalid, validate_practice
from compactwatch.review.audit import record
from compactwatch.review.services import publish_seed_entry

SEED_FILE = Path(__file__).parent / "practices.yaml"
SEED_CHANNEL = "cli"


def _read(path: Path) -> list[dict[str, Any]]:
    where = str(path)
    if not path.is_file():
        raise PracticeInvalid([Problem("not-found", f"no seed file at {where}", path=where)])
    try:
        content = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as error:
        raise PracticeInvalid([Problem("yaml-syntax", f"{where}: {error}", path=where)]) from None
    entries = content.get("practices") if isinstance(content, dict) else None
    if not isinstance(entries, list) or not all(isinstance(entry, dict) for entry in entries):
        raise PracticeInvalid([Problem("missing-field", f"{where}: needs a list `practices`", path=where)])
    return entries


def _checked(entries: list[dict[str, Any]], where: str) -> list[tuple[str, Any]]:
    problems: list[Problem] = []
    checked = []
    for number, entry in enumerate(entries, start=1):
        fields = dict(entry)
        key = str(fields.pop("key", "") or "")
        label = f"{where}, practice {number} ({key or 'no key'})"
        if not key:
            problems.append(Problem("missing-field", f"{label}: key is required", path=label))
        try:
            checked.append((key, validate_practice(fields)))
        except PracticeInvalid as invalid:
            problems += [
                Problem(p.code, f"{label}: {p.path}: {p.message}", path=label) for p in invalid.problems
            ]
    if problems:
        raise PracticeInvalid(problems)
    return checked


def _data_fingerprint(data: PracticeData) -> tuple[Any, ...]:
    return (
        sorted(data.text.items()),
        (data.level, data.status, data.licence, data.start_year, data.end_year, data.links),
        sorted(area.iso3 for area in data.countries),
        sorted(row.code for row in [*data.topics, *data.policy_areas, *data.gcm_objectives]),
        sorted(row.code for row in data.gcm_principles),
        sorted(data.target_groups),
        [(s.title, s.publisher, s.year, s.url, s.quote) for s in data.sources],
    )


def _settings(practice: Practice) -> tuple[Any, ...]:
    p = practice
    return (p.level, p.status, p.licence, p.start_year, p.end_year, p.links)


def _stored_fingerprint(practice: Practice) -> tuple[Any, ...]:
    text = {name: getattr(practice, name) for name in TEXT_FIELDS}
    tags = [*practice.topics.all(), *practice.policy_areas.all(), *practice.gcm_objectives.all()]
    return (
        sorted(text.items()),
        _settings(practice),
        sorted(practice.country_codes()),
        sorted(row.code for row in tags),
        sorted(row.code for row in practice.gcm_principles.all()),
        sorted(practice.target_group_codes()),
        [(s.title, s.publisher, s.year, s.url, s.quote) for s in practice.sources.all()],
    )


def _publish_as_system(practice: Practice, where: str) -> None:
    """A seeded practice is published on creation, through the review service (no actor: the system)."""
    publish_seed_entry(practice, comment=f"seed practice loaded from {where}", channel=SEED_CHANNEL)


def load_seed_practices(path: Path | str = SEED_FILE) -> str:
    """Load the seed file at `path`; a one-line summary of what changed. Bad entries change nothing."""
    path = Path(path)
    checked = _checked(_read(path), path.name)
    added = updated = unchanged = 0
    with transaction.atomic():
        for key, data in checked:
            existing = Practice.objects.filter(seed_key=key).first()
            if existing is None:
                practice = write_content(Practice(seed_key=key), data)
                _publish_as_system(practice, path.name)
                added += 1
                continue
            if _stored_fingerprint(existing) == _data_fingerprint(data):
                unchanged += 1
                continue
            write_content(existing, data)
            record(existing, "edited", summary=f"updated from {path.name}", channel=SEED_CHANNEL)
            updated += 1
    return f"seed practices from {path.name}: {added} added, {updated} updated, {unchanged} unchanged"
