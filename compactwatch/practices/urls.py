from django.urls import path

from compactwatch.practices import views

app_name = "practices"

urlpatterns = [
    path("", views.practice_list, name="list"),
    path("<int:pk>/", views.practice_detail, name="detail"),
    path("contribute/", views.contribute_page, name="contribute"),
    path("status/<str:reference>/", views.contribution_status, name="status"),
]
