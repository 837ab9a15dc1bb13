"""Admin for submissions (state changes only through the workflow service), transitions, audit trail."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from compactwatch.core.workflow import MoveRefused, State
from compactwatch.review.models import AuditEvent, DataSubmission, Transition
from compactwatch.review.services import move


def _move_action(target: State) -> Any:
    def action(modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        for item in queryset:
            try:
                move(item, target, actor=request.user, channel="admin")
            except MoveRefused as refused:
                modeladmin.message_user(request, f"{item}: not done: {refused.message}", messages.ERROR)
            else:
                modeladmin.message_user(request, f"{item}: now {target.value}", messages.SUCCESS)

    action.__name__ = f"move_to_{target.value}"
    return admin.action(description=f"Move to {target.value} (workflow rules apply)")(action)


WORKFLOW_ACTIONS = [_move_action(state) for state in (State.SUBMITTED, State.APPROVED, State.PUBLISHED)]


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(DataSubmission)
class DataSubmissionAdmin(ReadOnlyAdmin):
    list_display = ("original_name", "country", "state", "author", "channel", "created_at")
    list_filter = ("state", "channel")
    search_fields = ("original_name", "country__iso3", "author__username")
    actions = WORKFLOW_ACTIONS


@admin.register(Transition)
class TransitionAdmin(ReadOnlyAdmin):
    list_display = ("at", "content_type", "object_id", "source", "target", "actor")
    list_filter = ("target", "content_type")


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ("at", "action", "object_repr", "actor", "channel")
    list_filter = ("action", "content_type", "channel")
    search_fields = ("object_repr", "summary")
