"""Counting failed sign-ins per user name and per address, in Django's cache, to slow down guessing.

Passwords and second-factor codes are counted separately (`kind`), with the same limits and window.
A user name is counted in one spelling (Unicode NFKC, case folded, trimmed), so "Admin", "ADMIN" and
"Ａｄｍｉｎ" share one count; the address is the client's as `compactwatch.accounts.addresses` finds it.
"""

from __future__ import annotations

import hashlib
import unicodedata

from django.core.cache import cache

PER_USERNAME = 5
PER_ADDRESS = 20
WINDOW_SECONDS = 15 * 60
PASSWORD = "login"
CODE = "code"
MAX_NAME_LENGTH = 150


def counted_name(username: str) -> str:
    """The spelling a user name is counted under: NFKC, case folded, without surrounding space."""
    return unicodedata.normalize("NFKC", username).casefold().strip()[:MAX_NAME_LENGTH]


def _keys(username: str, address: str, kind: str) -> list[tuple[str, int]]:
    name = hashlib.sha256(counted_name(username).encode("utf-8", errors="replace")).hexdigest()[:32]
    return [(f"{kind}-failures:user:{name}", PER_USERNAME), (f"{kind}-failures:ip:{address}", PER_ADDRESS)]


def is_blocked(username: str, address: str, kind: str = PASSWORD) -> bool:
    return any(int(cache.get(key, 0)) >= limit for key, limit in _keys(username, address, kind))


def note_failure(username: str, address: str, kind: str = PASSWORD) -> None:
    for key, _limit in _keys(username, address, kind):
        if not cache.add(key, 1, WINDOW_SECONDS):
            try:
                cache.incr(key)
            except ValueError:  # expired between add and incr
                cache.add(key, 1, WINDOW_SECONDS)


def forget_failures(username: str, address: str, kind: str = PASSWORD) -> None:
    """After a success the user name starts afresh; the address keeps its count."""
    cache.delete(_keys(username, address, kind)[0][0])
