from django.urls import path

from compactwatch.web import views

app_name = "web"

urlpatterns = [
    path("", views.home, name="home"),
    path("framework/", views.framework, name="framework"),
    path("framework/versions/", views.framework_versions, name="framework-versions"),
    path("framework/versions/<str:label>.json", views.framework_snapshot, name="framework-snapshot"),
    path("topics/<slug:code>/", views.topic, name="topic"),
    path("goals/<str:code>/", views.goal, name="goal"),
    path("indicators/", views.indicators, name="indicators"),
    path("indicators/<slug:code>/", views.indicator, name="indicator"),
    path(
        "indicators/<slug:code>/download/<str:format_name>/",
        views.indicator_download,
        name="indicator-download",
    ),
    path("compare/", views.compare, name="compare"),
    path("search/", views.search, name="search"),
    path("methodology/", views.methodology, name="methodology"),
    path("commitments/", views.commitments, name="commitments"),
    path("crosswalks/", views.crosswalks, name="crosswalks"),
    path("areas/", views.areas, name="areas"),
    path("areas/<str:iso3>/", views.area, name="area"),  # permanent redirects to /countries/
]
