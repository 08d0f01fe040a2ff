"""Uploading a file of complaints and processing it: every row checked, then all written or
none.

The life of a batch: `waiting` (uploaded) → `checking` (claimed by one process; progress is
committed as it goes, so the page can say "x van y rijen gecontroleerd") → `writing` (one
transaction) → `done`; or `refused` (problems in the file: nothing written) or `failed`
(something broke: nothing written). The web upload leaves it waiting for the background
(`imports_run_due`, called by `tick.run_due_work`); `regie import-complaints` claims it at
once and processes it in the foreground.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import logging
from collections.abc import Callable
from pathlib import PurePath

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import dateformat, timezone

from regie.accounts.scope import Grant, Scope, scope_for_user
from regie.cases.services import CaseError, PermissionRefused, case_intake
from regie.cases.services.intake import references_reserve
from regie.directory.models import Organisation
from regie.imports.complaint_rows import CheckedRow, Upload, check_row, service_problems
from regie.imports.csv_format import Row, read_table
from regie.imports.models import ImportBatch
from regie.imports.report import MAX_REPORTED, FileRefused, Problem, rows_with_problems
from regie.imports.selectors import follow_up_of
from regie.vocabulary import OUTSOURCED_KINDS, Kind

log = logging.getLogger(__name__)

State = ImportBatch.State
# (phase, rows done, rows in all): for a progress bar. Phases: "controleren", "opslaan".
Progress = Callable[[str, int, int], None]

# How often the checking commits its progress: often enough for a page that polls every few
# seconds, seldom enough not to slow 10,000 rows down.
PROGRESS_EVERY = 250
# A running batch that has not moved for this long was abandoned by a process that died. The
# writing transaction locks its batch row, so a slow but living writer is never taken for dead.
ABANDONED_AFTER = dt.timedelta(minutes=10)
# A clean dry run keeps its file this long, so that it can be written without a new upload.
KEEP_DRY_RUN_FILE = dt.timedelta(days=1)
# Batches one tick processes at most; the rest wait for the next, so mail and digests go on.
BATCHES_PER_RUN = 3
COMMAND_LINE = "Opdrachtregel (regie import-complaints)"

FAILED_MESSAGE = (
    "Er ging iets mis bij het verwerken. Er is niets opgeslagen. Probeer het later opnieuw. "
    "Lukt het dan weer niet? Neem contact op met de beheerder van Regie."
)
ABANDONED_MESSAGE = (
    "De verwerking is onderbroken. Er is niets opgeslagen. Upload het bestand opnieuw."
)
CHANGED_WHILE_WRITING = (
    "Tijdens het opslaan bleek een rij niet meer in orde, bijvoorbeeld omdat de gemeenten of "
    "domeinen van uw organisatie intussen zijn veranderd. Er is niets opgeslagen."
)


class BatchError(Exception):
    """A request about a batch that cannot be done now; `message` says why, in Dutch."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class _Abandoned(Exception):
    """Another process declared this batch abandoned; this one stops without a word."""


class _RowRefused(Exception):
    def __init__(self, problems: list[Problem]):
        self.problems = problems


def command_line_scope(organisation: Organisation) -> Scope:
    """The scope of `regie import-complaints`: whoever may run commands on the server acts
    for the organisation, as `regie token create` hands out its key."""
    return Scope(grants=(Grant(organisation_id=organisation.pk),), actor_label=COMMAND_LINE)


def batch_upload_check(*, scope: Scope, organisation: Organisation) -> None:
    """Only a provider's or GR's own people upload complaints, and only for their own
    organisation."""
    if organisation.kind not in OUTSOURCED_KINDS:
        raise PermissionRefused("Only providers and GRs upload their own complaints.")
    if scope.everything or organisation.pk not in scope.organisation_ids():
        raise PermissionRefused("Not one of the caller's organisations.")


