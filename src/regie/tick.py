"""Background work that is due now. Called by `regie tick` (cron), by the demo's in-process
ticker, and by the Celery beat task in production: one function, three schedulers.

This is where the rooms meet for background work: the outbox (a leaf) delivers, and the
cases say what must happen once a message has gone (`acknowledgement_sent`).

Any number of processes may run it at the same moment (several Celery workers, a tick from
cron beside them, a beat that queued the next tick before the last one ended): each scan
hands a row to one of them. The outbox, the reports and the uploads claim rows with SKIP
LOCKED and a lease or state; the digests and follow-up questions are idempotent by their
unique dedupe keys; retention locks each case. See docs/deployment.md, "Scale out".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from regie.cases.digest import digest_send
from regie.cases.services import (
    acknowledgement_sent,
    follow_up_ask_due,
    intake_queue_drain,
    intake_queue_forget,
    queued_intake_register,
)
from regie.imports.services import imports_run_due
from regie.notifications.outbox import outbox_deliver, outbox_deliver_due
from regie.privacy.retention import retention_run_daily
from regie.reporting.runs import report_runs_due


@dataclass(frozen=True)
class TickReport:
    digests_written: int
    emails_sent: int
    emails_failed: int
    imports_processed: int = 0
    follow_ups_asked: int = 0
    reports_made: int = 0
    cases_anonymised: int = 0
    intakes_registered: int = 0
    queued_intakes_forgotten: int = 0

    def __str__(self) -> str:
        return (
            f"overzichten klaargezet: {self.digests_written}, "
            f"e-mail verstuurd: {self.emails_sent}, "
            f"mislukt (volgt later opnieuw): {self.emails_failed}, "
            f"uploads verwerkt: {self.imports_processed}, "
            f"nazorgvragen klaargezet: {self.follow_ups_asked}, "
            f"verslagen gemaakt: {self.reports_made}, "
            f"zaken geanonimiseerd na bewaartermijn: {self.cases_anonymised}, "
            f"aangenomen intakes geregistreerd: {self.intakes_registered}, "
            f"afgehandelde intakes uit de wachtrij opgeruimd: {self.queued_intakes_forgotten}"
        )


def run_due_work(*, now: dt.datetime | None = None) -> TickReport:
    now = now or timezone.now()
    # First: an intake a worker missed (a broker that was down) gets its case, and its
    # acknowledgement goes out in this same run.
    registered = intake_queue_drain(now=now)
    forgotten = intake_queue_forget(now=now)
    digests = digest_send(now=now)
    # Before delivery, so a question written now goes out in this same run.
    asked = follow_up_ask_due(now=now)
    sent, failed = outbox_deliver_due(now=now, after_sent=acknowledgement_sent)
    # Before the uploads: a report takes seconds, and its requester watches the page.
    reports = report_runs_due(now=now)
    # Once a day, a bounded batch: cases past their retention term lose their personal data.
    anonymised = retention_run_daily(now=now)
    # Last: an upload of thousands of rows takes a while, and mail should not wait for it.
    imports = imports_run_due(now=now)
    return TickReport(
        digests_written=digests,
        emails_sent=sent,
        emails_failed=failed,
        imports_processed=imports,
        follow_ups_asked=asked,
        reports_made=reports,
        cases_anonymised=anonymised,
        intakes_registered=registered,
        queued_intakes_forgotten=forgotten,
    )


def make_reports() -> int:
    """The reports waiting now (the Celery worker's task after someone asked for one)."""
    return report_runs_due()


def deliver_email(email_id: int) -> bool:
    """One outbox message, sent now (the Celery worker's task after an intake)."""
    return outbox_deliver(email_id, after_sent=acknowledgement_sent)


def register_queued_intake(queued_id: str) -> bool:
    """One intake accepted with `Prefer: respond-async` (the Celery worker's task)."""
    return queued_intake_register(queued_id)
