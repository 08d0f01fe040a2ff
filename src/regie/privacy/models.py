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
