"""What people make of what Regie shows them: investigations, recommendations and what became
of them, themes named from emerging topics, and random samples of cases for review.

These are the municipality's own records about its work, not about residents: they point at
cases (which keep their own access rules) and hold no personal data themselves. Every change
goes through one function in `regie.learning.services`; the history of a recommendation is
append-only (`RecommendationUpdate`).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from regie.directory.models import Municipality


class InvestigationBasis(models.TextChoices):
    OWN = "eigen-initiatief", "Eigen initiatief"
    EFFECTIVENESS = "213a", "Onderzoek naar doelmatigheid (art. 213a Gemeentewet)"
    OMBUDSMAN = "ombudsman", "Vertaling van een rapport van de ombudsman"
    SIGNAL = "signaal", "Naar aanleiding van een piek of signaal"


class InvestigationStatus(models.TextChoices):
    RUNNING = "loopt", "Loopt"
    DONE = "afgerond", "Afgerond"


class Investigation(models.Model):
    """An own-initiative investigation built from a selection of cases."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="investigations"
    )
    title = models.CharField("titel", max_length=200)
    question = models.TextField("onderzoeksvraag")
    basis = models.CharField("aanleiding", max_length=30, choices=InvestigationBasis.choices)
    # Where it comes from in words: "Nationale ombudsman, rapport 2024/050" or the spike.
    source = models.CharField("bron", max_length=300, blank=True)
    cases = models.ManyToManyField("cases.Case", related_name="+", blank=True)
    status = models.CharField(
        max_length=20, choices=InvestigationStatus.choices, default=InvestigationStatus.RUNNING
    )
    findings = models.TextField("bevindingen", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title


class RecommendationStatus(models.TextChoices):
    OPEN = "open", "Nog niet begonnen"
    IN_PROGRESS = "bezig", "In uitvoering"
    DONE = "uitgevoerd", "Uitgevoerd"
    DECLINED = "niet-overgenomen", "Niet overgenomen"


class Recommendation(models.Model):
    """What should change, who sees to it, by when, and whether it helped: the trend of
    the series it is about (`dimension`/`value`, as in `regie.learning.trends`) before and
    after `effective_from`."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="recommendations"
    )
    investigation = models.ForeignKey(
        Investigation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="recommendations",
    )
    title = models.CharField("aanbeveling", max_length=200)
    text = models.TextField("toelichting", blank=True)
    owner = models.CharField("eigenaar", max_length=200)  # a function or team, not a resident
    due_date = models.DateField("klaar op")
    status = models.CharField(
        max_length=20, choices=RecommendationStatus.choices, default=RecommendationStatus.OPEN
    )
    # The series whose trend shows the effect; empty when it is about no series.
    dimension = models.CharField(max_length=30, blank=True)
    value = models.CharField(max_length=100, blank=True)
    spike_week = models.DateField(null=True, blank=True)  # the flagged week it came from
    # When the measure took effect: set when it is carried out, the "after" starts here.
    effective_from = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["due_date", "pk"]

    def __str__(self) -> str:
        return self.title


class RecommendationUpdate(models.Model):
    """One step in a recommendation's history: append-only, never edited."""

    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.PROTECT, related_name="updates"
    )
    status = models.CharField(max_length=20, choices=RecommendationStatus.choices)
    note = models.TextField(blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.recommendation_id} {self.status} {self.at:%Y-%m-%d}"


class Theme(models.Model):
    """A theme a coordinator named from an emerging topic: the words that recognise it."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="themes")
    name = models.CharField("naam", max_length=100)
    keywords = models.JSONField("zoekwoorden", default=list)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "name"], name="one_theme_per_name")
        ]

    def __str__(self) -> str:
        return self.name


class ReviewVerdict(models.TextChoices):
    GOOD = "goed", "Goed afgehandeld"
    COULD_BE_BETTER = "kan-beter", "Kan beter"
    NOT_GOOD = "niet-goed", "Niet goed afgehandeld"


class ReviewSample(models.Model):
    """A random sample of closed cases for review (as a citizens' panel or the
    ombudsfunctionaris reads a sample of decisions). The seed makes the draw repeatable:
    anyone can check that the sample was not picked by hand."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="review_samples"
    )
    purpose = models.CharField("doel", max_length=200)
    # The population drawn from, as the filter that was used (kind, outcome, period).
    population = models.JSONField(default=dict)
    population_size = models.PositiveIntegerField()
    seed = models.BigIntegerField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.purpose


class ReviewItem(models.Model):
    sample = models.ForeignKey(ReviewSample, on_delete=models.PROTECT, related_name="items")
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="+")
    verdict = models.CharField(max_length=20, choices=ReviewVerdict.choices, blank=True)
    note = models.TextField(blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["sample", "case"], name="one_review_per_case")
        ]

    def __str__(self) -> str:
        return f"{self.sample_id} {self.case_id} {self.verdict}"
