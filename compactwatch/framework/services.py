"""Loading the framework from YAML into the database: the one way framework rows change.

`load_framework` checks the files first and refuses an invalid framework with the full report, leaving the
database as it was. A valid framework is written in one transaction:

- the same content as the current version changes nothing;
- new content under a new version label becomes the current version; elements are matched by code,
  updated in place, and elements no longer in the YAML are retired (kept, with the version that dropped them);
- new content under a version label already loaded is refused: the label must change with the content;
- content equal to an earlier version makes that version current again.

Every version keeps its full snapshot, so any earlier framework can be read back (`selectors.framework_at`).
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from django.db import models, transaction

from compactwatch.core.codelists import code_parents
from compactwatch.core.framework import Framework, Provenance
from compactwatch.core.framework_checks import read_framework
from compactwatch.core.validation import InvalidInput, Problem, Report
from compactwatch.framework.models import (
    Code,
    Codelist,
    Commitment,
    Document,
    FrameworkVersion,
    Goal,
    Indicator,
    PolicyArea,
    Reference,
    Target,
    Topic,
    Unit,
)
from compactwatch.review.audit import record

LoadStatus = Literal["loaded", "unchanged", "restored"]

REFERENCE_FAMILIES = ("gcm_objectives", "gcm_principles", "gcr_objectives", "sdg_targets", "crc_articles")


@dataclass
class LoadResult:
    version: FrameworkVersion
    status: LoadStatus
    changes: dict[str, Counter[str]] = field(default_factory=dict)

    def summary(self) -> str:
        if self.status == "unchanged":
            return f"framework {self.version.label} is already loaded: nothing changed"
        parts = []
        for section, counts in self.changes.items():
            done = ", ".join(f"{n} {what}" for what, n in sorted(counts.items()) if n)
            if done:
                parts.append(f"{section}: {done}")
        verb = "restored" if self.status == "restored" else "loaded"
        return f"framework {self.version.label} {verb}" + (f" ({'; '.join(parts)})" if parts else "")


def canonical_digest(framework: Framework) -> tuple[dict[str, Any], str]:
    snapshot = framework.model_dump(mode="json")
    text = json.dumps(snapshot, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return snapshot, hashlib.sha256(text.encode("utf-8")).hexdigest()


def load_framework(path: Path, *, actor: Any = None, channel: str = "cli") -> LoadResult:
    """Check the framework at `path` and make it the current version. Raises `InvalidInput` if refused.

    A load that changes the current version is recorded in the audit trail (who, which version, what changed).
    """
    framework, report = read_framework(path)
    if framework is None:
        raise InvalidInput(report)
    snapshot, digest = canonical_digest(framework)
    with transaction.atomic():
        same_content = FrameworkVersion.objects.select_for_update().filter(sha256=digest).first()
        if same_content is not None and same_content.is_current:
            return LoadResult(same_content, "unchanged")
        if same_content is None and FrameworkVersion.objects.filter(label=framework.version).exists():
            raise InvalidInput(_version_clash(path, framework.version))
        FrameworkVersion.objects.filter(is_current=True).update(is_current=False)
        if same_content is None:
            version = FrameworkVersion.objects.create(
                label=framework.version,
                title=framework.title,
                sha256=digest,
                snapshot=snapshot,
                source=str(path),
                is_current=True,
            )
            status: LoadStatus = "loaded"
        else:
            version = same_content
            version.is_current = True
            version.save(update_fields=["is_current"])
            status = "restored"
        changes = _Writer(framework, version).write()
        result = LoadResult(version, status, changes)
        record(version, f"framework-{status}", actor=actor, summary=result.summary(), channel=channel)
    return result


def _version_clash(path: Path, label: str) -> Report:
    report = Report()
    report.add(
        Problem(
            "version-exists",
            f"version {label!r} was loaded before with different content; give the changed framework a new "
            "version label",
            file=str(path),
            path="version",
        )
    )
    return report


class _Writer:
    """Upserts every section of one framework, counting what it created, updated and retired."""

    def __init__(self, framework: Framework, version: FrameworkVersion) -> None:
        self.framework = framework
        self.version = version
        self.changes: dict[str, Counter[str]] = {}
        self.created: set[tuple[type[models.Model], int]] = set()

    def write(self) -> dict[str, Counter[str]]:
        fw = self.framework
        documents = self._sync(
            "documents",
            Document.objects.all(),
            (
                (
                    d.code,
                    {
                        "title": d.title,
                        "symbol": d.symbol or "",
                        "publisher": d.publisher or "",
                        "date": d.date,
                        "url": d.url or "",
                    },
                )
                for d in fw.documents
            ),
        )
        self.documents = documents
        commitments = self._sync(
            "commitments",
            Commitment.objects.all(),
            (
                (
                    c.code,
                    {
                        "document": documents[c.document],
                        "paragraph": c.paragraph or "",
                        "quote": c.quote,
                        **self._provenance(c.provenance),
                    },
                )
                for c in fw.commitments
            ),
        )
        policy_areas = self._sync(
            "policy areas",
            PolicyArea.objects.all(),
            (
                (p.code, {"number": p.number, "title": p.title, **self._provenance(p.provenance)})
                for p in fw.policy_areas
            ),
        )
        references = self._sync(
            "references",
            Reference.objects.all(),
            (
                (r.code, {"family": family, "paragraph": r.paragraph or "", "title": r.title})
                for family in REFERENCE_FAMILIES
                for r in getattr(fw, family)
            ),
        )
        units = self._sync(
            "units",
            Unit.objects.all(),
            ((u.code, {"label": u.label, "description": u.description or ""}) for u in fw.units),
        )
        codelists = self._sync(
            "codelists",
            Codelist.objects.all(),
            (
                (c.code, {"title": c.title, "column_aliases": c.column_aliases, "is_open": c.open})
                for c in fw.codelists
            ),
        )
        for codelist in fw.codelists:
            parents = code_parents(codelist)
            self._sync(
                "codes",
                Code.objects.filter(codelist=codelists[codelist.code]),
                (
                    (
                        code.code,
                        {
                            "codelist": codelists[codelist.code],
                            "label": code.label,
                            "aliases": code.aliases,
                            "description": code.description or "",
                            "parent": parents.get(code.code, ""),
                            "position": position,
                        },
                    )
                    for position, code in enumerate(codelist.codes)
                ),
            )
        topics = self._sync(
            "topics",
            Topic.objects.all(),
            (
                (
                    t.code,
                    {
                        "number": t.number,
                        "title": t.title,
                        "summary": t.summary or "",
                        **self._provenance(t.provenance),
                    },
                )
                for t in fw.topics
            ),
        )
        goals = self._sync(
            "goals",
            Goal.objects.all(),
            (
                (
                    g.code,
                    {
                        "topic": topics[t.code],
                        "number": g.number,
                        "text": g.text,
                        "explanation": g.explanation or "",
                        **self._provenance(g.provenance),
                    },
                )
                for t in fw.topics
                for g in t.goals
            ),
        )
        targets = self._sync(
            "targets",
            Target.objects.all(),
            (
                (
                    k.code,
                    {
                        "goal": goals[g.code],
                        "number": k.number,
                        "text": k.text,
                        "target_year": k.target_year,
                        **self._provenance(k.provenance),
                    },
                )
                for g in fw.goals()
                for k in g.targets
            ),
        )
        indicators = self._sync(
            "indicators",
            Indicator.objects.all(),
            (
                (
                    i.code,
                    {
                        "title": i.title,
                        "definition": i.definition,
                        "type": i.type,
                        "population": i.population,
                        "unit": units[i.unit],
                        "direction": i.direction,
                        "target_value": i.target_value,
                        "target_year": i.target_year,
                        "preferred_sources": i.preferred_sources,
                        "sensitive": i.sensitive,
                        "official_code": i.official_code or "",
                        "notes": i.notes or "",
                        "derived_from": i.derived_from.model_dump(mode="json") if i.derived_from else None,
                        **self._provenance(i.provenance),
                    },
                )
                for i in fw.indicators
            ),
        )

        for topic in fw.topics:
            self._link(
                "topics", topics[topic.code], "commitments", [commitments[c] for c in topic.commitments]
            )
        crosswalked = [(goals[g.code], g) for g in fw.goals()] + [(targets[k.code], k) for k in fw.targets()]
        for row, element in crosswalked:
            section = "goals" if isinstance(row, Goal) else "targets"
            self._link(section, row, "commitments", [commitments[c] for c in element.commitments])
            self._link(section, row, "policy_areas", [policy_areas[p] for p in element.policy_areas])
            codes = [code for family in REFERENCE_FAMILIES for code in getattr(element, family)]
            self._link(section, row, "references", [references[c] for c in codes])
        for indicator in fw.indicators:
            row = indicators[indicator.code]
            self._link("indicators", row, "goals", [goals[c] for c in indicator.goals])
            self._link("indicators", row, "targets", [targets[c] for c in indicator.targets])
            self._link(
                "indicators", row, "disaggregations", [codelists[c] for c in indicator.disaggregations]
            )
        return self.changes

    def _provenance(self, provenance: Provenance) -> dict[str, Any]:
        return {
            "provenance_kind": provenance.kind,
            "provenance_document": self.documents[provenance.document] if provenance.document else None,
            "provenance_reference": provenance.reference or "",
            "provenance_note": provenance.note or "",
        }

    def _count(self, section: str, what: str) -> None:
        self.changes.setdefault(section, Counter())[what] += 1

    def _sync(
        self, section: str, queryset: models.QuerySet[Any], wanted: Iterable[tuple[str, dict[str, Any]]]
    ) -> dict[str, Any]:
        """Create or update the rows in `wanted`, retire rows of `queryset` not in it; rows by code."""
        existing = {row.code: row for row in queryset}
        kept: dict[str, Any] = {}
        for code, values in wanted:
            values = {**values, "retired_in": None}
            row = existing.get(code)
            if row is None:
                row = queryset.model.objects.create(code=code, **values)
                self.created.add((type(row), row.pk))
                self._count(section, "created")
            elif any(getattr(row, name) != value for name, value in values.items()):
                for name, value in values.items():
                    setattr(row, name, value)
                row.save()
                self._count(section, "updated")
            kept[code] = row
        for code, row in existing.items():
            if code not in kept and row.retired_in_id is None:
                row.retired_in = self.version
                row.save(update_fields=["retired_in"])
                self._count(section, "retired")
        return kept

    def _link(self, section: str, row: models.Model, name: str, wanted: list[models.Model]) -> None:
        manager = getattr(row, name)
        if {obj.pk for obj in manager.all()} != {obj.pk for obj in wanted}:
            manager.set(wanted)
            if (type(row), row.pk) not in self.created:
                self._count(section, "relinked")
