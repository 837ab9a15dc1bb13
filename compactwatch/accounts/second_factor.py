"""The optional second factor: a TOTP device (an authenticator app) for admins and reviewers.

Contributors are not offered one: they cannot approve, publish or manage anything.

- Enrolment makes an unconfirmed device; it becomes active only when a current code from the app is given.
- Once a person has an active device, signing in needs a code after the password, and a session that
  has not given the code counts as the public (see `compactwatch.accounts.roles`).
- Wrong codes are limited per user name and per address like wrong passwords (`ratelimit`, kind CODE);
  the device also makes the next try wait 1, 2, 4... seconds after each wrong code (django_otp).
- Removing one's device needs a valid code; an admin can remove a lost device with `users reset-2fa`.
Every change is recorded in the audit trail.
"""

from __future__ import annotations

from base64 import b32encode
from typing import Any

import segno
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from compactwatch.accounts import ratelimit
from compactwatch.accounts.services import AccountError
from compactwatch.core.workflow import Role
from compactwatch.review.audit import record

DEVICE_NAME = "authenticator app"
OFFERED_TO = {Role.ADMIN, Role.REVIEWER}
_CACHE_ATTRIBUTE = "_compactwatch_awaiting_second_factor"


class CodeRefused(AccountError):
    """A second-factor code that was wrong, too late, or tried too often."""


def is_offered_to(role: Role) -> bool:
    return role in OFFERED_TO


def active_device(user: Any) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def has_second_factor(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and user_has_device(user, confirmed=True)


def awaiting_second_factor(user: Any) -> bool:
    """Whether a signed-in session belongs to someone with a device who has not given a code in it.

    Only users that came through django_otp's middleware (web sessions) carry `is_verified`; users found
    from an API token do not, and tokens are issued only from a verified session or by an admin.
    """
    is_verified = getattr(user, "is_verified", None)
    if is_verified is None or not getattr(user, "is_authenticated", False) or is_verified():
        return False
    cached = getattr(user, _CACHE_ATTRIBUTE, None)
    if cached is None:
        cached = user_has_device(user, confirmed=True)
        setattr(user, _CACHE_ATTRIBUTE, cached)
    return bool(cached)


def pending_device(user: Any, role: Role) -> TOTPDevice:
    """The device being enrolled (a new secret, not yet active), made on first call."""
    if not is_offered_to(role):
        raise AccountError(_("A second factor is offered to administrators and reviewers only."))
    if has_second_factor(user):
        raise AccountError(_("You already have an authenticator app. Remove it first to enrol another."))
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


def qr_code_svg(device: TOTPDevice) -> str:
    """The device's otpauth:// address as an inline SVG QR code, for the app to scan."""
    return str(segno.make(device.config_url, error="m").svg_inline(scale=4, dark="#000", light="#fff"))


def secret_in_base32(device: TOTPDevice) -> str:
    """The secret as authenticator apps expect it when typed by hand."""
    return b32encode(device.bin_key).decode("ascii").rstrip("=")


def confirm_enrolment(user: Any, code: str, *, address: str) -> TOTPDevice:
    """Activate the pending device once `code` comes from it."""
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=False).first()
        if device is None:
            raise AccountError(_("Start the enrolment again from your account page."))
        refusal = _code_refusal(user, device, code, address=address)
        if refusal is None:
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            TOTPDevice.objects.filter(user=user, confirmed=False).delete()
            record(
                user,
                "second-factor-enrolled",
                actor=user,
                summary="authenticator app enrolled",
                channel="web",
            )
    if refusal is not None:  # raised outside the transaction, so the device keeps its failure count
        raise CodeRefused(refusal)
    return device


def verify_sign_in_code(user: Any, code: str, *, address: str) -> TOTPDevice:
    """The active device that accepts `code`, or CodeRefused."""
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=True).first()
        if device is None:
            raise AccountError(_("You have no authenticator app; sign in again."))
        refusal = _code_refusal(user, device, code, address=address)
    if refusal is not None:
        raise CodeRefused(refusal)
    return device


def remove_own_device(user: Any, code: str, *, address: str) -> None:
    """Remove one's own device; a current code proves it is still in hand."""
    device = verify_sign_in_code(user, code, address=address)
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        record(
            user,
            "second-factor-removed",
            actor=user,
            summary=f"{device.name} removed by its owner",
            channel="web",
        )


def reset_second_factor(username: str, *, actor: Any = None, channel: str = "cli") -> int:
    """Remove every device of `username` (a lost phone); returns how many were removed."""
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise AccountError(f"no user named {username!r}")
    with transaction.atomic():
        removed, _by_model = TOTPDevice.objects.filter(user=user).delete()
        if removed:
            record(
                user,
                "second-factor-reset",
                actor=actor,
                summary=f"{removed} authenticator device(s) removed by an administrator",
                channel=channel,
            )
    return removed


def _code_refusal(user: Any, device: TOTPDevice, code: str, *, address: str) -> str | None:
    """Why `code` is refused for `device`, or None when it is accepted (and cannot be used again)."""
    username = user.get_username()
    if ratelimit.is_blocked(username, address, ratelimit.CODE):
        return _("Too many wrong codes. Wait 15 minutes and try again.")
    allowed, _details = device.verify_is_allowed()
    if not allowed:  # the device's own back-off after a wrong code: 1, 2, 4... seconds
        ratelimit.note_failure(username, address, ratelimit.CODE)
        return _("Wait a few seconds after a wrong code before trying again.")
    if not device.verify_token(code.strip().replace(" ", "")):
        ratelimit.note_failure(username, address, ratelimit.CODE)
        return _("The code is wrong or has expired. Enter the current 6-digit code from your app.")
    ratelimit.forget_failures(username, address, ratelimit.CODE)
    return None
