"""The reporting room's own records (issue 10): the casuistry for a closed council session,
and the reports made in the background.

A `CaseStory` is one case told as a short, de-identified narrative for one period. It is
drafted by Regie from the case (`reporting.casuistry.story_draft`), read and corrected by a
person, and released to the council and the college only once that person approved it.
The story keeps its case (PROTECT) so that who may draft and approve can always be checked
against the case's visibility; the council never sees that link.

A `ReportRun` is one annual or quarterly report a person asked for on the figures page: it
waits for the background (`reporting.runs.report_runs_due`, run by the tick), records its
progress while it is built, and keeps the finished file for a week.
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


class ReportRun(models.Model):
    class State(models.TextChoices):
        WAITING = "wacht", "Wacht op de start"
        RUNNING = "bezig", "Wordt gemaakt"
        DONE = "klaar", "Klaar"
        FAILED = "mislukt", "Mislukt"

    UNFINISHED = (State.WAITING, State.RUNNING)

    # Only this person sees the run and downloads its file, and only while they may still
    # see the municipality's figures.
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=20)  # reporting.annual.KINDS
    period = models.CharField(max_length=PERIOD)
    format = models.CharField(max_length=10)  # reporting.runs.RUN_FORMATS

    state = models.CharField(max_length=20, choices=State.choices, default=State.WAITING)
    # The report's parts and the rendering, for the progress bar; 0 of 0 until it started.
    steps_done = models.PositiveSmallIntegerField(default=0)
    steps_total = models.PositiveSmallIntegerField(default=0)
    # The finished file: a report is some tens of kilobytes. Emptied after a week
    # (`runs.report_runs_forget`): whoever needs it later asks again, with the figures of then.
    content = models.BinaryField(blank=True, default=b"")
    file_name = models.CharField(max_length=120, blank=True)
    size = models.PositiveIntegerField(default=0)
    forgotten_at = models.DateTimeField(null=True, blank=True)
    # Why it failed, in Dutch, for the person who asked.
    error = models.TextField(blank=True)

    created_at = models.DateTimeField()
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # Set with every committed step: a run that stops moving was abandoned by a process
    # that died, and the next tick fails it.
    heartbeat_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            # Claiming the oldest waiting run, and finding runs that stopped or are old.
            models.Index(fields=["state", "created_at"], name="report_run_state"),
            models.Index(fields=["requested_by", "-created_at"], name="report_run_requester"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.period}.{self.format} ({self.get_state_display()})"

    @property
    def is_unfinished(self) -> bool:
        return self.state in self.UNFINISHED
