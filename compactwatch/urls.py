from django.contrib import admin
from django.urls import include, path

from compactwatch.api.main import api

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("accounts/", include("compactwatch.accounts.urls")),
    path("review/", include("compactwatch.review.urls")),
    path("practices/", include("compactwatch.practices.urls")),
    path("", include("compactwatch.assessments.urls")),
    path("", include("compactwatch.web.urls")),
]
