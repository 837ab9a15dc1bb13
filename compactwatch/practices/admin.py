"""Admin for good practices: staff read and correct the content; the state changes only through the review
pages (the workflow service), so it is read-only here. Every save re-indexes the practice and is audited."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models, transaction
from django.http import HttpRequest

from compactwatch.practices.models import Practice, PracticeSource, PracticeTargetGroup
from compactwatch.practices.search import index_practice
from compactwatch.practices.services import delete_practice
from compactwatch.review.audit import record


class SourceInline(admin.TabularInline):
    model = PracticeSource
    extra = 0
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


class TargetGroupInline(admin.TabularInline):
    model = PracticeTargetGroup
    extra = 0


@admin.register(Practice)
class PracticeAdmin(admin.ModelAdmin):
    list_display = ["title", "state", "level", "status", "state_changed_at"]
    list_filter = ["state", "level", "status", "topics"]
    search_fields = ["title", "summary"]
    filter_horizontal = ["countries", "topics", "policy_areas", "gcm_objectives", "gcm_principles"]
    readonly_fields = ["state", "author", "created_at", "state_changed_at", "reference", "seed_key"]
    inlines = [TargetGroupInline, SourceInline]

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        with transaction.atomic():
            super().save_related(request, form, formsets, change)
            practice = form.instance
            index_practice(practice)
            record(practice, "edited" if change else "created", actor=request.user, channel="admin")

    def delete_model(self, request: HttpRequest, obj: Practice) -> None:
        delete_practice(obj, actor=request.user, channel="admin")

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        for practice in queryset:
            delete_practice(practice, actor=request.user, channel="admin")
