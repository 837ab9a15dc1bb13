from django.apps import AppConfig


class PracticesConfig(AppConfig):
    name = "compactwatch.practices"
    verbose_name = "Good-practice library"
