"""The good-practice library: practices that show how states and partners protect children on the move.

A `Practice` goes through the review workflow (`compactwatch.review.models.Reviewable`): only published
practices are public. Rows change only through `compactwatch.practices.services`, which also keeps the
full-text index in step (see `compactwatch.practices.search`).
"""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from compactwatch.framework.models import PolicyArea, Reference, Topic
from compactwatch.review.models import Reviewable

TITLE_MAX = 300
SUMMARY_MAX = 3000
LONG_TEXT_MAX = 5000
SHORT_TEXT_MAX = 1000


class Level(models.TextChoices):
    LOCAL = "local", _("Local")
    NATIONAL = "national", _("National")
    REGIONAL = "regional", _("Regional")


class Status(models.TextChoices):
    ONGOING = "ongoing", _("Ongoing")
    COMPLETED = "completed", _("Completed")


class TargetGroup(models.TextChoices):
    """The children a practice is for (a codelist of this app; codes are stable, labels translated)."""

    ALL_CHILDREN = "all-children", _("All children on the move")
    UNACCOMPANIED = "unaccompanied", _("Unaccompanied children")
    SEPARATED = "separated", _("Separated children")
    GIRLS = "girls", _("Girls")
    DISABILITIES = "disabilities", _("Children with disabilities")
    REFUGEES = "refugees", _("Refugee children")
    ASYLUM_SEEKERS = "asylum-seekers", _("Asylum-seeking children")
    MIGRANTS = "migrants", _("Migrant children")
    IDPS = "idps", _("Internally displaced children")
    STATELESS = "stateless", _("Stateless children")
    RETURNEES = "returnees", _("Returning children")
    TRAFFICKING_VICTIMS = "trafficking-victims", _("Child victims of trafficking")
    DETAINED = "detained", _("Children in immigration detention")
    FAMILIES = "families", _("Families with children")
    HOST_COMMUNITIES = "host-communities", _("Children of host communities")


class Licence(models.TextChoices):
    CC_BY = "CC-BY-4.0", _("Creative Commons Attribution 4.0")
    CC_BY_SA = "CC-BY-SA-4.0", _("Creative Commons Attribution-ShareAlike 4.0")
    CC0 = "CC0-1.0", _("Public domain dedication (CC0 1.0)")


class Practice(Reviewable):
    title = models.CharField(_("title"), max_length=TITLE_MAX)
    summary = models.TextField(_("summary"), max_length=SUMMARY_MAX)
    countries = models.ManyToManyField("areas.Area", blank=True, related_name="practices")
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    implementers = models.TextField(_("implementers"), blank=True, max_length=SHORT_TEXT_MAX)
    partners = models.TextField(_("partners"), blank=True, max_length=SHORT_TEXT_MAX)
    start_year = models.PositiveSmallIntegerField(_("start year"), null=True, blank=True)
    end_year = models.PositiveSmallIntegerField(_("end year"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, blank=True, help_text=_("Blank: not stated.")
    )
    topics = models.ManyToManyField(Topic, blank=True, related_name="practices")
    policy_areas = models.ManyToManyField(PolicyArea, blank=True, related_name="practices")
    gcm_objectives = models.ManyToManyField(
        Reference,
        blank=True,
        related_name="practices_as_objective",
        limit_choices_to={"family": Reference.Family.GCM_OBJECTIVE},
    )
    gcm_principles = models.ManyToManyField(
        Reference,
        blank=True,
        related_name="practices_as_principle",
        limit_choices_to={"family": Reference.Family.GCM_PRINCIPLE},
    )
    activities = models.TextField(_("activities"), blank=True, max_length=LONG_TEXT_MAX)
    results = models.TextField(_("results"), blank=True, max_length=LONG_TEXT_MAX)
    evidence = models.TextField(_("evidence"), blank=True, max_length=LONG_TEXT_MAX)
    links = models.JSONField(_("links"), default=list, blank=True, help_text=_("Web addresses."))
    contact = models.CharField(
        _("public contact"), max_length=SHORT_TEXT_MAX, blank=True, help_text=_("Shown on the public page.")
    )
    licence = models.CharField(_("licence"), max_length=20, choices=Licence.choices, default=Licence.CC_BY)
    seed_key = models.CharField(
        max_length=60, unique=True, null=True, blank=True, help_text=_("Key in the seed file, if seeded.")
    )
    # Sent through the public form: never shown publicly, only to reviewers.
    contributor_name = models.CharField(max_length=200, blank=True)
    contributor_email = models.EmailField(max_length=254, blank=True)
    contributor_organisation = models.CharField(max_length=300, blank=True)
    reference = models.CharField(
        max_length=64,
        unique=True,
        null=True,
        blank=True,
        help_text=_("Unguessable reference a public contributor follows the status with."),
    )
    search_document = models.TextField(blank=True, editable=False, help_text=_("Text the search indexes."))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title", "pk"]
        verbose_name = _("good practice")
        verbose_name_plural = _("good practices")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(start_year__isnull=True)
                | models.Q(end_year__isnull=True)
                | models.Q(start_year__lte=models.F("end_year")),
                name="practice_period_in_order",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("practices:detail", args=[self.pk])

    def country_codes(self) -> set[str]:
        return {area.iso3 for area in self.countries.all()}

    def target_group_codes(self) -> list[str]:
        return [row.code for row in self.target_groups.all()]

    def target_group_labels(self) -> list[str]:
        return [str(TargetGroup(code).label) for code in self.target_group_codes()]

    def period(self) -> str:
        if self.start_year and self.end_year:
            return f"{self.start_year}–{self.end_year}"
        if self.start_year:
            return f"{self.start_year}–"
        if self.end_year:
            return f"–{self.end_year}"
        return ""


class PracticeTargetGroup(models.Model):
    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="target_groups")
    code = models.CharField(max_length=30, choices=TargetGroup.choices)

    class Meta:
        ordering = ["practice", "code"]
        constraints = [
            models.UniqueConstraint(fields=["practice", "code"], name="unique_target_group_per_practice")
        ]

    def __str__(self) -> str:
        return str(TargetGroup(self.code).label)


class PracticeSource(models.Model):
    """A document that states what the practice entry says, with the passage relied on."""

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="sources")
    title = models.CharField(max_length=500)
    publisher = models.CharField(max_length=300, blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    url = models.URLField(max_length=500, blank=True)
    quote = models.TextField(blank=True, max_length=LONG_TEXT_MAX, help_text=_("The passage relied on."))
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["practice", "position", "pk"]

    def __str__(self) -> str:
        parts = [self.title, self.publisher, str(self.year) if self.year else ""]
        return ", ".join(part for part in parts if part)
