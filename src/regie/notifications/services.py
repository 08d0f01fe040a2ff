"""Writing and sending e-mail through the outbox (see OutboundEmail)."""

from __future__ import annotations

import datetime as dt
import logging
import smtplib

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from regie.cases.models import Case
from regie.cases.urls_public import status_url
from regie.notifications.models import OutboundEmail
from regie.vocabulary import Kind

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 12


def _backoff(attempts: int) -> dt.timedelta:
    # 1, 2, 4 … minutes, capped at six hours: a mail server outage over a weekend still ends
    # in delivery without hammering the server.
    return dt.timedelta(minutes=min(2 ** max(attempts - 1, 0), 360))


def acknowledgement_queue(*, case: Case) -> OutboundEmail:
    """Write the acknowledgement (Awb 9:6) into the outbox; it is sent after commit."""
    from regie.cases.presentation import deadline_rows

    context = {
        "case": case,
        "name": case.submitter_name,
        "kind_label": Kind(case.kind).label,
        "received": timezone.localtime(case.received_at),
        "status_url": status_url(case),
        "deadlines": deadline_rows(case, public=True),
    }
    email = OutboundEmail.objects.create(
        case=case,
        purpose="ontvangstbevestiging",
        to=case.submitter_email,
        subject=f"Wij hebben uw {Kind(case.kind).label.lower()} ontvangen ({case.reference})",
        body=render_to_string("notifications/email/acknowledgement.txt", context),
        next_attempt_at=timezone.now(),
    )
    send_after_commit(email)
    return email


def send_after_commit(email: OutboundEmail) -> None:
    """Hand the message to the sender once the surrounding transaction committed."""
    if not getattr(settings, "REGIE_SEND_AFTER_COMMIT", True):
        return
    if settings.REGIE_DELIVERY == "celery":
        from regie.tasks import deliver_email

        transaction.on_commit(lambda: deliver_email.delay(email.pk))
    else:
        transaction.on_commit(lambda: deliver(email.pk))


def deliver(email_id: int) -> bool:
    """Send one outbox message. Never raises: a failure is recorded and retried later.

    The SMTP conversation happens outside any transaction so that a slow mail server never
    holds a database lock; delivery is at-least-once.
    """
    from regie.cases.services import case_record_acknowledgement_emailed

    email = OutboundEmail.objects.filter(pk=email_id, state=OutboundEmail.State.PENDING).first()
    if email is None:
        return False
    try:
        EmailMessage(
            subject=email.subject,
            body=email.body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[email.to],
        ).send()
    except (smtplib.SMTPException, OSError) as exc:
        attempts = email.attempts + 1
        OutboundEmail.objects.filter(pk=email.pk).update(
            attempts=attempts,
            last_error=f"{type(exc).__name__}: {exc}"[:2000],
            next_attempt_at=timezone.now() + _backoff(attempts),
            state=OutboundEmail.State.GAVE_UP if attempts >= MAX_ATTEMPTS else email.state,
        )
        log.warning("E-mail %s not sent (attempt %s): %s", email.pk, attempts, exc)
        return False
    now = timezone.now()
    with transaction.atomic():
        claimed = OutboundEmail.objects.filter(
            pk=email.pk, state=OutboundEmail.State.PENDING
        ).update(state=OutboundEmail.State.SENT, sent_at=now, attempts=email.attempts + 1)
        if claimed and email.case_id is not None and email.purpose == "ontvangstbevestiging":
            case = Case.objects.get(pk=email.case_id)
            case_record_acknowledgement_emailed(case=case, to=email.to, sent_at=now)
    return True


def deliver_due(limit: int = 200) -> tuple[int, int]:
    """Retry what is pending and due. Returns (sent, failed)."""
    due = list(
        OutboundEmail.objects.filter(
            state=OutboundEmail.State.PENDING, next_attempt_at__lte=timezone.now()
        )
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)[:limit]
    )
    sent = sum(1 for pk in due if deliver(pk))
    return sent, len(due) - sent
