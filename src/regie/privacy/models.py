"""Who looked at which case's personal data, and when (Logius "Logboek Dataverwerkingen").

Append-only, like the case timeline: a privacy officer must be able to trust it.
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

    # The moment of the read; the service passes it (an import of old logs keeps theirs).
    at = models.DateTimeField(default=timezone.now, db_index=True)
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="access_log")
    action = models.CharField(max_length=20, choices=Action.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    api_client = models.ForeignKey(
        "accounts.ApiClient", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_label = models.CharField(max_length=200)
    # Why: the screen or endpoint that showed the data.
    purpose = models.CharField(max_length=200)

    class Meta:
        ordering = ["-at"]
        indexes = [models.Index(fields=["case", "at"], name="access_case_at")]

    def __str__(self) -> str:
        return f"{self.actor_label} {self.action} {self.case_id} {self.at:%Y-%m-%d %H:%M}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise ValueError("The access log is append-only.")
        super().save(*args, **kwargs)
