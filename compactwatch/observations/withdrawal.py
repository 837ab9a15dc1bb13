"""Taking back what an import published, without losing anything.

A withdrawn submission's values stop being current: each value the import added leaves the published data,
and each value it revised goes back to the revision before it. Every revision stays in the store, so the
history of a value still shows what was published, when, and that it was withdrawn.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Max

from compactwatch.observations.models import Observation


@dataclass(frozen=True)
class WithdrawalOutcome:
    removed: int = 0  # values the import added, no longer published
    restored: int = 0  # values the import revised, back to the revision before it
    kept: int = 0  # values a later import has revised since: the later value stands

    def summary(self) -> str:
        return (
            f"{self.removed} values no longer published, {self.restored} restored to their earlier revision, "
            f"{self.kept} left as a later import revised them"
        )


@transaction.atomic
def withdraw_batches(batch_ids: Iterable[int]) -> WithdrawalOutcome:
    """Stop publishing the values these imports wrote (see the module docstring)."""
    written = Observation.objects.select_for_update().filter(batch_id__in=list(batch_ids))
    current = list(written.filter(is_current=True))
    kept = written.filter(is_current=False).count()
    Observation.objects.filter(pk__in=[o.pk for o in current]).update(is_current=False)
    restored = 0
    for observation in current:
        earlier = _revision_before(observation)
        if earlier is not None:
            Observation.objects.filter(pk=earlier).update(is_current=True)
            restored += 1
    return WithdrawalOutcome(removed=len(current) - restored, restored=restored, kept=kept)


def _revision_before(observation: Observation) -> int | None:
    same_value = Observation.objects.filter(
        series_id=observation.series_id,
        year=observation.year,
        source_id=observation.source_id,
        revision__lt=observation.revision,
    )
    latest = same_value.aggregate(revision=Max("revision"))["revision"]
    if latest is None:
        return None
    return same_value.filter(revision=latest).values_list("pk", flat=True).first()
