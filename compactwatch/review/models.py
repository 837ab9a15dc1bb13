"""Review workflow and audit trail: what is reviewed, every move it made, and every recorded change.

Making a model reviewable (the interface other apps rely on; kept stable)
--------------------------------------------------------------------------

Subclass the abstract `Reviewable`::

    from compactwatch.review.models import Reviewable

    class Practice(Reviewable):
        title = models.CharField(max_length=300)
        countries = models.ManyToManyField(Area)

        def country_codes(self) -> set[str]:          # required: ISO3 codes the item concerns
            return {area.iso3 for area in self.countries.all()}

        def is_public(self) -> bool: ...               # inherited: state in PUBLIC_STATES

`Reviewable` gives every subclass:

- ``state``: one of `ReviewState` (the values of `compactwatch.core.workflow.State`), default ``draft``.
  Never set it by hand outside creation: call `compactwatch.review.services.move`.
- ``author``: the user who wrote it (nullable, for contributions sent without an account).
- ``created_at``, ``state_changed_at``.
- ``transitions``: a generic relation to `Transition` rows, oldest first (``item.transitions.all()``).
- ``country_codes()``: to implement; the countries the item concerns. Scope checks use it: a contributor
  may submit, and a reviewer review, only an item whose countries are all in their scope. An item with no
  country is in the scope of reviewers and admins with every country only.
- ``after_move(transition)``: a hook called inside the move's transaction after the state has changed
  (default: nothing). `DataSubmission` uses it to import its file on publish. Raise
  `compactwatch.core.workflow.MoveRefused` from it to refuse the move; everything is rolled back.

Moves: ``compactwatch.review.services.move(item, State.SUBMITTED, actor=user, comment="")`` checks the
workflow rules (`compactwatch.core.workflow.check_move`) with the actor's role, scope and authorship,
then saves the new state, a `Transition` and an `AuditEvent`, in one transaction. It raises `MoveRefused`.

A new item sent without an account (author None) is submitted with
``compactwatch.review.services.submit_public_contribution(item, channel="web")``.

Recording other changes: ``compactwatch.review.audit.record(obj, action, actor=user, summary="...")``.

Review pages: ``/review/items/<app_label>/<model_name>/<pk>/`` shows any reviewable item to its author and
to reviewers of its countries, with the allowed buttons and its history; it includes the template
``review/detail/<app_label>_<model_name>.html`` (any app may provide it; context: ``item``) if it exists.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse

from compactwatch.core.workflow import PUBLIC_STATES, State

ReviewState = models.TextChoices("ReviewState", [(state.name, state.value) for state in State])


class Transition(models.Model):
    """One move of one reviewable item: who, when, from, to, and why."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.CharField(max_length=64)
    item = GenericForeignKey("content_type", "object_id")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)
    source = models.CharField("from", max_length=20, choices=ReviewState.choices)
    target = models.CharField("to", max_length=20, choices=ReviewState.choices)
    comment = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="transition_item")]

    def __str__(self) -> str:
        return f"{self.source} -> {self.target} by {self.actor or 'nobody'} at {self.at:%Y-%m-%d %H:%M}"


class Reviewable(models.Model):
    """An item that goes through the review workflow (see the module docstring)."""

    state = models.CharField(max_length=20, choices=ReviewState.choices, default=State.DRAFT.value)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="%(app_label)s_%(class)s_authored",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    state_changed_at = models.DateTimeField(auto_now_add=True)
    transitions = GenericRelation(Transition, object_id_field="object_id", content_type_field="content_type")

    class Meta:
        abstract = True

    def country_codes(self) -> set[str]:
        raise NotImplementedError(f"{type(self).__name__} must say which countries it concerns")

    def after_move(self, transition: Transition) -> None:
        """Called inside the move's transaction once the new state is saved; override for side effects."""

    def is_public(self) -> bool:
        return State(self.state) in PUBLIC_STATES


class AuditEvent(models.Model):
    """One recorded change to the framework, the data or a reviewable item."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=60, help_text="e.g. framework-load, submitted, published, edited")
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.CharField(max_length=64)
    object_repr = models.CharField(max_length=300)
    summary = models.TextField(blank=True)
    details = models.JSONField(default=dict, blank=True)
    channel = models.CharField(max_length=20, blank=True, help_text="web, api, cli, admin")

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="audit_object")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.object_repr}"

    def object_url(self) -> str:
        return reverse(
            "review:audit-object", args=[self.content_type.app_label, self.content_type.model, self.object_id]
        )


def submission_upload_path(instance: Any, filename: str) -> str:
    return f"submissions/{instance.country.iso3}/{filename}"


class DataSubmission(Reviewable):
    """A data file a contributor sent for one of their countries; imported only when published."""

    country = models.ForeignKey("areas.Area", on_delete=models.PROTECT, related_name="+")
    file = models.FileField(upload_to=submission_upload_path, max_length=300)
    original_name = models.CharField(max_length=200)
    sha256 = models.CharField(max_length=64)
    format = models.CharField(max_length=20)
    note = models.TextField(blank=True, max_length=2000)
    channel = models.CharField(max_length=10, default="web", help_text="web or api")
    rows_read = models.PositiveIntegerField(default=0)
    indicators = models.JSONField(default=list, help_text="Indicator codes in the file.")
    would_add = models.PositiveIntegerField(default=0)
    would_revise = models.PositiveIntegerField(default=0)
    import_batches = models.JSONField(default=list, blank=True, help_text="ImportBatch ids once published.")

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.original_name} ({self.country.iso3})"

    def get_absolute_url(self) -> str:
        return reverse("review:submission", args=[self.pk])

    def country_codes(self) -> set[str]:
        return {self.country.iso3}

    def after_move(self, transition: Transition) -> None:
        from compactwatch.review.submissions import publish_submission, withdraw_submission

        if transition.target == State.PUBLISHED.value:
            publish_submission(self, transition)
        elif transition.target == State.WITHDRAWN.value:
            withdraw_submission(self, transition)
