"""The outbox: an e-mail is written in the transaction of the change that causes it and sent
after commit; a failure is retried until it goes (see `OutboundEmail`).

A leaf: it knows nothing of cases or any other room. What must happen once a message has
been sent (an acknowledgement meets its deadline) is the caller's business: callers pass it
as `after_sent`, as Zulip's mail sender leaves the actions to its callers.
"""

from __future__ import annotations

import datetime as dt
import logging
import smtplib
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from regie.notifications.models import OutboundEmail
from regie.task_sender import send_after_commit

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 12
# A claimed message is this process's to send for this long (see `outbox_claim_due`). Far
# longer than one SMTP conversation (EMAIL_TIMEOUT, 10 s by default, per step), so a living
# sender is never overtaken; short enough that a crashed worker's mail goes within minutes.
LEASE = dt.timedelta(minutes=5)
# The Celery task that delivers one message. The name is the contract between this leaf and
# the worker (`regie.tasks`), as a queue name is: the outbox never imports the task module.
DELIVER_TASK = "regie.tasks.deliver_email"

# Called in the transaction that marks the message sent, with the moment it was sent.
AfterSent = Callable[[OutboundEmail, dt.datetime], None]


def _backoff(attempts: int) -> dt.timedelta:
    # 1, 2, 4 … minutes, capped at six hours: a mail server outage over a weekend still ends
    # in delivery without hammering the server.
    return dt.timedelta(minutes=min(2 ** max(attempts - 1, 0), 360))


def outbox_write(
    *,
    purpose: str,
    to: str,
    subject: str,
    body: str,
    now: dt.datetime,
    case_id: int | None = None,
    dedupe_key: str | None = None,
) -> OutboundEmail:
    """Write a message into the outbox, due at once. Call inside the causing transaction."""
    return OutboundEmail.objects.create(
        case_id=case_id,
        purpose=purpose,
        to=to,
        subject=subject,
        body=body,
        next_attempt_at=now,
        dedupe_key=dedupe_key,
    )


def outbox_send_after_commit(email: OutboundEmail, *, after_sent: AfterSent | None = None) -> None:
    """Send `email` once the surrounding transaction has committed: in this process, or by a
    Celery worker (`REGIE_DELIVERY=celery`), which runs the same delivery.

    Robust: a failure here (Redis down, the database gone) is logged and never turns the
    committed change into an error for the caller; the message stays pending and the next
    tick sends it.
    """
    if settings.REGIE_DELIVERY == "celery":
        send_after_commit(DELIVER_TASK, email.pk)
    else:
        transaction.on_commit(lambda: outbox_deliver(email.pk, after_sent=after_sent), robust=True)


def outbox_deliver(
    email_id: int,
    *,
    after_sent: AfterSent | None = None,
    now: dt.datetime | None = None,
    connection: Any = None,
) -> bool:
    """Send one pending message now (after commit, or the Celery task). Never raises: a
    failure is recorded and retried later.

    Only a message nobody claimed yet (`attempts == 0`) or one that is due is taken: a retry
    waits its turn, and a message another process is sending right now (its lease in
    `next_attempt_at`) is left to that process.
    """
    now = now or timezone.now()
    email = OutboundEmail.objects.filter(pk=email_id, state=OutboundEmail.State.PENDING).first()
    if email is None or (email.attempts and email.next_attempt_at > now):
        return False
    # A compare-and-set on `attempts`: of two processes that read the same row, one moves it
    # on and the other's update matches nothing (PostgreSQL re-reads the row after the lock).
    claimed = OutboundEmail.objects.filter(
        pk=email.pk, state=OutboundEmail.State.PENDING, attempts=email.attempts
    ).update(attempts=email.attempts + 1, next_attempt_at=now + LEASE)
    if not claimed:
        return False
    email.attempts += 1
    return _send_claimed(email, after_sent=after_sent, now=now, connection=connection)


def _send_claimed(
    email: OutboundEmail, *, after_sent: AfterSent | None, now: dt.datetime, connection: Any
) -> bool:
    """Send a message this process claimed (its `attempts` already counts this try).

    The SMTP conversation happens outside any transaction so that a slow mail server never
    holds a database lock. Delivery is at-least-once: only a process that stalls past the
    lease (after the server accepted the mail, before it recorded that) can let a second
    one send it again; `after_sent` runs once all the same, for the claim that records it.
    """
    try:
        EmailMessage(
            subject=email.subject,
            body=email.body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[email.to],
            connection=connection,
        ).send()
    except (smtplib.SMTPException, OSError) as exc:
        OutboundEmail.objects.filter(
            pk=email.pk, state=OutboundEmail.State.PENDING, attempts=email.attempts
        ).update(
            last_error=f"{type(exc).__name__}: {exc}"[:2000],
            next_attempt_at=now + _backoff(email.attempts),
            state=(
                OutboundEmail.State.GAVE_UP
                if email.attempts >= MAX_ATTEMPTS
                else OutboundEmail.State.PENDING
            ),
        )
        log.warning("E-mail %s not sent (attempt %s): %s", email.pk, email.attempts, exc)
        return False
    with transaction.atomic():
        recorded = OutboundEmail.objects.filter(
            pk=email.pk, state=OutboundEmail.State.PENDING, attempts=email.attempts
        ).update(state=OutboundEmail.State.SENT, sent_at=now)
        if recorded and after_sent is not None:
            after_sent(email, now)
    return True


def outbox_claim_due(*, now: dt.datetime, limit: int = 200) -> list[OutboundEmail]:
    """Claim up to `limit` due messages for this process, in one short transaction.

    SKIP LOCKED: a second worker or tick passes the rows another is claiming instead of
    waiting for them, and takes the next ones. A claim is a lease: `next_attempt_at` moves to
    `now + LEASE`, so the other schedulers see the message as not due; when this process
    dies before it records the outcome, the lease runs out and a later run tries again.
    SQLite has no row locks (Django leaves FOR UPDATE out there) but lets one writer in at a
    time, which is all the demo's single process needs.
    """
    with transaction.atomic():
        due = list(
            OutboundEmail.objects.select_for_update(skip_locked=True)
            .filter(state=OutboundEmail.State.PENDING, next_attempt_at__lte=now)
            .order_by("next_attempt_at", "pk")[:limit]
        )
        if due:
            OutboundEmail.objects.filter(pk__in=[email.pk for email in due]).update(
                attempts=F("attempts") + 1, next_attempt_at=now + LEASE
            )
    for email in due:
        email.attempts += 1
    return due


def outbox_deliver_due(
    *,
    now: dt.datetime | None = None,
    after_sent: AfterSent | None = None,
    connection: Any = None,
    limit: int = 200,
) -> tuple[int, int]:
    """Send what is pending and due at `now`, each message by one process however many
    workers and ticks run at once. Returns (sent, failed)."""
    now = now or timezone.now()
    due = outbox_claim_due(now=now, limit=limit)
    sent = sum(
        1
        for email in due
        if _send_claimed(email, after_sent=after_sent, now=now, connection=connection)
    )
    return sent, len(due) - sent