def batch_upload(
    *,
    scope: Scope,
    organisation: Organisation,
    file_name: str,
    content: bytes,
    dry_run: bool,
    uploaded_by: User | None = None,
    at: dt.datetime | None = None,
    claim: bool = False,
) -> ImportBatch:
    """Store an uploaded file as a batch that waits for the background (or, with `claim`,
    is already this process's to run: the CLI). What is wrong with the file as a whole (not
    UTF-8, no header, unknown columns, too large) raises `FileRefused` at once, and nothing
    is stored."""
    batch_upload_check(scope=scope, organisation=organisation)
    read_table(content)
    digest = hashlib.sha256(content).hexdigest()
    _refuse_a_second_copy(organisation, digest)
    now = at or timezone.now()
    return ImportBatch.objects.create(
        organisation=organisation,
        uploaded_by=uploaded_by,
        actor_label=scope.actor_label,
        file_name=PurePath(file_name).name[:255] or "bestand.csv",
        file_size=len(content),
        file_sha256=digest,
        content=content,
        dry_run=dry_run,
        created_at=now,
        state=State.CHECKING if claim else State.WAITING,
        started_at=timezone.now() if claim else None,
        heartbeat_at=timezone.now() if claim else None,
    )


def _refuse_a_second_copy(organisation: Organisation, digest: str) -> None:
    """The same file written twice would put every complaint in the register twice."""
    earlier = (
        ImportBatch.objects.filter(
            organisation=organisation, file_sha256=digest, dry_run=False, state=State.DONE
        )
        .order_by("-finished_at")
        .first()
    )
    if earlier is not None and earlier.finished_at is not None:
        when = dateformat.format(timezone.localtime(earlier.finished_at), "j F Y \\o\\m H:i")
        raise FileRefused(
            [
                Problem(
                    f"Dit bestand is al eens opgeslagen, op {when}. Nog een keer opslaan zou "
                    "alle klachten dubbel in Regie zetten."
                )
            ]
        )


def batch_write_dry_run_check(*, scope: Scope, batch: ImportBatch) -> None:
    """A dry run without problems can be written for real, once, while its file is kept."""
    batch_upload_check(scope=scope, organisation=batch.organisation)
    if not batch.dry_run or batch.state != State.DONE:
        raise BatchError("Alleen een proefrun zonder problemen kunt u daarna opslaan.")
    if follow_up_of(batch) is not None:
        raise BatchError("Deze proefrun is al opgeslagen.")
    # Asked of the database: the file itself may be 10 MB, and pages ask this on every view.
    if not ImportBatch.objects.filter(pk=batch.pk).exclude(content=b"").exists():
        raise BatchError("Het bestand van deze proefrun is niet meer bewaard. Upload het opnieuw.")


def batch_write_dry_run(
    *, scope: Scope, batch: ImportBatch, uploaded_by: User | None, at: dt.datetime | None = None
) -> ImportBatch:
    """A new batch that writes the file of a clean dry run; it is checked again, because
    the register may have changed since."""
    now = at or timezone.now()
    with transaction.atomic():
        # Locked, so that a double click makes one batch and gets a message for the other.
        locked = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        batch_write_dry_run_check(scope=scope, batch=locked)
        try:
            _refuse_a_second_copy(locked.organisation, locked.file_sha256)
        except FileRefused as refused:
            raise BatchError(refused.problems[0].message) from refused
        follow_up = ImportBatch.objects.create(
            organisation=locked.organisation,
            uploaded_by=uploaded_by,
            actor_label=scope.actor_label,
            file_name=locked.file_name,
            file_size=locked.file_size,
            file_sha256=locked.file_sha256,
            content=locked.content,
            dry_run=False,
            follows=locked,
            created_at=now,
        )
        locked.content = b""
        locked.save(update_fields=["content"])
    return follow_up


def imports_run_due(*, now: dt.datetime | None = None) -> int:
    """What the tick runs: fail abandoned batches, forget old files, and process waiting
    batches, each claimed by exactly one process however many schedulers run. Returns the
    number of batches processed."""
    now = now or timezone.now()
    batches_fail_abandoned(now=now)
    batch_forget_files(now=now)
    processed = 0
    while processed < BATCHES_PER_RUN:
        batch = _claim_next(now)
        if batch is None:
            break
        batch_process(batch, at=now)
        processed += 1
    return processed


