from django.apps import AppConfig


class ReviewConfig(AppConfig):
    name = "compactwatch.review"
    verbose_name = "Review workflow and audit trail"
