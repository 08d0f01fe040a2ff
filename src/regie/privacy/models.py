"""The audit log: who was shown or changed which personal data, exported or downloaded what,
when, from where and why (Logius "Logboek Dataverwerkingen", BIO2). Separate from the case
timeline, which tells the case's story to the people working on it; this log is for the
privacy officer and must be trustworthy: append-only.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone


class AccessLog(models.Model):
    class Action(models.TextChoices):
        VIEWED = "bekeken", "Bekeken"
        EXPORTED = "opgehaald", "Opgehaald via de API"
        CHANGED = "gewijzigd", "Gewijzigd"
        DOWNLOADED = "gedownload", "Gedownload of geëxporteerd"

    # The moment of the read; the service passes it (an import of old logs keeps theirs).
    at = models.DateTimeField(default=timezone.now, db_index=True)
    # A case's record outlives the case's personal data (retention anonymises, the log stays);
    # the reference says which case it was even if the row were ever deleted.
    case = models.ForeignKey(
        "cases.Case", null=True, blank=True, on_delete=models.SET_NULL, related_name="access_log"
    )
    case_reference = models.CharField(max_length=40, blank=True)
    # What else was shown when it is not one case: "Jaarverslag GM9901 2025 (pdf)".
    subject = models.CharField(max_length=200, blank=True)
    municipality = models.ForeignKey(
        "directory.Municipality", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=20, choices=Action.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    api_client = models.ForeignKey(
        "accounts.ApiClient", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_label = models.CharField(max_length=200)
    # From where: the client's address as the request saw it (behind a trusted proxy, the
    # forwarded one). Empty for the command line and background work.
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    # The screen or endpoint that showed the data.
    purpose = models.CharField(max_length=200)
    # Why, in the person's own words: asked when someone opens a case outside their own work
    # ("break the glass").
    outside_own_work = models.BooleanField(default=False)
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-at"]
        indexes = [
            models.Index(fields=["case", "at"], name="access_case_at"),
            models.Index(fields=["user", "at"], name="access_user_at"),
            models.Index(fields=["municipality", "at"], name="access_municipality_at"),
        ]

    def __str__(self) -> str:
        what = self.case_reference or self.subject
        return f"{self.actor_label} {self.action} {what} {self.at:%Y-%m-%d %H:%M}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise ValueError("The access log is append-only.")
        super().save(*args, **kwargs)


class Destruction(models.Model):
    """One case whose personal data and free text the retention run removed (Selectielijst,
    LEGAL.md §6): what, when, by which rule. The proof that destruction happened, for the
    archive inspector; it holds no personal data itself, only the reference and counts."""

    at = models.DateTimeField(db_index=True)
    case_reference = models.CharField(max_length=40)
    municipality = models.ForeignKey(
        "directory.Municipality", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(max_length=20)
    domain = models.CharField(max_length=30)
    rule = models.CharField(max_length=40)
    term_years = models.PositiveSmallIntegerField()
    closed_at = models.DateTimeField()
    # How many of each thing went, e.g. {"case": 1, "events": 7, "attachments": 2}.
    removed = models.JSONField(default=dict)
    # The daily job ("tick") or the person at the command line.
    by = models.CharField(max_length=200)

    class Meta:
        ordering = ["-at", "pk"]
        indexes = [models.Index(fields=["municipality", "at"], name="destruction_municipality_at")]

    def __str__(self) -> str:
        return f"{self.case_reference} vernietigd {self.at:%Y-%m-%d} ({self.rule})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise ValueError("The destruction log is append-only.")
        super().save(*args, **kwargs)


class DataSubjectRequest(models.Model):
    """A resident's request under the GDPR (AVG): access (art. 15), rectification (art. 16),
    objection (art. 21) or erasure (art. 17), to be answered within a month of receipt (art.
    12(3)), or three when the officer extends it with a reason. Changed only through
    `privacy.subject_rights`, which writes an audit record for each change.

    The cases are linked by reference, not by a foreign key: the reference outlives the
    case's personal data (retention), as in the audit log."""

    class Kind(models.TextChoices):
        INZAGE = "inzage", "Inzage (artikel 15)"
        RECTIFICATIE = "rectificatie", "Correctie (artikel 16)"
        BEZWAAR = "bezwaar", "Bezwaar tegen gebruik (artikel 21)"
        VERWIJDERING = "verwijdering", "Verwijdering (artikel 17)"

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        AFGEHANDELD = "afgehandeld", "Afgehandeld"

    class Decision(models.TextChoices):
        # Only for an objection or an erasure: was the request granted?
        TOEGEKEND = "toegekend", "Toegekend"
        DEELS = "deels", "Deels toegekend"
        AFGEWEZEN = "afgewezen", "Afgewezen"

    municipality = models.ForeignKey(
        "directory.Municipality", on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    # Who asked, as they gave it: the name and how to reach them (e-mail, phone, address).
    requester_name = models.CharField(max_length=200)
    requester_contact = models.TextField()
    # How the officer made sure it is this person (art. 12(6)): "ID getoond aan de balie".
    identity_check = models.TextField()
    # The request in the resident's words (what they want corrected, what they object to).
    request_text = models.TextField(blank=True)
    received_on = models.DateField()
    # One month after receipt (art. 12(3)), Atw art. 1 applied; three when extended.
    due_on = models.DateField()
    extension_reason = models.TextField(blank=True)
    extended_at = models.DateTimeField(null=True, blank=True)
    # The cases the officer confirmed are this person's, by reference.
    case_references = models.JSONField(default=list)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN)
    decision = models.CharField(max_length=20, choices=Decision.choices, blank=True)
    # The answer to the resident, or the decision with its reasons.
    answer = models.TextField(blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    handled_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["due_on", "pk"]
        indexes = [
            models.Index(fields=["municipality", "status", "due_on"], name="dsr_municipality_due")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.received_on:%Y-%m-%d} ({self.status})"
