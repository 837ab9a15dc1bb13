"""Indicator data: sources, series, observations and their revisions, and the imports that wrote them.

Nothing is overwritten: an import that changes a value adds a revision and marks the earlier one as
superseded, so the history of every value (who, when, from which file) can be shown.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from compactwatch.areas.models import Area
from compactwatch.core.series import parse_key_text
from compactwatch.framework.models import Indicator, Unit


class Source(models.Model):
    """Where figures come from: a publisher's dataset, with its licence."""

    code = models.SlugField(max_length=80, unique=True)
    title = models.CharField(max_length=300)
    producer = models.CharField(max_length=300)
    url = models.URLField(max_length=500, blank=True)
    licence = models.CharField(max_length=200, help_text='As stated by the producer; "not stated" if none.')
    licence_url = models.URLField(max_length=500, blank=True)
    retrieved = models.DateField(null=True, blank=True)
    citation = models.TextField(blank=True)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return self.title


class ImportBatch(models.Model):
    """One accepted file: who imported it, when, and what it changed."""

    file_name = models.CharField(max_length=500)
    sha256 = models.CharField(max_length=64)
    format = models.CharField(max_length=20)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    channel = models.CharField(max_length=20, default="cli", help_text="cli, web, api or setup")
    imported_at = models.DateTimeField(auto_now_add=True)
    rows_read = models.PositiveIntegerField(default=0)
    added = models.PositiveIntegerField(default=0)
    revised = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-imported_at"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.imported_at:%Y-%m-%d %H:%M})"


class Series(models.Model):
    """An indicator in an area for one combination of disaggregation codes (totals left out of the key)."""

    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="series")
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="series")
    key = models.CharField(max_length=500, blank=True, help_text="AGE=Y0T4|SEX=F; empty for the total.")

    class Meta:
        verbose_name_plural = "series"
        constraints = [models.UniqueConstraint(fields=["indicator", "area", "key"], name="unique_series")]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.area.iso3} {self.key or 'total'}"

    @property
    def dimensions(self) -> dict[str, str]:
        return parse_key_text(self.key)


class Observation(models.Model):
    """One value of a series in one year from one source, in one revision."""

    # No index of its own: the unique constraints below start with the series.
    series = models.ForeignKey(Series, on_delete=models.PROTECT, related_name="observations", db_index=False)
    year = models.PositiveSmallIntegerField()
    # No index either: the unique constraints serve every query by series, and no query looks observations
    # up by source or batch alone (each index would cost a large import about a second per million rows).
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="observations", db_index=False)
    revision = models.PositiveIntegerField(default=1)
    is_current = models.BooleanField(default=True)
    value = models.FloatField(null=True, blank=True)
    value_code = models.CharField(
        max_length=10, blank=True, help_text="YES, PARTIAL or NO for structural data."
    )
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", db_index=False)
    obs_status = models.CharField(
        max_length=2,
        blank=True,
        help_text="SDMX OBS_STATUS: B break in series (not comparable with the years before; the "
        "footnote says why), E estimate, P provisional",
    )
    conf_status = models.CharField(
        max_length=2, blank=True, help_text="SDMX CONF_STATUS: C withheld at source"
    )
    lower_bound = models.FloatField(null=True, blank=True)
    upper_bound = models.FloatField(null=True, blank=True)
    base = models.FloatField(
        null=True,
        blank=True,
        help_text="For a rate or share: its denominator (people or decisions). Never published; a rate on "
        "a base under COMPACTWATCH_MIN_RATE_BASE is withheld.",
    )
    partial_period = models.BooleanField(
        default=False,
        help_text="The producer's figure covers only part of the period (a year of three quarters, "
        "say): not comparable with full years. Read from the PartialPeriod column; the footnote says "
        "which part.",
    )
    footnote = models.TextField(blank=True)
    evidence = models.TextField(
        blank=True, help_text="For structural data: the law or policy, with its date."
    )
    batch = models.ForeignKey(
        ImportBatch, on_delete=models.PROTECT, related_name="observations", db_index=False
    )
    source_row = models.PositiveIntegerField(default=0, help_text="Row of the imported file.")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["series", "year", "source", "revision"], name="unique_revision"),
            models.UniqueConstraint(
                fields=["series", "year", "source"],
                condition=models.Q(is_current=True),
                name="one_current_revision",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.series} {self.year}: {self.value if self.value is not None else self.value_code}"
