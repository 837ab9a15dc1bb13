"""Counting failed sign-ins per user name and per address, in Django's cache, to slow down guessing.

Passwords and second-factor codes are counted separately (`kind`), with the same limits and window.
"""

from __future__ import annotations

import hashlib

from django.core.cache import cache

PER_USERNAME = 5
PER_ADDRESS = 20
WINDOW_SECONDS = 15 * 60
PASSWORD = "login"
CODE = "code"


def _keys(username: str, address: str, kind: str) -> list[tuple[str, int]]:
    name = hashlib.sha256(username.strip().lower().encode("utf-8")).hexdigest()[:32]
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
