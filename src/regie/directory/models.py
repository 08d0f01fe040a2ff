"""Who is who and who does what: the region, its municipalities, providers, joint
arrangements and independent bodies, teams, how to reach each of them, and the
responsibilities (for a municipality, a domain and a topic: who helps, who handles
complaints, which rules apply, where to go next, and how far the municipality keeps
outsourced work in view).

Everything municipality-specific is data in these tables, never code.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models

from regie import limits
from regie.vocabulary import ComplaintRoute, ContactKind, Domain, OrganisationKind, Oversight

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
    """An outsourced party (a care or youth-care provider, a joint arrangement) or an
    independent body a resident can turn to (confidential adviser, client support, the
    ombudsman, the objection committee)."""

    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=OrganisationKind.choices)
    municipalities = models.ManyToManyField(Municipality, related_name="organisations")
    # The social-domain areas this party works in, as Domain values.
    domains = models.JSONField(default=list)
    # What they do, in one or two plain sentences for the wegwijzer.
    description = models.TextField("wat doen zij", blank=True)

    # Complaints about this party (LEGAL.md §5): its own scheme with the term it sets (Wmo,
    # youth care), the Wkkgz (care under the Zvw or Wlz), or the Awb (a public body).
    complaint_route = models.CharField(
        "klachtroute", max_length=20, choices=ComplaintRoute.choices, blank=True
    )
    complaint_scheme = models.CharField("naam van de klachtenregeling", max_length=200, blank=True)
    complaint_term_weeks = models.PositiveSmallIntegerField(
        "termijn van de klachtenregeling (weken)", null=True, blank=True
    )
    # The law that obliges the scheme, e.g. "Wmo 2015 artikel 3.2".
    complaint_scheme_basis = models.CharField("grondslag", max_length=100, blank=True)
    complaint_scheme_url = models.URLField("klachtenregeling op internet", blank=True)
    # For scorecards per 1,000 clients; empty when unknown.
    client_count = models.PositiveIntegerField("aantal cliënten", null=True, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def route(self) -> str:
        """The complaint route in force: the one set, or the usual one for the kind."""
        if self.complaint_route:
            return self.complaint_route
        if self.kind == OrganisationKind.GR:
            return ComplaintRoute.AWB
        return ComplaintRoute.KLACHTENREGELING


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


class Topic(models.Model):
    """Something residents come with, in their words ("huishoudelijke hulp", "pgb",
    "schulden"): the wegwijzer matches a question against the name and the keywords."""

    slug = models.SlugField(unique=True)
    name = models.CharField("onderwerp", max_length=200)
    domain = models.CharField(max_length=30, choices=Domain.choices)
    # Words and phrases residents use for it, lower case ("schoonmaak", "poetshulp").
    keywords = models.JSONField("zoekwoorden", default=list, blank=True)
    description = models.TextField("uitleg", blank=True)

    class Meta:
        ordering = ["domain", "name"]

    def __str__(self) -> str:
        return self.name


class Responsibility(models.Model):
    """Who is responsible for what, in one municipality: for a domain, or one topic in it.

    Help requests, reports and signals go to the helper (a team or an organisation);
    complaints first to the complaint handler (for outsourced work the provider's own scheme),
    then to the municipality's complaint team (its own conduct: contracting, oversight, the
    indication, Awb chapter 9), then the ombudsman of the municipality. The oversight level and
    the decision it rests on say how far the municipality keeps outsourced work in view.
    """

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="responsibilities"
    )
    domain = models.CharField(max_length=30, choices=Domain.choices)
    topic = models.ForeignKey(
        Topic, null=True, blank=True, on_delete=models.PROTECT, related_name="responsibilities"
    )
    help_team = models.ForeignKey(
        Team, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    help_organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    complaint_team = models.ForeignKey(
        Team, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    complaint_organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Where a complaint goes when the first line did not solve it: the municipality itself.
    escalation_team = models.ForeignKey(
        Team, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Independent help on the way: a confidential adviser, client support.
    support = models.ManyToManyField(Organisation, blank=True, related_name="supports")
    what_happens = models.TextField("wat gebeurt er na het melden", blank=True)
    oversight = models.CharField(
        "toezicht van de gemeente", max_length=20, choices=Oversight.choices, blank=True
    )
    decision_reference = models.CharField("besluit (kenmerk)", max_length=200, blank=True)
    decision_date = models.DateField("datum van het besluit", null=True, blank=True)

    class Meta:
        ordering = ["municipality__name", "domain", "topic__name"]
        verbose_name_plural = "responsibilities"
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "domain", "topic"],
                name="one_responsibility_per_topic",
            ),
            # NULLs are distinct in a unique constraint: one for the domain as a whole.
            models.UniqueConstraint(
                fields=["municipality", "domain"],
                condition=models.Q(topic__isnull=True),
                name="one_responsibility_per_domain",
            ),
            models.CheckConstraint(
                condition=models.Q(help_team__isnull=True)
                | models.Q(help_organisation__isnull=True),
                name="responsibility_one_helper",
            ),
            models.CheckConstraint(
                condition=models.Q(complaint_team__isnull=True)
                | models.Q(complaint_organisation__isnull=True),
                name="responsibility_one_complaint_handler",
            ),
        ]

    def __str__(self) -> str:
        what = self.topic.name if self.topic else Domain(self.domain).label
        return f"{self.municipality.name}: {what}"

    @property
    def helper(self) -> Team | Organisation | None:
        return self.help_team or self.help_organisation

    @property
    def complaint_handler(self) -> Team | Organisation | None:
        return self.complaint_team or self.complaint_organisation

    @property
    def outsourced_to(self) -> Organisation | None:
        """The provider or GR doing the work, if it is outsourced."""
        return self.help_organisation or self.complaint_organisation


class ContactChannel(models.Model):
    """One way to reach a municipality, a team or an organisation."""

    kind = models.CharField("soort", max_length=20, choices=ContactKind.choices)
    value = models.CharField("gegevens", max_length=limits.POSTAL_ADDRESS)
    note = models.CharField("toelichting", max_length=200, blank=True)
    municipality = models.ForeignKey(
        Municipality, null=True, blank=True, on_delete=models.CASCADE, related_name="channels"
    )
    team = models.ForeignKey(
        Team, null=True, blank=True, on_delete=models.CASCADE, related_name="channels"
    )
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.CASCADE, related_name="channels"
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(
                        municipality__isnull=False, team__isnull=True, organisation__isnull=True
                    )
                    | models.Q(
                        municipality__isnull=True, team__isnull=False, organisation__isnull=True
                    )
                    | models.Q(
                        municipality__isnull=True, team__isnull=True, organisation__isnull=False
                    )
                ),
                name="channel_has_one_owner",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.value}"


class HistoryIsAppendOnly(Exception):
    pass


class DirectoryChange(models.Model):
    """One change to the directory in Beheer or from the command line: who, when, what, and
    per field the old and the new value as text. Never edited, never deleted, like a case's
    timeline: the history is what a council or an auditor asks for ("since when is our norm 3
    days, and who decided?"). Written only by `regie.directory.services`."""

    class Action(models.TextChoices):
        CREATED = "toegevoegd", "Toegevoegd"
        CHANGED = "gewijzigd", "Gewijzigd"
        DELETED = "verwijderd", "Verwijderd"

    at = models.DateTimeField()
    actor_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_label = models.CharField(max_length=200)
    action = models.CharField(max_length=20, choices=Action.choices)
    # The changed row as its model's `model_name` and primary key, plus a name a person
    # recognises (the row may be gone, or renamed, since).
    object_model = models.CharField(max_length=40)
    object_id = models.PositiveBigIntegerField()
    object_label = models.CharField(max_length=300)
    # The municipality the change concerns; empty for the region's own data (organisations,
    # topics, decree days). Coordinators see the history of their own municipality.
    municipality = models.ForeignKey(
        Municipality, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # [{"field": "email", "label": "Mailbox", "old": "…", "new": "…"}, …]
    changes = models.JSONField(default=list)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [
            models.Index(fields=["at"], name="directorychange_at"),
            models.Index(fields=["municipality", "at"], name="directorychange_municipality"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.object_label}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise HistoryIsAppendOnly("The directory history is append-only; record a new change.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise HistoryIsAppendOnly("The directory history is append-only.")


__all__ = [
    "ContactChannel",
    "DirectoryChange",
    "Domain",
    "EquatedDay",
    "HistoryIsAppendOnly",
    "Municipality",
    "Organisation",
    "Region",
    "Responsibility",
    "Team",
    "Topic",
]


class DirectoryGeneration(models.Model):
    """One row whose value moves on with every change to a directory table (database
    triggers, see `regie.directory.generation`): what a process keeps of the directory is
    good while the value it was read at is still the value."""

    value = models.BigIntegerField(default=0)

    class Meta:
        db_table = "directory_generation"

    def __str__(self) -> str:
        return f"directory generation {self.value}"
