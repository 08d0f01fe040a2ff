from __future__ import annotations

from django.db import models
from django.db.models.functions import Upper


class OutboundEmail(models.Model):
    """An e-mail written in the same transaction as the change that causes it (an outbox).

    It is sent after commit; when the mail server fails the row stays pending and
    `regie tick` (or the Celery beat task) tries again, so an accepted case is never lost and
    never left without its acknowledgement.
    """

    class State(models.TextChoices):
        PENDING = "pending", "Wacht op verzending"
        SENT = "sent", "Verzonden"
        GAVE_UP = "gave-up", "Niet te versturen"

    case = models.ForeignKey("cases.Case", null=True, blank=True, on_delete=models.CASCADE)
    purpose = models.CharField(max_length=40)
    to = models.EmailField(max_length=254)
    subject = models.CharField(max_length=300)
    body = models.TextField()
    state = models.CharField(max_length=20, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)
    next_attempt_at = models.DateTimeField()
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    # Makes a scheduled message (e.g. one digest per person per day) impossible to write twice,
    # however many schedulers run.
    dedupe_key = models.CharField(max_length=200, null=True, blank=True, unique=True)

    class Meta:
        indexes = [
            models.Index(fields=["state", "next_attempt_at"], name="outbox_due"),
            # "Was this address sent an acknowledgement in the last minutes?" is asked at
            # every intake with an e-mail address: without it PostgreSQL read the whole
            # outbox each time, so the intake grew slower with every mail ever sent.
            models.Index(
                models.F("purpose"), Upper("to"), models.F("created_at"), name="outbox_ack_window"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.purpose} → {self.to} ({self.state})"
