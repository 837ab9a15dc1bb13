"""Reads for review pages and the API: what a person may see, their queue, an object's audit trail."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Exists, ForeignKey, ManyToManyField, Model, OuterRef, Q, QuerySet
from django.db.models.functions import Cast
from django.urls import reverse

from compactwatch.accounts.roles import Scope, is_reviewer, role_of, scope_of
from compactwatch.areas.models import Area
from compactwatch.core.workflow import Role, State
from compactwatch.observations.models import ImportBatch, Observation
from compactwatch.review.models import AuditEvent, DataSubmission, Reviewable

INTEGER_KEYS = {"AutoField", "BigAutoField", "SmallAutoField", "IntegerField", "BigIntegerField"}
QUEUE_STATES = (State.SUBMITTED.value, State.APPROVED.value)


def reviewable_models() -> list[type[Reviewable]]:
    return [model for model in apps.get_models() if issubclass(model, Reviewable)]


def reviewable_model(app_label: str, model_name: str) -> type[Reviewable] | None:
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError:
        return None
    return model if issubclass(model, Reviewable) else None


def review_url(item: Reviewable) -> str:
    meta = item._meta
    return reverse("review:item", args=[meta.app_label, meta.model_name, item.pk])


@dataclass(frozen=True)
class ItemRow:
    item: Reviewable
    kind: str
    url: str
    countries: str


def rows(items: list[Reviewable]) -> list[ItemRow]:
    return [
        ItemRow(item, str(item._meta.verbose_name), review_url(item), ", ".join(sorted(item.country_codes())))
        for item in items
    ]


def can_view(item: Reviewable, user: Any) -> bool:
    """Authors see their own items; reviewers and admins see items of their countries."""
    if item.author_id is not None and item.author_id == getattr(user, "pk", None) and user.is_active:
        return True
    return is_reviewer(user) and scope_of(user).covers(item.country_codes())


def visible_item(model: type[Reviewable], pk: Any, user: Any) -> Reviewable | None:
    item = model.objects.filter(pk=pk).first()
    return item if item is not None and can_view(item, user) else None


def queue(user: Any) -> list[Reviewable]:
    """For reviewers: items waiting (submitted, approved) in their countries, not their own, oldest first."""
    if not is_reviewer(user):
        return []
    scope = scope_of(user)
    waiting: list[Reviewable] = []
    for model in reviewable_models():
        for item in model.objects.filter(state__in=QUEUE_STATES).order_by("state_changed_at"):
            if scope.covers(item.country_codes()):
                waiting.append(item)
    return sorted(waiting, key=lambda item: item.state_changed_at)


def own_items(user: Any) -> list[Reviewable]:
    if role_of(user) == Role.PUBLIC:
        return []
    mine: list[Reviewable] = []
    for model in reviewable_models():
        mine.extend(model.objects.filter(author=user))
    return sorted(mine, key=lambda item: item.created_at, reverse=True)


def submissions_for(user: Any) -> QuerySet[DataSubmission]:
    """Data submissions `user` may see: their own, and for reviewers those of their countries."""
    if role_of(user) == Role.PUBLIC:
        return DataSubmission.objects.none()
    visible = [s.pk for s in DataSubmission.objects.select_related("country") if can_view(s, user)]
    return DataSubmission.objects.filter(pk__in=visible).select_related("country", "author")


@dataclass(frozen=True)
class TrailEntry:
    at: Any
    actor: str
    action: str
    summary: str
    object_repr: str
    object_url: str
    channel: str


def _event_entry(event: AuditEvent) -> TrailEntry:
    actor = event.actor.username if event.actor else "-"
    return TrailEntry(
        event.at, actor, event.action, event.summary, event.object_repr, event.object_url(), event.channel
    )


def _batch_entry(batch: ImportBatch) -> TrailEntry:
    actor = batch.imported_by.username if batch.imported_by else "-"
    summary = (
        f"{batch.rows_read} rows read; {batch.added} added, {batch.revised} revised, "
        f"{batch.unchanged} unchanged"
    )
    return TrailEntry(batch.imported_at, actor, "data-imported", summary, str(batch), "", batch.channel)


def items_in_scope(model: type[Reviewable], scope: Scope) -> QuerySet[Reviewable]:
    """The items of `model` whose countries are all in `scope` (and at least one), as `can_view` rules,
    found in the database through the model's `country` or `countries` relation to areas."""
    items = model.objects.all()
    if scope.every_country:
        return items
    relation = _area_relation(model)
    if relation is None:
        return items.none()
    outside = Area.objects.exclude(iso3__in=scope.countries)
    if isinstance(model._meta.get_field(relation), ManyToManyField):
        return (
            items.filter(**{f"{relation}__isnull": False}).exclude(**{f"{relation}__in": outside}).distinct()
        )
    return items.filter(**{f"{relation}__iso3__in": scope.countries})


