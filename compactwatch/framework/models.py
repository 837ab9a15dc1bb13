"""The framework in the database: what pages, data and assessments refer to.

Rows are written only by `services.load_framework`, from the YAML in the repository, and matched by code:
a reload updates rows in place, and an element dropped from the YAML is retired (kept, so data that refers
to it keeps its meaning), never deleted. Each load is a `FrameworkVersion` with the full snapshot.
"""

from __future__ import annotations

from django.db import models
from django.urls import reverse

from compactwatch.core.framework import Provenance


class FrameworkVersion(models.Model):
    label = models.CharField(max_length=40, unique=True)
    title = models.CharField(max_length=300)
    sha256 = models.CharField(max_length=64, unique=True, help_text="Hash of the canonical framework JSON.")
    snapshot = models.JSONField(help_text="The whole framework as loaded, so any version can be read back.")
    source = models.CharField(max_length=500, blank=True)
    loaded_at = models.DateTimeField(auto_now_add=True)
    is_current = models.BooleanField(default=False)

    class Meta:
        ordering = ["-loaded_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_current"], condition=models.Q(is_current=True), name="one_current_framework"
            )
        ]

    def __str__(self) -> str:
        return f"{self.label}{' (current)' if self.is_current else ''}"


class FrameworkElement(models.Model):
    """Fields every element shares: a code, where it comes from, and whether it is still in the framework."""

    class Kind(models.TextChoices):
        COALITION = "coalition", "Coalition paper, word for word"
        UNICEF = "unicef", "UNICEF, word for word"
        OFFICIAL = "official", "Official framework"
        COMPACTWATCH = "compactwatch", "Proposed by compactwatch"

    code = models.CharField(max_length=60, unique=True)
    provenance_kind = models.CharField(max_length=20, choices=Kind.choices, blank=True)
    provenance_document = models.ForeignKey(
        "framework.Document", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    provenance_reference = models.CharField(max_length=300, blank=True)
    provenance_note = models.TextField(blank=True)
    retired_in = models.ForeignKey(
        FrameworkVersion,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The framework version that no longer has this element.",
    )

    class Meta:
        abstract = True

    @property
    def provenance(self) -> Provenance | None:
        if not self.provenance_kind:
            return None
        return Provenance(
            kind=self.provenance_kind,  # type: ignore[arg-type]
            document=self.provenance_document.code if self.provenance_document else None,
            reference=self.provenance_reference or None,
            note=self.provenance_note or None,
        )


class Document(models.Model):
    code = models.CharField(max_length=60, unique=True)
    title = models.CharField(max_length=500)
    symbol = models.CharField(max_length=100, blank=True)
    publisher = models.CharField(max_length=300, blank=True)
    date = models.DateField(null=True, blank=True)
    url = models.URLField(max_length=500, blank=True)
    retired_in = models.ForeignKey(
        FrameworkVersion, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return self.title


class Commitment(FrameworkElement):
    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="commitments")
    paragraph = models.CharField(max_length=40, blank=True)
    quote = models.TextField()

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        where = f", paragraph {self.paragraph}" if self.paragraph else ""
        return f"{self.document.symbol or self.document.code}{where}"


class PolicyArea(FrameworkElement):
    """One of UNICEF's six policy areas for refugee and migrant children."""

    number = models.PositiveSmallIntegerField()
    title = models.TextField()

    class Meta:
        ordering = ["number"]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class Reference(models.Model):
    """An objective or principle of another framework that goals are crosswalked to."""

    class Family(models.TextChoices):
        GCM_OBJECTIVE = "gcm_objectives", "Global Compact for Migration objective"
        GCM_PRINCIPLE = "gcm_principles", "Global Compact for Migration guiding principle"
        GCR_OBJECTIVE = "gcr_objectives", "Global Compact on Refugees objective"
        SDG_TARGET = "sdg_targets", "Sustainable Development Goal target"
        CRC_ARTICLE = "crc_articles", "Convention on the Rights of the Child article"

    family = models.CharField(max_length=20, choices=Family.choices)
    code = models.CharField(max_length=60, unique=True)
    paragraph = models.CharField(max_length=40, blank=True)
    title = models.TextField()
    retired_in = models.ForeignKey(
        FrameworkVersion, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["family", "id"]

    def __str__(self) -> str:
        return f"{self.code}: {self.title}"


class Crosswalked(FrameworkElement):
    commitments = models.ManyToManyField(Commitment, blank=True, related_name="+")
    policy_areas = models.ManyToManyField(PolicyArea, blank=True, related_name="+")
    references = models.ManyToManyField(Reference, blank=True, related_name="+")

    class Meta:
        abstract = True


class Topic(FrameworkElement):
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=300)
    summary = models.TextField(blank=True)
    commitments = models.ManyToManyField(Commitment, blank=True, related_name="topics")

    class Meta:
        ordering = ["number"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("web:topic", args=[self.code])


class Goal(Crosswalked):
    topic = models.ForeignKey(Topic, on_delete=models.PROTECT, related_name="goals")
    number = models.PositiveSmallIntegerField()
    text = models.TextField()
    explanation = models.TextField(blank=True)

    class Meta:
        ordering = ["topic__number", "number"]

    def __str__(self) -> str:
        return f"Goal {self.code}"

    def get_absolute_url(self) -> str:
        return reverse("web:goal", args=[self.code])


class Target(Crosswalked):
    goal = models.ForeignKey(Goal, on_delete=models.PROTECT, related_name="targets")
    number = models.PositiveSmallIntegerField()
    text = models.TextField()
    target_year = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["goal__topic__number", "goal__number", "number"]

    def __str__(self) -> str:
        return f"Target {self.code}"

    def get_absolute_url(self) -> str:
        return reverse("web:goal", args=[self.goal.code]) + f"#{self.code}"


class Unit(models.Model):
    code = models.CharField(max_length=60, unique=True)
    label = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    retired_in = models.ForeignKey(
        FrameworkVersion, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return self.label


class Codelist(models.Model):
    """The codes one disaggregation dimension may take (SDMX style, `_T` for the total)."""

    code = models.CharField(max_length=60, unique=True)
    title = models.CharField(max_length=200)
    column_aliases = models.JSONField(default=list, blank=True)
    is_open = models.BooleanField(default=False, help_text="Open codelists accept codes not listed here.")
    retired_in = models.ForeignKey(
        FrameworkVersion, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return self.code


class Code(models.Model):
    codelist = models.ForeignKey(Codelist, on_delete=models.CASCADE, related_name="codes")
    code = models.CharField(max_length=60)
    label = models.CharField(max_length=300)
    aliases = models.JSONField(default=list, blank=True)
    description = models.TextField(blank=True)
    parent = models.CharField(
        max_length=60,
        blank=True,
        help_text="The code of the same codelist this code is part of (`_T` for a top-level code); empty for "
        "the total and for standalone codes, which take part in no sum.",
    )
    position = models.PositiveSmallIntegerField(default=0)
    retired_in = models.ForeignKey(
        FrameworkVersion, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["codelist", "position"]
        constraints = [models.UniqueConstraint(fields=["codelist", "code"], name="unique_code_in_codelist")]

    def __str__(self) -> str:
        return f"{self.codelist.code}={self.code} ({self.label})"


class Indicator(FrameworkElement):
    class Type(models.TextChoices):
        STRUCTURAL = "structural", "Structural (law or policy in place)"
        PROCESS = "process", "Process (what the state does)"
        OUTCOME = "outcome", "Outcome (results for children)"
        CONTEXT = "context", "Context (size of the population concerned)"

    class Direction(models.TextChoices):
        INCREASE = "increase", "Higher is better"
        DECREASE = "decrease", "Lower is better"
        REACH = "reach", "Reach the target level"
        NONE = "none", "No desired direction"

    class Population(models.TextChoices):
        CHILDREN_ON_THE_MOVE = "children-on-the-move", "Children on the move"
        ALL_CHILDREN = "all-children", "All children (context)"
        DATA_SYSTEM = "data-system", "Data system"

    title = models.CharField(max_length=300)
    definition = models.TextField()
    type = models.CharField(max_length=20, choices=Type.choices)
    population = models.CharField(
        max_length=30,
        choices=Population.choices,
        default=Population.CHILDREN_ON_THE_MOVE,
        help_text="Whose data: only indicators about children on the move make a topic or country status.",
    )
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="indicators")
    direction = models.CharField(max_length=20, choices=Direction.choices)
    target_value = models.JSONField(null=True, blank=True, help_text="A number, or YES / PARTIAL / NO.")
    target_year = models.PositiveSmallIntegerField(null=True, blank=True)
    goals = models.ManyToManyField(Goal, related_name="indicators")
    targets = models.ManyToManyField(Target, blank=True, related_name="indicators")
    disaggregations = models.ManyToManyField(Codelist, blank=True, related_name="indicators")
    preferred_sources = models.JSONField(default=list, blank=True)
    sensitive = models.BooleanField(
        default=False, help_text="Published with the higher small-count threshold for sensitive data."
    )
    official_code = models.CharField(max_length=40, blank=True)
    notes = models.TextField(blank=True)
    derived_from = models.JSONField(
        null=True,
        blank=True,
        help_text="For a rate computed from another indicator's counts: that indicator, the numerator's and "
        "the denominator's codes, and the multiplier (`per`).",
    )

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("web:indicator", args=[self.code])

    @property
    def target_text(self) -> str:
        """The target in words, e.g. "100% by 2020", "0 by 2030", "YES by 2030"."""
        if self.target_value is None:
            return ""
        value = self.target_value
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        suffix = "%" if self.unit.code == "PERCENT" else ""
        return f"{value}{suffix} by {self.target_year}"
