"""An uploaded file of complaints and what became of it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from regie.directory.models import Organisation
from regie.imports.report import Problem


class ImportBatch(models.Model):
    class State(models.TextChoices):
        WAITING = "wacht", "Wacht op verwerking"
        CHECKING = "controleren", "Wordt gecontroleerd"
        WRITING = "opslaan", "Wordt opgeslagen"
        DONE = "klaar", "Klaar"
        REFUSED = "geweigerd", "Niet opgeslagen: het bestand heeft problemen"
        FAILED = "mislukt", "Niet opgeslagen: de verwerking is mislukt"

    RUNNING = (State.CHECKING, State.WRITING)
    FINISHED = (State.DONE, State.REFUSED, State.FAILED)

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="import_batches"
    )
    # Empty for `regie import-complaints`, which runs on the server without a user.
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Who it was, in words: the timeline of every case written names the same person.
    actor_label = models.CharField(max_length=200)
    file_name = models.CharField(max_length=255)
    file_size = models.PositiveIntegerField()
    file_sha256 = models.CharField(max_length=64)
    # The file itself, only as long as it is needed: personal data belongs in the cases, not
    # in a second copy. Emptied when the batch is finished; a clean dry run keeps it a day so
    # that it can be written without uploading it again (`services.batch_forget_files`).
    content = models.BinaryField(blank=True, default=b"")
    dry_run = models.BooleanField(default=False)
    # The dry run this batch writes for real.
    follows = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="followed_by"
    )

    state = models.CharField(max_length=20, choices=State.choices, default=State.WAITING)
    rows_total = models.PositiveIntegerField(default=0)
    rows_checked = models.PositiveIntegerField(default=0)
    rows_written = models.PositiveIntegerField(default=0)
    # Every problem found, up to `report.MAX_REPORTED`, as `Problem.as_json()`; the counts
    # are complete.
    report = models.JSONField(default=list, blank=True)
    problem_count = models.PositiveIntegerField(default=0)
    rows_refused = models.PositiveIntegerField(default=0)

    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # Set with every committed step: a batch that stops moving while it runs was abandoned
    # (the process died) and is failed by the next tick.
    heartbeat_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["state", "created_at"], name="import_batch_state"),
            models.Index(fields=["organisation", "-created_at"], name="import_batch_org"),
        ]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_state_display()})"

    @property
    def is_running(self) -> bool:
        return self.state in (self.State.WAITING, *self.RUNNING)

    @property
    def problems(self) -> list[Problem]:
        return [Problem.from_json(item) for item in self.report]
