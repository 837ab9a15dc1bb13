from django.apps import AppConfig


class AreasConfig(AppConfig):
    name = "compactwatch.areas"
    verbose_name = "Areas"
