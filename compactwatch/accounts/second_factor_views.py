"""The second step of signing in (the code), enrolling an authenticator app, and removing it.

Between the password and the code, the session holds only a short-lived note of who is signing in; the
person is not signed in, so review pages, the admin and token issuance stay closed.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth import BACKEND_SESSION_KEY, get_user_model, logout
from django.contrib.auth import login as auth_login
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from compactwatch.accounts import second_factor
from compactwatch.accounts.addresses import client_address
from compactwatch.accounts.forms import CodeForm
from compactwatch.accounts.roles import role_of
from compactwatch.accounts.services import AccountError

PENDING_KEY = "accounts:second-factor-pending"
PENDING_SECONDS = 5 * 60
View = Callable[..., HttpResponse]


def fully_signed_in(view: View) -> View:
    """`login_required`, and a session of someone with a device must have given its code."""

    @wraps(view)
    def checked(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if second_factor.awaiting_second_factor(request.user):
            logout(request)
            messages.info(request, _("Sign in again with your password and the code from your app."))
            return redirect("accounts:login")
        return view(request, *args, **kwargs)

    return login_required(checked)


def start_code_step(request: HttpRequest, user: Any, next_url: str) -> HttpResponse:
    """After a correct password: remember who is signing in for a few minutes and ask for the code."""
    request.session[PENDING_KEY] = {
        "user": user.pk,
        "backend": getattr(user, "backend", None) or request.session.get(BACKEND_SESSION_KEY),
        "next": next_url,
        "until": time.time() + PENDING_SECONDS,
    }
    return redirect("accounts:login-code")


def _pending(request: HttpRequest) -> tuple[Any, dict[str, Any]] | None:
    pending = request.session.get(PENDING_KEY)
    if not isinstance(pending, dict) or pending.get("until", 0) < time.time():
        request.session.pop(PENDING_KEY, None)
        return None
    user = get_user_model().objects.filter(pk=pending.get("user"), is_active=True).first()
    return None if user is None else (user, pending)


def sign_in_code(request: HttpRequest) -> HttpResponse:
    found = _pending(request)
    if found is None:
        messages.info(request, _("Sign in with your password first; the code is asked for after it."))
        return redirect("accounts:login")
    user, pending = found
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = second_factor.verify_sign_in_code(
                user, form.cleaned_data["code"], address=client_address(request)
            )
        except AccountError as refused:
            form.add_error("code", str(refused))
        else:
            del request.session[PENDING_KEY]
            auth_login(request, user, backend=pending["backend"])
            otp_login(request, device)
            return redirect(_safe_next(request, pending.get("next", "")))
    return render(request, "accounts/login_code.html", {"form": form, "username": user.get_username()})


def _safe_next(request: HttpRequest, next_url: str) -> str:
    allowed = url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return next_url if next_url and allowed else "/accounts/"


@fully_signed_in
def enrol(request: HttpRequest) -> HttpResponse:
    try:
        device = second_factor.pending_device(request.user, role_of(request.user))
    except AccountError as refused:
        messages.error(request, str(refused))
        return redirect("accounts:account")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            second_factor.confirm_enrolment(
                request.user, form.cleaned_data["code"], address=client_address(request)
            )
        except AccountError as refused:
            form.add_error("code", str(refused))
        else:
            device.refresh_from_db()
            otp_login(request, device)  # this session has just given a code
            messages.success(request, _("Your authenticator app is active: signing in now asks for a code."))
            return redirect("accounts:account")
    context = {
        "form": form,
        "qr_code": second_factor.qr_code_svg(device),
        "secret": second_factor.secret_in_base32(device),
        "config_url": device.config_url,
    }
    return render(request, "accounts/second_factor_enrol.html", context)


@fully_signed_in
@require_POST
def remove(request: HttpRequest) -> HttpResponse:
    form = CodeForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors["code"]))
        return redirect("accounts:account")
    try:
        second_factor.remove_own_device(
            request.user, form.cleaned_data["code"], address=client_address(request)
        )
    except AccountError as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, _("Your authenticator app is removed: signing in needs only the password."))
    return redirect("accounts:account")
