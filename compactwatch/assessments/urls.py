from django.urls import path

from compactwatch.assessments import views

app_name = "assessments"

urlpatterns = [
    path("countries/", views.countries, name="countries"),
    path("countries/<str:iso3>/", views.country, name="country"),
    path("topics/<slug:code>/countries/", views.topic_countries, name="topic-countries"),
]
