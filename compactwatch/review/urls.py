from django.urls import path

from compactwatch.review import views

app_name = "review"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("submissions/new/", views.new_submission, name="new-submission"),
    path("submissions/<int:pk>/", views.submission_page, name="submission"),
    path("items/<slug:app_label>/<slug:model_name>/<int:pk>/", views.item_page, name="item"),
    path("items/<slug:app_label>/<slug:model_name>/<int:pk>/move/", views.move_item, name="move"),
    path("audit/", views.audit_trail, name="audit"),
    path(
        "audit/<slug:app_label>/<slug:model_name>/<str:object_id>/", views.audit_object, name="audit-object"
    ),
]
