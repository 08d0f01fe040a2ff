"""Background work that is due now. Called by `regie tick` (cron), by the demo's in-process
ticker, and by the Celery beat task in production: one function, three schedulers."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TickReport:
    emails_sent: int
    emails_failed: int

    def __str__(self) -> str:
        return (
            f"e-mail verstuurd: {self.emails_sent}, "
            f"mislukt (volgt later opnieuw): {self.emails_failed}"
        )


def run_due_work() -> TickReport:
    from regie.notifications.services import deliver_due

    sent, failed = deliver_due()
    return TickReport(emails_sent=sent, emails_failed=failed)
