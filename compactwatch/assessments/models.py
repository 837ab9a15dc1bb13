"""Stored progress ratings, recomputed by `services.assess` (never edited by hand).

One row per rated series, per indicator in an area (the roll-up of its series) and per equity gap, with
the method and version used, its parameters, every component and the one-sentence explanation.
"""

from __future__ import annotations

from django.db import models

from compactwatch.areas.models import Area
from compactwatch.core.progress import Status
from compactwatch.framework.models import Indicator
from compactwatch.observations.models import Series

STATUS_CHOICES = [(status.value, status.label) for status in Status]


class Assessment(models.Model):
    class Level(models.TextChoices):
        SERIES = "series", "One series"
        INDICATOR = "indicator", "Indicator in a country"
        GAP = "gap", "Equity gap between two groups"

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="assessments")
    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="assessments")
    series = models.ForeignKey(
        Series, null=True, blank=True, on_delete=models.CASCADE, related_name="assessments"
    )
    level = models.CharField(max_length=10, choices=Level.choices)
    key = models.CharField(
        max_length=500, blank=True, help_text="Series key, or the pair compared for a gap; empty: total."
    )
    method = models.CharField(max_length=40)
    method_version = models.CharField(max_length=20)
    status = models.CharField(max_length=30, choices=STATUS_CHOICES)
    score = models.FloatField(null=True, blank=True, help_text="-5..+5 where the method has a score.")
    base_year = models.PositiveSmallIntegerField(null=True, blank=True)
    latest_year = models.PositiveSmallIntegerField(null=True, blank=True)
    components = models.JSONField(default=dict)
    parameters = models.JSONField(default=dict, help_text="Base year, assessment year and the rules used.")
    explanation = models.TextField()
    assessed_at = models.DateTimeField()

    class Meta:
        ordering = ["indicator__code", "area__iso3", "level", "key"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "area", "level", "key"], name="one_assessment")
        ]
        indexes = [models.Index(fields=["area", "level"]), models.Index(fields=["indicator", "level"])]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.area.iso3} {self.key or 'total'}: {self.status}"

    @property
    def status_enum(self) -> Status:
        return Status(self.status)
