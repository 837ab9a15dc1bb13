from django.apps import AppConfig


class ObservationsConfig(AppConfig):
    name = "compactwatch.observations"
    verbose_name = "Indicator data"
