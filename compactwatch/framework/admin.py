"""Admin for the coalition's staff: browse, search and curate the framework.

The YAML in the repository is the framework's reviewed source: `compactwatch framework load` writes it
over any edit made here. Edits here are for quick corrections between releases; carry them into the YAML.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models, transaction
from django.http import HttpRequest

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


class AuditedAdmin(admin.ModelAdmin):
    """Records every edit and deletion made here in the audit trail, in the same transaction."""

    def save_model(self, request: HttpRequest, obj: models.Model, form: Any, change: bool) -> None:
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            changed = ", ".join(form.changed_data) or "nothing"
            summary = f"changed: {changed}" if change else "added"
            record(obj, "framework-edited", actor=request.user, summary=summary, channel="admin")

    def delete_model(self, request: HttpRequest, obj: models.Model) -> None:
        with transaction.atomic():
            record(obj, "framework-deleted", actor=request.user, summary="deleted", channel="admin")
            super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: models.QuerySet[Any]) -> None:
        with transaction.atomic():
            for obj in queryset:
                record(obj, "framework-deleted", actor=request.user, summary="deleted", channel="admin")
            super().delete_queryset(request, queryset)


PROVENANCE = (
    "Provenance",
    {
        "fields": (
            "provenance_kind",
            "provenance_document",
            "provenance_reference",
            "provenance_note",
            "retired_in",
        )
    },
)


@admin.register(FrameworkVersion)
class FrameworkVersionAdmin(AuditedAdmin):
    list_display = ("label", "title", "loaded_at", "is_current", "sha256")
    readonly_fields = ("label", "title", "sha256", "snapshot", "source", "loaded_at", "is_current")

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False


@admin.register(Document)
class DocumentAdmin(AuditedAdmin):
    list_display = ("code", "title", "symbol", "date")
    search_fields = ("code", "title", "symbol")


@admin.register(Commitment)
class CommitmentAdmin(AuditedAdmin):
    list_display = ("code", "document", "paragraph", "provenance_kind")
    list_filter = ("document",)
    search_fields = ("code", "quote")
    fieldsets = ((None, {"fields": ("code", "document", "paragraph", "quote")}), PROVENANCE)


@admin.register(PolicyArea)
class PolicyAreaAdmin(AuditedAdmin):
    list_display = ("code", "number", "title")


@admin.register(Reference)
class ReferenceAdmin(AuditedAdmin):
    list_display = ("code", "family", "title")
    list_filter = ("family",)
    search_fields = ("code", "title")


class TargetInline(admin.StackedInline):
    model = Target
    extra = 0
    fields = ("code", "number", "text", "target_year")
    show_change_link = True


class GoalInline(admin.StackedInline):
    model = Goal
    extra = 0
    fields = ("code", "number", "text")
    show_change_link = True


@admin.register(Topic)
class TopicAdmin(AuditedAdmin):
    list_display = ("number", "code", "title", "retired_in")
    filter_horizontal = ("commitments",)
    inlines = (GoalInline,)
    fieldsets = ((None, {"fields": ("code", "number", "title", "summary", "commitments")}), PROVENANCE)


@admin.register(Goal)
class GoalAdmin(AuditedAdmin):
    list_display = ("code", "topic", "text", "retired_in")
    list_filter = ("topic",)
    search_fields = ("code", "text")
    filter_horizontal = ("commitments", "policy_areas", "references")
    inlines = (TargetInline,)
    fieldsets = (
        (None, {"fields": ("code", "topic", "number", "text", "explanation")}),
        ("Links", {"fields": ("commitments", "policy_areas", "references")}),
        PROVENANCE,
    )


@admin.register(Target)
class TargetAdmin(AuditedAdmin):
    list_display = ("code", "goal", "target_year", "text")
    list_filter = ("goal__topic",)
    search_fields = ("code", "text")
    filter_horizontal = ("commitments", "policy_areas", "references")
    fieldsets = (
        (None, {"fields": ("code", "goal", "number", "text", "target_year")}),
        ("Links", {"fields": ("commitments", "policy_areas", "references")}),
        PROVENANCE,
    )


@admin.register(Indicator)
class IndicatorAdmin(AuditedAdmin):
    list_display = (
        "code",
        "title",
        "type",
        "population",
        "unit",
        "direction",
        "target_value",
        "target_year",
        "sensitive",
    )
    list_filter = ("type", "population", "direction", "sensitive", "provenance_kind", "goals__topic")
    search_fields = ("code", "title", "definition", "official_code")
    filter_horizontal = ("goals", "targets", "disaggregations")
    # A derivation decides what disclosure control withholds: it changes only with the reviewed YAML.
    readonly_fields = ("derived_from",)
    fieldsets = (
        (None, {"fields": ("code", "title", "definition", "type", "official_code")}),
        (
            "Measurement",
            {"fields": ("unit", "direction", "target_value", "target_year", "sensitive", "derived_from")},
        ),
        ("Links", {"fields": ("goals", "targets", "disaggregations", "preferred_sources", "notes")}),
        PROVENANCE,
    )


@admin.register(Unit)
class UnitAdmin(AuditedAdmin):
    list_display = ("code", "label")


class CodeInline(admin.TabularInline):
    model = Code
    extra = 0
    fields = ("position", "code", "label", "parent", "aliases", "retired_in")
    # Nesting is what disclosure control sums over: it changes only with the reviewed YAML.
    readonly_fields = ("parent",)


@admin.register(Codelist)
class CodelistAdmin(AuditedAdmin):
    list_display = ("code", "title", "is_open")
    inlines = (CodeInline,)
