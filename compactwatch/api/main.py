"""The one NinjaAPI of compactwatch; each concept adds its router here."""

from ninja import NinjaAPI

from compactwatch.assessments.api import router as assessments_router
from compactwatch.practices.api import router as practices_router
from compactwatch.review.api import router as review_router

api = NinjaAPI(
    title="compactwatch API",
    version="1",
    urls_namespace="api",
    description="Framework, indicator data, assessments and scorecards for children on the move.",
)
api.add_router("/", assessments_router)
api.add_router("/", review_router)
api.add_router("/", practices_router)
