"""Letters and the templates they are written from."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from regie.cases.models import Case
from regie.directory.models import Municipality
from regie.vocabulary import LetterKind


class LetterTemplate(models.Model):
    """The municipality's own wording of one kind of letter. Without a row, Regie's default
    B1 text is used (`regie.documents.defaults`)."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="letter_templates"
    )
    kind = models.CharField(max_length=40, choices=LetterKind.choices)
    subject = models.CharField(max_length=300)
    body = models.TextField()
    updated_at = models.DateTimeField()
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "kind"], name="one_letter_template_per_kind"
            )
        ]

    def __str__(self) -> str:
        return f"{self.municipality_id} {self.kind}"


class Letter(models.Model):
    """One letter as it was sent: the text, and for the post the PDF/A that was printed.
    Never edited; a correction is a new letter."""

    class Channel(models.TextChoices):
        EMAIL = "email", "E-mail"
        POST = "post", "Post (PDF om te printen)"

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="letters")
    kind = models.CharField(max_length=40, choices=LetterKind.choices)
    channel = models.CharField(max_length=10, choices=Channel.choices)
    subject = models.CharField(max_length=300)
    body = models.TextField()
    recipient_name = models.CharField(max_length=200, blank=True)
    recipient_email = models.EmailField(max_length=254, blank=True)
    recipient_address = models.TextField(blank=True)
    pdf = models.BinaryField()
    created_at = models.DateTimeField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    outbound_email = models.ForeignKey(
        "notifications.OutboundEmail", null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.case_id} {self.kind} ({self.channel})"
