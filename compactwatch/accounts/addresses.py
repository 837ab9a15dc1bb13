"""The address a request comes from, as rate limits count it.

Behind `settings.TRUSTED_PROXIES` reverse proxies, each of them appends the address it was reached from to
X-Forwarded-For, so the client is the entry that many places from the right; anything further left was
written by the client and is ignored. With no trusted proxy the header is ignored entirely. An IPv6 client
is counted by its /64 network, which one subscriber usually holds whole.
"""

from __future__ import annotations

import ipaddress
from typing import Any

from django.conf import settings

UNKNOWN = "unknown"
IPV6_NETWORK_BITS = 64


def client_address(request: Any) -> str:
    if request is None:
        return UNKNOWN
    meta = request.META
    direct = str(meta.get("REMOTE_ADDR") or "")
    proxies = int(getattr(settings, "TRUSTED_PROXIES", 0))
    if proxies <= 0:
        return counted_address(direct)
    forwarded = [
        part.strip() for part in str(meta.get("HTTP_X_FORWARDED_FOR", "")).split(",") if part.strip()
    ]
    if not forwarded:
        return counted_address(direct)
    return counted_address(forwarded[-min(proxies, len(forwarded))])


def counted_address(text: str) -> str:
    """An address in one spelling (IPv6 reduced to its /64 network); UNKNOWN when it is not an address."""
    try:
        address = ipaddress.ip_address(text.strip().strip("[]"))
    except ValueError:
        return UNKNOWN
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return str(address.ipv4_mapped)
    if isinstance(address, ipaddress.IPv6Address):
        return str(ipaddress.ip_network(f"{address}/{IPV6_NETWORK_BITS}", strict=False))
    return str(address)
