"""API endpoints of the review app, mounted by compactwatch.api.main."""

from ninja import Router

router = Router(tags=["review"])
