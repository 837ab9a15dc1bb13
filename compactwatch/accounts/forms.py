from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from compactwatch.accounts import ratelimit
from compactwatch.accounts.addresses import client_address
from compactwatch.review.text import text_problem

__all__ = ["CodeForm", "RateLimitedLoginForm", "TokenForm", "client_address"]


class RateLimitedLoginForm(AuthenticationForm):
    """Django's sign-in form, refusing further tries after too many failures for a name or an address."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "too_many": _("Too many failed sign-ins. Wait 15 minutes and try again."),
    }

    def clean(self) -> dict[str, Any]:
        username = str(self.data.get("username", ""))
        address = client_address(self.request)
        if ratelimit.is_blocked(username, address):
            raise forms.ValidationError(self.error_messages["too_many"], code="too_many")
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            ratelimit.note_failure(username, address)
            raise
        ratelimit.forget_failures(username, address)
        return cleaned


class TokenForm(forms.Form):
    name = forms.CharField(label=_("What the token is for"), required=False)

    def clean_name(self) -> str:
        name: str = self.cleaned_data["name"]
        problem = text_problem(name, field="token name", limit=100)
        if problem is not None:
            raise forms.ValidationError(problem)
        return name


class CodeForm(forms.Form):
    """A 6-digit code from an authenticator app."""

    code = forms.RegexField(
        label=_("Code from your authenticator app"),
        regex=r"^\s*\d{3}\s?\d{3}\s*$",
        max_length=8,
        error_messages={"invalid": _("Enter the 6 digits your authenticator app shows.")},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )
