"""A report made in the background, for the figures page: asked for on the page, built by the
tick (or at once by a Celery worker), kept a week for its download.

The life of a run: `wacht` (asked for) → `bezig` (claimed by one process; every part of the
report commits its progress, so the page can say "3 van 7 onderdelen") → `klaar` (the file
is stored) or `mislukt` (with a Dutch reason). Who may see the figures is asked three times:
when the run is asked for, when it is built (the requester's scope at that moment, not the
one they had when they asked) and at the download (`report_run_for`).
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import F, QuerySet
from django.utils import timezone

from regie.cases.aggregates import (
    PERIOD_HELP,
    FiguresRefused,
    Period,
    aggregate_scope_for_user,
)
from regie.directory.models import Municipality
from regie.reporting.annual import KINDS, Progress, build_report
from regie.reporting.models import ReportRun
from regie.reporting.render import render
from regie.task_sender import send_after_commit

log = logging.getLogger(__name__)

State = ReportRun.State

# The formats a person can ask for; open data has a page of its own.
RUN_FORMATS = {"pdf": "PDF", "html": "HTML", "ods": "ODS (rekenblad)", "csv": "CSV"}
# The Celery task that makes waiting runs at once. The name is the contract with
# `regie.tasks`, which this face never imports (it sits above it).
RUN_TASK = "regie.tasks.report_runs"
# The finished file is kept this long; later the person asks again, with the figures of then.
KEEP_RESULT = dt.timedelta(days=7)
# A running report commits a step at least every few seconds; one that did not move for
# this long was left behind by a process that died.
ABANDONED_AFTER = dt.timedelta(minutes=15)
# Runs one tick makes at most; the rest wait for the next, so mail and uploads go on.
RUNS_PER_TICK = 3
# Waiting or running reports one person may have at a time: enough for every format at
# once, not enough to keep the background busy for everyone else.
MAX_UNFINISHED = 4

NOT_ALLOWED_MESSAGE = (
    "U mag de cijfers van deze gemeente niet (meer) zien. Daarom is het verslag niet gemaakt."
)
FAILED_MESSAGE = (
    "Er ging iets mis bij het maken van het verslag. Vraag het opnieuw aan. Lukt het dan weer "
    "niet? Neem contact op met de beheerder van Regie."
)
ABANDONED_MESSAGE = "Het maken van het verslag is onderbroken. Vraag het opnieuw aan."


class ReportRunError(Exception):
    """Input that cannot become a report: `errors` maps `kind`, `period`, `format` (or
    `__all__`) to a Dutch message for the person who asked."""

    def __init__(self, errors: dict[str, str]):
        super().__init__(errors)
        self.errors = errors


class _Abandoned(Exception):
    """Another process declared this run abandoned; this one stops without a word."""


# Asking -----------------------------------------------------------------------------------


def report_run_request_check(*, user: User, municipality: Municipality) -> None:
    """May this person ask for a report of this municipality? The same rule as the direct
    download: whoever may see its figures. Raises `FiguresRefused` (pages answer 404)."""
    if not aggregate_scope_for_user(user).allows(municipality.pk):
        raise FiguresRefused(municipality.code)


def report_run_request(
    *,
    user: User,
    municipality: Municipality,
    kind: str,
    period: str,
    fmt: str,
    at: dt.datetime | None = None,
) -> ReportRun:
    """A run waiting for the background. The same report asked for again while it is still
    waiting or being made (a double click) is that run, not a second one."""
    report_run_request_check(user=user, municipality=municipality)
    now = at or timezone.now()
    parsed = _checked(kind=kind, period=period, fmt=fmt, today=timezone.localdate(now))
    with transaction.atomic():
        unfinished = report_runs_of(user).filter(state__in=ReportRun.UNFINISHED)
        same = unfinished.filter(
            municipality=municipality, kind=kind, period=parsed.label, format=fmt
        ).first()
        if same is not None:
            return same
        if unfinished.count() >= MAX_UNFINISHED:
            raise ReportRunError(
                {
                    "__all__": f"U heeft al {MAX_UNFINISHED} verslagen die nog gemaakt worden. "
                    "Wacht tot er een klaar is en vraag het verslag dan aan."
                }
            )
        run = ReportRun.objects.create(
            requested_by=user,
            municipality=municipality,
            kind=kind,
            period=parsed.label,
            format=fmt,
            created_at=now,
        )
        _start_soon()
    return run


def _checked(*, kind: str, period: str, fmt: str, today: dt.date) -> Period:
    errors = {}
    if kind not in KINDS:
        errors["kind"] = "Kies het jaarverslag of de kwartaalrapportage."
    if fmt not in RUN_FORMATS:
        errors["format"] = "Kies PDF, HTML, ODS of CSV."
    parsed = None
    try:
        parsed = Period.parse(period.strip().upper())
    except ValueError:
        errors["period"] = f"Deze periode kent Regie niet. {PERIOD_HELP}"
    if parsed is not None and parsed.first > today:
        errors["period"] = "Deze periode is nog niet begonnen. Kies een jaar of kwartaal tot nu."
    if errors:
        raise ReportRunError(errors)
    assert parsed is not None
    return parsed


def _start_soon() -> None:
    """With Celery, a worker makes the run right after the commit; without, the next tick
    does (within a minute). A broker that is down costs only that minute."""
    if settings.REGIE_DELIVERY != "celery":
        return
    send_after_commit(RUN_TASK)


# Reading -----------------------------------------------------------------------------------


def report_runs_of(user: User, municipality: Municipality | None = None) -> QuerySet[ReportRun]:
    """The person's own runs, newest first, without their files (lists never need them)."""
    runs = ReportRun.objects.filter(requested_by=user).defer("content")
    if municipality is not None:
        runs = runs.filter(municipality=municipality)
    return runs.select_related("municipality")


