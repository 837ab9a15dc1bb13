"""API endpoints of the practices app, mounted by compactwatch.api.main."""

from ninja import Router

router = Router(tags=["practices"])
