from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "compactwatch.web"
    verbose_name = "Public pages"
