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

    class Meta:
        ordering = ["municipality__name", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "slug"], name="team_slug_per_municipality"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.municipality.name})"


__all__ = ["Domain", "Municipality", "Organisation", "Region", "Team"]