def _claim_next(now: dt.datetime) -> ImportBatch | None:
    with transaction.atomic():
        # SKIP LOCKED: a second scheduler passes a batch another is claiming instead of
        # waiting for it; the conditional UPDATE is what makes the claim one process's, also
        # on SQLite (which has no row locks, but lets one writer in at a time).
        waiting = (
            ImportBatch.objects.select_for_update(skip_locked=True)
            .filter(state=State.WAITING)
            .order_by("created_at", "pk")
            .values_list("pk", flat=True)
            .first()
        )
        if waiting is None:
            return None
        claimed = ImportBatch.objects.filter(pk=waiting, state=State.WAITING).update(
            state=State.CHECKING, started_at=timezone.now(), heartbeat_at=timezone.now()
        )
    return ImportBatch.objects.get(pk=waiting) if claimed else None


def batch_process(
    batch: ImportBatch, *, at: dt.datetime | None = None, on_progress: Progress | None = None
) -> ImportBatch:
    """Check every row of a claimed batch; then, when not one row has a problem and it is
    not a dry run, write them all in one transaction. Never raises for the file's sake: the
    outcome is the batch's state and report."""
    now = at or timezone.now()
    report = on_progress or (lambda phase, done, total: None)
    try:
        scope = _scope_of(batch)
        table = read_table(bytes(batch.content))
        upload = Upload.for_organisation(batch.organisation, scope, now)
        rows = _check_rows(batch, table.rows, table.problems, upload, report)
        problems = [*table.problems, *(p for row in rows for p in row.problems)]
        if problems:
            _refuse(batch, problems)
        elif batch.dry_run:
            _end(batch, State.DONE, keep_file=True)
        else:
            _write(batch, rows, scope, now, report)
    except FileRefused as refused:
        _refuse(batch, refused.problems)
    except _RowRefused as refused:
        _refuse(batch, [Problem(CHANGED_WHILE_WRITING), *refused.problems])
    except _Abandoned:
        log.warning("Import batch %s was declared abandoned while it ran", batch.pk)
    except Exception:
        # Whatever broke, the transaction of the writing rolled back: say so, keep the tick
        # going for other work, and leave the cause in the log.
        log.exception("Import batch %s failed", batch.pk)
        _end(batch, State.FAILED, report=[Problem(FAILED_MESSAGE).as_json()], problem_count=1)
    batch.refresh_from_db()
    return batch


def _scope_of(batch: ImportBatch) -> Scope:
    """The uploader's scope as it is now, narrowed to the batch's organisation: a person
    who left the organisation since uploads nothing more, and a person of two organisations
    registers for the one that uploaded (the intake takes the source from a single grant)."""
    if batch.uploaded_by is None:
        return command_line_scope(batch.organisation)
    scope = scope_for_user(batch.uploaded_by)
    own = tuple(g for g in scope.grants if g.organisation_id == batch.organisation_id)
    if not own or scope.everything:
        raise FileRefused(
            [
                Problem(
                    f"U werkt niet (meer) voor {batch.organisation.name}. Er is niets opgeslagen."
                )
            ]
        )
    return dataclasses.replace(scope, grants=own)


def _check_rows(
    batch: ImportBatch,
    rows: list[Row],
    unreadable: list[Problem],
    upload: Upload,
    report: Progress,
) -> list[CheckedRow]:
    total = len(rows) + len(unreadable)
    # Rows whose shape is wrong were checked when the file was read.
    _step(batch, State.CHECKING, rows_total=total, rows_checked=len(unreadable))
    checked = []
    for done, row in enumerate(rows, start=1):
        checked.append(check_row(row, upload))
        if done % PROGRESS_EVERY == 0 or done == len(rows):
            _step(batch, State.CHECKING, rows_checked=len(unreadable) + done)
            report("controleren", len(unreadable) + done, total)
    return checked


