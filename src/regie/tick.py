"""Background work that is due now. Called by `regie tick` (cron), by the demo's in-process
ticker, and by the Celery beat task in production: one function, three schedulers."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TickReport:
    digests_written: int
    emails_sent: int
    emails_failed: int

    def __str__(self) -> str:
        return (
            f"overzichten klaargezet: {self.digests_written}, "
            f"e-mail verstuurd: {self.emails_sent}, "
            f"mislukt (volgt later opnieuw): {self.emails_failed}"
        )


def run_due_work() -> TickReport:
    from regie.notifications.digest import digest_send
    from regie.notifications.services import deliver_due

    digests = digest_send()
    sent, failed = deliver_due()
    return TickReport(digests_written=digests, emails_sent=sent, emails_failed=failed)
