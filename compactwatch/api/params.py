"""Parameters several routers share: ids in paths, within what every database stores (1 to 2^63-1)."""

from __future__ import annotations

from typing import Any

from ninja import Path

MAX_ID = 2**63 - 1


def id_in_path(what: str) -> Any:
    """A path parameter holding the id of `what`; out of range is a 422, never a database error."""
    return Path(..., ge=1, le=MAX_ID, description=f"The id of the {what}, 1 to 2^63-1.")