def _write(
    batch: ImportBatch, rows: list[CheckedRow], scope: Scope, now: dt.datetime, report: Progress
) -> None:
    """Every row through `case_intake`, in one transaction: the cases, their deadlines,
    routing, timeline and acknowledgement e-mail as one by one (the mail goes out with the
    outbox's next regular run), and all or none."""
    _step(batch, State.CHECKING, state=State.WRITING)
    requests = [row.request for row in rows if row.request is not None]
    assert len(requests) == len(rows)
    # Taken in a short transaction of its own: holding the counter's row lock through the
    # long one below would make every intake from the form and the API wait for the import.
    # When the writing fails, these numbers stay unused (a gap in the register's numbering).
    references = references_reserve(
        kind=Kind.KLACHT,
        received=[(request.municipality, request.received_at or now) for request in requests],
    )
    with transaction.atomic():
        # The row lock says "being written" to `batches_fail_abandoned` in other processes.
        locked = ImportBatch.objects.select_for_update().filter(pk=batch.pk, state=State.WRITING)
        if not list(locked.values_list("pk", flat=True)):
            raise _Abandoned
        for done, (row, request, reference) in enumerate(
            zip(rows, requests, references, strict=True), start=1
        ):
            try:
                # The acknowledgements wait for the outbox's regular run (200 a minute),
                # instead of thousands leaving this process right after the commit.
                case_intake(
                    scope=scope, request=request, at=now, reference=reference, mail_at_once=False
                )
            except CaseError as refused:
                raise _RowRefused(service_problems(row.number, refused.errors)) from refused
            if done % PROGRESS_EVERY == 0 or done == len(rows):
                report("opslaan", done, len(rows))
        _end(batch, State.DONE, rows_written=len(rows))


def _step(batch: ImportBatch, expected: str, **fields: object) -> None:
    """Commit one step of a running batch, in a short transaction of its own so that the page
    shows it while the batch runs. Stops when another process declared the batch abandoned."""
    # The batch's own bookkeeping runs on the clock, like `updated_at`; the cases take `at`.
    moved = ImportBatch.objects.filter(pk=batch.pk, state=expected).update(
        heartbeat_at=timezone.now(), **fields
    )
    if not moved:
        raise _Abandoned


def _refuse(batch: ImportBatch, problems: list[Problem]) -> None:
    # The file's own problems first, then row by row; a stable sort keeps the columns' order.
    ordered = sorted(problems, key=lambda p: p.row or 0)
    _end(
        batch,
        State.REFUSED,
        report=[p.as_json() for p in ordered[:MAX_REPORTED]],
        problem_count=len(ordered),
        rows_refused=rows_with_problems(ordered),
    )


def _end(batch: ImportBatch, state: str, *, keep_file: bool = False, **fields: object) -> None:
    if not keep_file:
        fields["content"] = b""
    ImportBatch.objects.filter(pk=batch.pk, state__in=ImportBatch.RUNNING).update(
        state=state, finished_at=timezone.now(), heartbeat_at=timezone.now(), **fields
    )


def batches_fail_abandoned(*, now: dt.datetime) -> int:
    """Fail running batches whose process died: nothing of them was written (the writing is
    one transaction), and their page should say so instead of "bezig" for ever."""
    with transaction.atomic():
        # A batch being written is locked by its writer and skipped here, however long it takes.
        stale = list(
            ImportBatch.objects.select_for_update(skip_locked=True)
            .filter(state__in=ImportBatch.RUNNING, heartbeat_at__lt=now - ABANDONED_AFTER)
            .values_list("pk", flat=True)
        )
        return ImportBatch.objects.filter(pk__in=stale, state__in=ImportBatch.RUNNING).update(
            state=State.FAILED,
            report=[Problem(ABANDONED_MESSAGE).as_json()],
            problem_count=1,
            content=b"",
            finished_at=timezone.now(),
        )


def batch_forget_files(*, now: dt.datetime) -> int:
    """Empty the files of dry runs nobody wrote within a day: the personal data in them is
    not kept on the off chance."""
    return (
        ImportBatch.objects.filter(
            dry_run=True, state=State.DONE, finished_at__lt=now - KEEP_DRY_RUN_FILE
        )
        .exclude(content=b"")
        .update(content=b"")
    )
