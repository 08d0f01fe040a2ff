"""The reporting room's own record: the casuistry for a closed council session (issue 10).

A `CaseStory` is one case told as a short, de-identified narrative for one period. It is
drafted by Regie from the case (`reporting.casuistry.story_draft`), read and corrected by a
person, and released to the council and the college only once that person approved it.
The story keeps its case (PROTECT) so that who may draft and approve can always be checked
against the case's visibility; the council never sees that link.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from regie.directory.models import Municipality

PERIOD = 7  # "2025" or "2025-Q3"


class StoryState(models.TextChoices):
    CONCEPT = "concept", "Concept"
    GOEDGEKEURD = "goedgekeurd", "Goedgekeurd"
    TERUGGETROKKEN = "teruggetrokken", "Teruggetrokken"


class CaseStory(models.Model):
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="case_stories"
    )
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="+")
    period = models.CharField(max_length=PERIOD)
    # The de-identified narrative; a person may correct it while it is a concept.
    text = models.TextField()
    state = models.CharField(max_length=20, choices=StoryState.choices, default=StoryState.CONCEPT)
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    drafted_at = models.DateTimeField()
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["period", "drafted_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["case", "period"], name="one_story_per_case_and_period")
        ]

    def __str__(self) -> str:
        return f"{self.case_id} {self.period} ({self.state})"
