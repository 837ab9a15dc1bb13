from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "compactwatch.assessments"
    verbose_name = "Progress assessments and scorecards"
