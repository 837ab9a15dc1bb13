"""Countries, territories and UN M49 groupings; every series of data belongs to one area."""

from __future__ import annotations

from django.db import models
from django.urls import reverse


class Region(models.Model):
    """A UN M49 grouping (the world, a region, a sub-region or an intermediate region)."""

    class Level(models.TextChoices):
        WORLD = "world", "World"
        REGION = "region", "Region"
        SUBREGION = "subregion", "Sub-region"
        INTERMEDIATE = "intermediate", "Intermediate region"

    m49 = models.CharField("M49 code", max_length=3, unique=True)
    name = models.CharField(max_length=200)
    level = models.CharField(max_length=20, choices=Level.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )

    class Meta:
        ordering = ["m49"]

    def __str__(self) -> str:
        return self.name


class Area(models.Model):
    """A country or territory, keyed by its ISO 3166-1 alpha-3 code."""

    iso3 = models.CharField("ISO 3166-1 alpha-3", max_length=3, unique=True)
    iso2 = models.CharField("ISO 3166-1 alpha-2", max_length=2, blank=True)
    m49 = models.CharField("M49 code", max_length=3, unique=True)
    name = models.CharField(max_length=200)
    name_fr = models.CharField(max_length=200, blank=True)
    name_es = models.CharField(max_length=200, blank=True)
    independent = models.BooleanField(default=True)
    income_level = models.CharField(max_length=40, blank=True)
    region = models.ForeignKey(Region, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    subregion = models.ForeignKey(Region, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    intermediate_region = models.ForeignKey(
        Region, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    groupings = models.ManyToManyField(
        Region, related_name="areas", help_text="Every grouping it belongs to."
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("assessments:country", args=[self.iso3])
