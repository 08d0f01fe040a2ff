"""Who is who: the region, its municipalities, providers and joint arrangements, and teams.

Everything municipality-specific is data in these tables, never code.
"""

from __future__ import annotations

from django.core.validators import RegexValidator
from django.db import models

from regie.vocabulary import Domain, OrganisationKind

cbs_code_validator = RegexValidator(r"^GM\d{4}$", "Een gemeentecode ziet eruit als GM0363.")


class Region(models.Model):
    name = models.CharField(max_length=200)
    slug = models.SlugField(unique=True)

    def __str__(self) -> str:
        return self.name


class Municipality(models.Model):
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="municipalities")
    code = models.CharField(max_length=6, unique=True, validators=[cbs_code_validator])
    name = models.CharField(max_length=200)
    # Where a complainant can go after the municipality (Awb 9:12): municipal or national.
    ombudsman_name = models.CharField(max_length=200, default="de Nationale ombudsman")
    ombudsman_url = models.URLField(default="https://www.nationaleombudsman.nl")
    # Service norms (LEGAL.md §3): the municipality's own promises, counted like Atw terms.
    norm_acknowledgement_working_days = models.PositiveSmallIntegerField(
        "ontvangstbevestiging binnen (werkdagen)", default=5
    )
    norm_first_contact_working_days = models.PositiveSmallIntegerField(
        "eerste contact binnen (werkdagen)", default=3
    )
    # A by-law may set a shorter term for the debt-help decision than the Wgs maximum of 8.
    wgs_decision_weeks = models.PositiveSmallIntegerField(
        "besluit schuldhulp binnen (weken, hooguit 8)", default=8
    )

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "municipalities"

    def __str__(self) -> str:
        return self.name


class Organisation(models.Model):
    """An outsourced party: a care or youth-care provider, or a joint arrangement (GR)."""

    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=OrganisationKind.choices)
    municipalities = models.ManyToManyField(Municipality, related_name="organisations")
    # The social-domain areas this party works in, as Domain values.
    domains = models.JSONField(default=list)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Team(models.Model):
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="teams")
    slug = models.SlugField()
    name = models.CharField(max_length=200)
    domains = models.JSONField(default=list)
    # The team's shared mailbox for the daily digest of what falls due.
    email = models.EmailField(blank=True)

    class Meta:
        ordering = ["municipality__name", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "slug"], name="team_slug_per_municipality"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.municipality.name})"


class EquatedDay(models.Model):
    """A day equated with a holiday by royal decree (Atw art. 3), added by an administrator
    when a new decree is published. The decrees known when the code was written live in
    `regie.deadlines.decrees`; these rows come on top."""

    day = models.DateField(unique=True)
    decree = models.CharField("besluit", max_length=200, blank=True)

    class Meta:
        ordering = ["day"]

    def __str__(self) -> str:
        return f"{self.day} ({self.decree})"


__all__ = ["Domain", "EquatedDay", "Municipality", "Organisation", "Region", "Team"]
