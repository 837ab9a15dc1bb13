from django.apps import AppConfig


class FrameworkConfig(AppConfig):
    name = "compactwatch.framework"
    verbose_name = "Monitoring framework"
