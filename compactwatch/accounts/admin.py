"""Admin for accounts: Django's user admin with the role and countries inline; every change is audited."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.db import models, transaction
from django.http import HttpRequest

from compactwatch.accounts.models import ApiToken, Profile
from compactwatch.review.audit import record

User = get_user_model()
SECRET_FIELDS = {"password", "password1", "password2"}


class ProfileInline(admin.StackedInline):
    model = Profile
    can_delete = False
    filter_horizontal = ("countries",)


admin.site.unregister(User)


@admin.register(User)
class AuditedUserAdmin(UserAdmin):
    inlines = (ProfileInline,)

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            changed = sorted(set(form.changed_data) - SECRET_FIELDS)
            password = " (password changed)" if SECRET_FIELDS & set(form.changed_data) else ""
            summary = (
                f"changed: {', '.join(changed) or 'nothing'}{password}" if change else "added in the admin"
            )
            record(
                obj,
                "user-changed" if change else "user-added",
                actor=request.user,
                summary=summary,
                channel="admin",
            )

    def delete_model(self, request: HttpRequest, obj: models.Model) -> None:
        with transaction.atomic():
            record(obj, "user-deleted", actor=request.user, summary="deleted", channel="admin")
            super().delete_model(request, obj)


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("prefix", "user", "name", "created_at", "last_used_at", "revoked_at")
    readonly_fields = ("user", "prefix", "digest", "created_at", "last_used_at")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # tokens are issued by `users token` or the account page, shown once
