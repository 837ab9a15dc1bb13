"""Counting failed sign-ins per user name and per address, in Django's cache, to slow down guessing."""

from __future__ import annotations

import hashlib

from django.core.cache import cache

PER_USERNAME = 5
PER_ADDRESS = 20
WINDOW_SECONDS = 15 * 60


def _keys(username: str, address: str) -> list[tuple[str, int]]:
    name = hashlib.sha256(username.strip().lower().encode("utf-8")).hexdigest()[:32]
    return [(f"login-failures:user:{name}", PER_USERNAME), (f"login-failures:ip:{address}", PER_ADDRESS)]


def is_blocked(username: str, address: str) -> bool:
    return any(int(cache.get(key, 0)) >= limit for key, limit in _keys(username, address))


def note_failure(username: str, address: str) -> None:
    for key, _limit in _keys(username, address):
        if not cache.add(key, 1, WINDOW_SECONDS):
            try:
                cache.incr(key)
            except ValueError:  # expired between add and incr
                cache.add(key, 1, WINDOW_SECONDS)


def forget_failures(username: str, address: str) -> None:
    """After a successful sign-in the user name starts afresh; the address keeps its count."""
    cache.delete(_keys(username, address)[0][0])
