"""Data submissions: a contributor's file, checked at once, stored, and imported only when published.

`create_submission` refuses a file with any problem (unreadable, wrong type, rows the framework rejects,
rows for a country other than the submission's) with the full coded report, and stores nothing.
`publish_submission` runs inside the workflow move to `published` (see `DataSubmission.after_move`).

Area names are never guessed: a contributor may send, with the data file, a mapping of the area names it
refused to ISO3 codes (CSV: name, ISO3). The mapping is recorded in the audit trail
(`area-names-confirmed`), where reviewers see it, and the publication applies exactly that mapping.
"""

from __future__ import annotations

import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.files import File
from django.db import transaction
from django.utils.text import get_valid_filename

from compactwatch.accounts.roles import role_of, scope_of
from compactwatch.areas.models import Area
from compactwatch.assessments.services import assess
from compactwatch.core.validation import InvalidInput, Problem, Report
from compactwatch.core.workflow import MoveRefused, Role
from compactwatch.observations.models import ImportBatch, Source
from compactwatch.observations.services import (
    area_mapping,
    area_matcher,
    check_file,
    framework_rules,
    import_files,
)
from compactwatch.observations.withdrawal import withdraw_batches
from compactwatch.review.audit import record
from compactwatch.review.models import AuditEvent, DataSubmission, Transition
from compactwatch.review.text import text_problem

ACCEPTED_SUFFIXES = (".csv", ".xlsx", ".parquet", ".zip")
MAX_BYTES = 10 * 1024 * 1024
MAX_MAPPING_BYTES = 1024 * 1024
AREA_NAMES_CONFIRMED = "area-names-confirmed"
NOTE_MAX = 2000
NAME_MAX = 150


@dataclass
class Upload:
    """What a person sends: the file's name and bytes, the country, a note."""

    name: str
    content: bytes
    country: str
    note: str = ""
    areas: bytes = b""  # the contributor's mapping of area names to ISO3 codes (CSV: name, ISO3), if any
    areas_name: str = "areas.csv"


def _problem(code: str, message: str, file: str | None = None, column: str | None = None) -> InvalidInput:
    report = Report()
    report.add(Problem(code, message, file=file, column=column))
    return InvalidInput(report)


def _check_request(upload: Upload, author: Any) -> Area:
    """Refuse what is wrong before reading the file: who, which country, what kind of file."""
    if role_of(author) == Role.PUBLIC:
        raise _problem("sign-in-required", "sign in as a contributor to submit data")
    name = upload.name.strip()
    if not name:
        raise _problem("missing-file", "choose a data file to send", column="file")
    if len(name) > NAME_MAX:
        raise _problem("name-too-long", f"the file name is longer than {NAME_MAX} characters", column="file")
    if not name.lower().endswith(ACCEPTED_SUFFIXES):
        accepted = ", ".join(ACCEPTED_SUFFIXES)
        raise _problem("unsupported-file-type", f"send a data file ({accepted})", file=name, column="file")
    if not upload.content:
        raise _problem("empty-file", "the file is empty", file=name, column="file")
    if len(upload.content) > MAX_BYTES:
        raise _problem("file-too-large", f"the file is larger than {MAX_BYTES // 1024 // 1024} MB", file=name)
    note_problem = text_problem(upload.note, field="note", limit=NOTE_MAX)
    if note_problem is not None:
        raise _problem("bad-note", note_problem, column="note")
    area = Area.objects.filter(iso3=upload.country.strip().upper()).first()
    if area is None:
        raise _problem(
            "unknown-country", f"{upload.country[:10]!r} is not an ISO3 country code", column="country"
        )
    if not scope_of(author).covers({area.iso3}):
        raise _problem("out-of-scope", f"{area.iso3} is not one of your countries", column="country")
    return area


@dataclass
class CheckedFile:
    indicators: list[str]
    format: str
    sha256: str
    rows_read: int


def confirmed_area_names(upload: Upload) -> dict[str, str]:
    """The contributor's mapping of area names to ISO3 codes; `InvalidInput` with row and column if wrong."""
    if not upload.areas:
        return {}
    name = get_valid_filename(upload.areas_name.strip() or "areas.csv")[:NAME_MAX]
    if len(upload.areas) > MAX_MAPPING_BYTES:
        raise _problem("file-too-large", "the area names file is larger than 1 MB", file=name, column="areas")
    return area_mapping(upload.areas, name)