def report_run_for(*, user: User, municipality: Municipality, pk: int) -> ReportRun | None:
    """A run of this person about this municipality, while they may still see its figures;
    None for anything else (pages answer 404, also for someone else's run)."""
    if not aggregate_scope_for_user(user).allows(municipality.pk):
        return None
    return report_runs_of(user, municipality).filter(pk=pk).first()


def report_run_file(run: ReportRun) -> bytes | None:
    """The finished file, or None when there is none (not finished, failed or forgotten)."""
    if run.state != State.DONE or run.forgotten_at is not None:
        return None
    content = ReportRun.objects.filter(pk=run.pk).values_list("content", flat=True).first()
    return bytes(content) if content else None


def kept_until(run: ReportRun) -> dt.datetime | None:
    return run.finished_at + KEEP_RESULT if run.finished_at else None


# Making -------------------------------------------------------------------------------------


def report_runs_due(*, now: dt.datetime | None = None) -> int:
    """What the tick runs: fail abandoned runs, forget old files, and make waiting reports,
    each claimed by exactly one process however many schedulers run. Returns the number of
    reports made (or failed) in this call."""
    now = now or timezone.now()
    report_runs_fail_abandoned(now=now)
    report_runs_forget(now=now)
    made = 0
    while made < RUNS_PER_TICK:
        run = report_run_claim_next()
        if run is None:
            break
        report_run_make(run, at=now)
        made += 1
    return made


def report_run_claim_next() -> ReportRun | None:
    """The oldest waiting run, now this process's to make; None when nothing waits."""
    with transaction.atomic():
        # SKIP LOCKED: a second scheduler passes a run another is claiming instead of waiting
        # for it; the conditional UPDATE makes the claim one process's, also on SQLite.
        waiting = (
            ReportRun.objects.select_for_update(skip_locked=True)
            .filter(state=State.WAITING)
            .order_by("created_at", "pk")
            .values_list("pk", flat=True)
            .first()
        )
        if waiting is None:
            return None
        claimed = ReportRun.objects.filter(pk=waiting, state=State.WAITING).update(
            state=State.RUNNING, started_at=timezone.now(), heartbeat_at=timezone.now()
        )
    if not claimed:
        return None
    return ReportRun.objects.select_related("municipality", "requested_by").get(pk=waiting)


def report_run_make(
    run: ReportRun, *, at: dt.datetime | None = None, on_progress: Progress | None = None
) -> ReportRun:
    """Build and render a claimed run. Never raises for the run's sake: the outcome is its
    state, and the tick goes on with other work. `on_progress` hears each committed step
    (the page reads the same from the row)."""
    as_of = timezone.localdate(at or timezone.now())
    try:
        # The requester's scope as it is now: who lost their role since asking gets nothing.
        user = User.objects.get(pk=run.requested_by_id)
        scope = aggregate_scope_for_user(user)
        if not scope.allows(run.municipality_id):
            raise FiguresRefused(run.municipality.code)

        def progress(phase: str, done: int, total: int) -> None:
            # One step more than the report's parts: the rendering (a PDF takes a while).
            _step(run, steps_done=done, steps_total=total + 1)
            if on_progress is not None:
                on_progress(phase, done, total + 1)

        report = build_report(
            run.kind,
            scope,
            run.municipality,
            Period.parse(run.period),
            as_of=as_of,
            on_progress=progress,
        )
        content = render(report, run.format)
        _end(
            run,
            State.DONE,
            content=content,
            size=len(content),
            file_name=f"{report.file_stem}.{run.format}",
            steps_done=F("steps_total"),
        )
    except FiguresRefused:
        _end(run, State.FAILED, error=NOT_ALLOWED_MESSAGE)
    except _Abandoned:
        log.warning("Report run %s was declared abandoned while it ran", run.pk)
    except Exception:
        # Whatever broke: say so to the person, keep the tick going, leave the cause in the log.
        log.exception("Report run %s failed", run.pk)
        _end(run, State.FAILED, error=FAILED_MESSAGE)
    run.refresh_from_db()
    return run


def _step(run: ReportRun, **fields: Any) -> None:
    """Commit one step, outside any transaction, so that the page shows it while the report
    is built. Stops when another process declared the run abandoned."""
    moved = ReportRun.objects.filter(pk=run.pk, state=State.RUNNING).update(
        heartbeat_at=timezone.now(), **fields
    )
    if not moved:
        raise _Abandoned


def _end(run: ReportRun, state: str, **fields: Any) -> None:
    ReportRun.objects.filter(pk=run.pk, state=State.RUNNING).update(
        state=state, finished_at=timezone.now(), heartbeat_at=timezone.now(), **fields
    )


def report_runs_fail_abandoned(*, now: dt.datetime) -> int:
    """Fail running reports whose process died, so their page says so instead of "bezig"
    for ever."""
    return ReportRun.objects.filter(
        state=State.RUNNING, heartbeat_at__lt=now - ABANDONED_AFTER
    ).update(state=State.FAILED, error=ABANDONED_MESSAGE, finished_at=timezone.now())


def report_runs_forget(*, now: dt.datetime) -> int:
    """Empty the files of reports finished more than a week ago: figures go stale, and a
    file nobody fetched is not kept on the off chance."""
    return ReportRun.objects.filter(
        state=State.DONE, forgotten_at__isnull=True, finished_at__lt=now - KEEP_RESULT
    ).update(content=b"", forgotten_at=now)
