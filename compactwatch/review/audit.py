"""Recording changes in the audit trail: one call per change, from any app.

    from compactwatch.review.audit import record
    record(practice, "edited", actor=request.user, summary="title changed", channel="web")

Call it inside the transaction that makes the change, so the change and its record stand or fall together.
"""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from compactwatch.review.models import AuditEvent


def record(
    obj: models.Model,
    action: str,
    *,
    actor: Any = None,
    summary: str = "",
    details: dict[str, Any] | None = None,
    channel: str = "",
) -> AuditEvent:
    """Add one event about `obj` to the audit trail."""
    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action[:60],
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
        object_id=str(obj.pk),
        object_repr=str(obj)[:300],
        summary=summary,
        details=details or {},
        channel=channel[:20],
    )