def check_rows(path: Path, area: Area, confirmed: dict[str, str] | None = None) -> CheckedFile:
    """Every row checked against the framework and against the submission's country."""
    indicators, resolver = framework_rules()
    report = Report()
    try:
        outcome = check_file(
            path,
            indicators=indicators,
            resolver=resolver,
            matcher=area_matcher(confirmed),
            sources=set(Source.objects.values_list("code", flat=True)),
            report=report,
        )
    except (UnicodeDecodeError, zipfile.BadZipFile, ValueError, OSError) as unreadable:
        raise _problem(
            "unreadable-file", f"the file cannot be read as data: {unreadable}", file=path.name
        ) from None
    for observation in outcome.observations:
        if observation.series.area != area.iso3:
            report.add(
                Problem(
                    "area-out-of-scope",
                    f"this row is for {observation.series.area}; this submission is for {area.iso3}",
                    file=path.name,
                    row=observation.row,
                )
            )
    if not report.ok:
        raise InvalidInput(report)
    if not outcome.observations:
        raise _problem("no-rows", "the file has no data rows", file=path.name)
    codes = sorted({o.series.indicator for o in outcome.observations})
    return CheckedFile(codes, outcome.format, outcome.sha256, outcome.rows_read)


def create_submission(upload: Upload, *, author: Any, channel: str) -> DataSubmission:
    """Check `upload` and store it as a draft submission; `InvalidInput` with the report if refused."""
    area = _check_request(upload, author)
    confirmed = confirmed_area_names(upload)
    name = get_valid_filename(upload.name.strip())
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(upload.content)
        checked = check_rows(path, area, confirmed)
        dry_run = import_files([path], dry_run=True, area_mapping=confirmed)
        with transaction.atomic(), path.open("rb") as handle:
            submission = DataSubmission(
                author=author,
                country=area,
                original_name=name,
                sha256=checked.sha256,
                format=checked.format,
                note=upload.note.strip(),
                channel=channel,
                rows_read=checked.rows_read,
                indicators=checked.indicators,
                would_add=dry_run.added,
                would_revise=dry_run.revised,
            )
            submission.file.save(name, File(handle), save=False)
            submission.save()
            record(
                submission,
                "created",
                actor=author,
                summary=f"{name}: {checked.rows_read} rows",
                channel=channel,
            )
            if confirmed:
                _record_confirmed_names(submission, confirmed, author, channel)
    return submission


def _record_confirmed_names(
    submission: DataSubmission, confirmed: dict[str, str], author: Any, channel: str
) -> None:
    record(
        submission,
        AREA_NAMES_CONFIRMED,
        actor=author,
        summary="; ".join(f"{name!r} -> {iso3}" for name, iso3 in sorted(confirmed.items())),
        details={"areas": confirmed},
        channel=channel,
    )


def area_names_confirmed(submission: DataSubmission) -> dict[str, str]:
    """The area names the contributor mapped to ISO3 codes when sending the file (none: empty)."""
    kind = ContentType.objects.get_for_model(submission, for_concrete_model=False)
    event = (
        AuditEvent.objects.filter(
            content_type=kind, object_id=str(submission.pk), action=AREA_NAMES_CONFIRMED
        )
        .order_by("-pk")
        .first()
    )
    areas = event.details.get("areas", {}) if event is not None else {}
    return {str(name): str(iso3) for name, iso3 in areas.items()}


def publish_submission(submission: DataSubmission, transition: Transition) -> None:
    """Import the submission's file for real, then re-assess each indicator it touches in its country."""
    path = Path(submission.file.path)
    try:
        outcome = import_files(
            [path],
            user=submission.author,
            channel=submission.channel,
            area_mapping=area_names_confirmed(submission),
        )
    except InvalidInput as refused:
        raise MoveRefused(
            "import-refused", f"the file no longer passes the checks:\n{refused.report.render()}"
        ) from None
    batches = list(
        ImportBatch.objects.filter(sha256__in={f.sha256 for f in outcome.files})
        .order_by("-pk")
        .values_list("pk", flat=True)[:1]
    )
    submission.import_batches = batches
    submission.save(update_fields=["import_batches"])
    record(
        submission,
        "data-imported",
        actor=transition.actor,
        summary=f"{outcome.added} added, {outcome.revised} revised, {outcome.unchanged} unchanged",
        details={"import_batches": batches},
    )
    _reassess(submission)


def withdraw_submission(submission: DataSubmission, transition: Transition) -> None:
    """Take the submission's values out of the published data, then re-assess what they touched."""
    outcome = withdraw_batches(submission.import_batches)
    record(
        submission,
        "data-withdrawn",
        actor=transition.actor,
        summary=outcome.summary(),
        details={"import_batches": submission.import_batches},
    )
    _reassess(submission)


def _reassess(submission: DataSubmission) -> None:
    for indicator in submission.indicators:
        assess(indicator=indicator, area=submission.country.iso3)
