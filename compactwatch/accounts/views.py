"""Sign in and out, accept an invitation, see one's account and API tokens.

People with an authenticator app sign in in two steps: the password (`LoginView`), then the code
(`compactwatch.accounts.second_factor_views.sign_in_code`); only the code step signs them in.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from compactwatch.accounts.forms import CodeForm, RateLimitedLoginForm, TokenForm
from compactwatch.accounts.roles import role_of, scope_of
from compactwatch.accounts.second_factor import awaiting_second_factor, has_second_factor, is_offered_to
from compactwatch.accounts.second_factor_views import fully_signed_in, start_code_step
from compactwatch.accounts.services import AccountError, issue_token
from compactwatch.review.audit import record


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = RateLimitedLoginForm
    redirect_authenticated_user = True
    next_page = reverse_lazy("accounts:account")

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if awaiting_second_factor(request.user):  # a half-signed-in session starts again from the password
            logout(request)
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form: Any) -> HttpResponse:
        user = form.get_user()
        if has_second_factor(user):
            return start_code_step(self.request, user, self.get_success_url())
        return super().form_valid(form)


class LogoutView(auth_views.LogoutView):
    next_page = reverse_lazy("web:home")


class InvitationView(auth_views.PasswordResetConfirmView):
    """The one-time link of `users add --invite`: set a password, then sign in."""

    template_name = "accounts/invitation.html"
    success_url = reverse_lazy("accounts:login")
    post_reset_login = False

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        record(form.user, "password-set", actor=form.user, summary="password set from an invitation")
        messages.success(self.request, _("Your password is set. Sign in."))
        return response


@fully_signed_in
def account(request: HttpRequest) -> HttpResponse:
    role = role_of(request.user)
    context = {
        "role": role,
        "scope": scope_of(request.user),
        "tokens": request.user.api_tokens.all(),
        "form": TokenForm(),
        "second_factor_offered": is_offered_to(role),
        "second_factor_active": has_second_factor(request.user),
        "code_form": CodeForm(),
    }
    return render(request, "accounts/account.html", context)


@fully_signed_in
@require_POST
def new_token(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors["name"]))
        return redirect("accounts:account")
    try:
        token = issue_token(request.user, name=form.cleaned_data["name"])
    except AccountError as refused:
        messages.error(request, str(refused))
        return redirect("accounts:account")
    return render(request, "accounts/token.html", {"token": token})
