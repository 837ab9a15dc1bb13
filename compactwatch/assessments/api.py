"""API endpoints for assessments and scorecards, mounted by compactwatch.api.urls."""

from ninja import Router

router = Router(tags=["assessments"])