def _area_relation(model: type[Model]) -> str | None:
    for field in model._meta.get_fields():
        if isinstance(field, ForeignKey | ManyToManyField) and field.related_model is Area:
            return field.name
    return None


def events_for(user: Any) -> QuerySet[AuditEvent]:
    """Audit events `user` may read: all of them with every country, else those about reviewable items
    of their countries only (the filter runs in the database)."""
    events = AuditEvent.objects.select_related("actor", "content_type")
    if not is_reviewer(user):
        return events.none()
    scope = scope_of(user)
    if scope.every_country:
        return events
    about_items = Q(pk__in=[])
    for model in reviewable_models():
        keys = items_in_scope(model, scope).annotate(key=Cast("pk", CharField())).values("key")
        content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
        about_items |= Q(content_type=content_type, object_id__in=keys)
    return events.filter(about_items)


def batches_for(user: Any) -> QuerySet[ImportBatch]:
    """Data imports `user` may read: all with every country, else those whose stored values all concern
    their countries (an import of several countries' data is an every-country matter)."""
    batches = ImportBatch.objects.select_related("imported_by").order_by("-imported_at", "-pk")
    scope = scope_of(user)
    if not is_reviewer(user):
        return batches.none()
    if scope.every_country:
        return batches
    values = Observation.objects.filter(batch=OuterRef("pk"))
    outside = values.exclude(series__area__iso3__in=scope.countries)
    return batches.filter(Exists(values), ~Exists(outside))


def trail(user: Any, limit: int = 200) -> list[TrailEntry]:
    """The latest recorded changes `user` may read, data imports (CLI, setup, web, API) among them."""
    events = [_event_entry(e) for e in events_for(user)[:limit]]
    batches = [_batch_entry(b) for b in batches_for(user)[:limit]]
    return sorted(events + batches, key=lambda entry: entry.at, reverse=True)[:limit]


def object_trail(app_label: str, model_name: str, object_id: str, user: Any) -> tuple[str, list[TrailEntry]]:
    """Everything `user` may read about one object, newest first, with a name for it."""
    content_type = ContentType.objects.filter(app_label=app_label, model=model_name).first()
    if content_type is None:
        return "", []
    every_country = scope_of(user).every_country
    events = events_for(user).filter(content_type=content_type, object_id=object_id)
    entries = [_event_entry(event) for event in events]
    if content_type.model_class() is ImportBatch:
        entries += [_batch_entry(b) for b in batches_for(user).filter(pk=_int(object_id))]
    if not entries and not every_country:
        return "", []
    found: Model | None = (
        content_type.get_object_for_this_type(pk=object_id) if _exists(content_type, object_id) else None
    )
    name = str(found) if found is not None else (entries[0].object_repr if entries else "")
    return name, sorted(entries, key=lambda entry: entry.at, reverse=True)


def _int(text: str) -> int:
    return int(text) if text.isascii() and text.isdigit() and len(text) < 19 else -1


def _exists(content_type: ContentType, object_id: str) -> bool:
    model = content_type.model_class()
    if model is None:
        return False
    if model._meta.pk.get_internal_type() in INTEGER_KEYS and _int(object_id) < 0:
        return False  # not a key at all, or beyond what the database's integers hold
    try:
        return model._default_manager.filter(pk=object_id).exists()
    except (ValueError, TypeError, OverflowError):
        return False
