"""Roles and country scopes of the people who sign in, and their API tokens.

Django's own `User` is kept; a `Profile` adds the role (admin, reviewer, contributor) and the countries the
person works on. The public has no account. `compactwatch.accounts.roles` turns a user into the role and
scope the workflow rules need.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from compactwatch.core.workflow import Role


class Profile(models.Model):
    class RoleChoice(models.TextChoices):
        ADMIN = Role.ADMIN.value, "admin"
        REVIEWER = Role.REVIEWER.value, "reviewer"
        CONTRIBUTOR = Role.CONTRIBUTOR.value, "contributor"

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile")
    role = models.CharField(max_length=20, choices=RoleChoice.choices)
    countries = models.ManyToManyField(
        "areas.Area",
        blank=True,
        related_name="+",
        help_text="Contributors: the countries they submit for. Reviewers: none means every country.",
    )

    def __str__(self) -> str:
        return f"{self.user.username} ({self.role})"


class ApiToken(models.Model):
    """A bearer token for the API; only its SHA-256 digest is kept."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100, blank=True)
    prefix = models.CharField(max_length=8, help_text="The first characters, to recognise a token.")
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user.username})"
