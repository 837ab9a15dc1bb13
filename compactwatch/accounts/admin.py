"""Admin for accounts: Django's user admin with the role and countries inline; every change is audited.

The admin site also requires the second factor: people with an authenticator app reach it only from a
session that has given a code, and its sign-in page sends them to the two-step sign-in of the accounts app
(so the rate limits apply there too). Authenticator devices are not in the admin: their secrets stay
hidden, and a lost one is removed with `compactwatch users reset-2fa NAME` (audited).
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.admin.sites import AdminSite
from django.contrib.auth import REDIRECT_FIELD_NAME, get_user_model
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from compactwatch.accounts.models import ApiToken, Profile
from compactwatch.accounts.second_factor import awaiting_second_factor
from compactwatch.review.audit import record

User = get_user_model()
SECRET_FIELDS = {"password", "password1", "password2"}


class ProfileInline(admin.StackedInline):
    model = Profile
    can_delete = False
    filter_horizontal = ("countries",)


def staff_with_second_factor(request: HttpRequest) -> bool:
    """Django's check (active staff), and a session with a device must have given its code."""
    return AdminSite.has_permission(admin.site, request) and not awaiting_second_factor(request.user)


def sign_in_through_accounts(request: HttpRequest, extra_context: Any = None) -> HttpResponse:
    """The admin's sign-in page: the accounts sign-in (password, then code), coming back afterwards.

    Someone fully signed in who is still refused is not staff: that is a refusal, not a new sign-in.
    """
    if request.user.is_authenticated and not awaiting_second_factor(request.user):
        raise PermissionDenied(_("Your account may not use the administration site."))
    destination = request.GET.get(REDIRECT_FIELD_NAME) or reverse("admin:index")
    return HttpResponseRedirect(
        f"{reverse('accounts:login')}?{urlencode({REDIRECT_FIELD_NAME: destination})}"
    )


# The default site is configured here rather than replaced, so every app's registrations stay on it.
admin.site.has_permission = staff_with_second_factor  # type: ignore[method-assign]
admin.site.login = sign_in_through_accounts  # type: ignore[method-assign]
admin.site.unregister(User)
# django_otp's device admin would show secrets and change devices unaudited; `users reset-2fa` does that.
if admin.site.is_registered(TOTPDevice):
    admin.site.unregister(TOTPDevice)


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
