"""The intake queue: an API client that asks for it (`Prefer: respond-async`) gets its answer
once the request is checked and stored, and a worker registers the case soon after.

Why: a registration costs about 17 ms of CPU (triage, routing, deadlines, timeline, outbox),
so one machine registers about a hundred intakes a second. A burst beyond that (a mailing
error, a partner system catching up) would queue in front of the web server, where clients
time out and retry. Here the web server only checks and stores (one INSERT); the register
catches up behind it at its own pace, and nothing the client was told is accepted is lost:
the row committed before the 202 went out.

The case itself is made by `case_intake`, the one write path, with the moment of acceptance
as its receipt (the Awb's terms start then, not when a worker got to it).

    intake_accept            check as the intake would, store, answer (the web request)
    queued_intake_register   register one waiting intake (a worker, right after the commit)
    intake_queue_drain       register what waits (the tick: a lost task, a broker down)
    intake_queue_forget      remove handled intakes after KEEP_HANDLED (the tick)
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import uuid
from typing import Any

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from regie.accounts.models import ApiClient
from regie.accounts.scope import Scope, scope_for_api_client
from regie.cases.bsn import bsn_decrypt, bsn_encrypt
from regie.cases.models import QueuedIntake
from regie.cases.services.common import CaseError, PermissionRefused
from regie.cases.services.intake import (
    Address,
    IdempotencyConflict,
    IntakeRequest,
    Person,
    case_intake,
    case_intake_check,
    complaint_as_filed,
    references_reserve,
)
from regie.directory.models import Municipality, Organisation
from regie.task_sender import send_after_commit

log = logging.getLogger(__name__)

# The Celery task that registers one queued intake; the name is the contract with
# `regie.tasks`, which this room never imports.
REGISTER_TASK = "regie.tasks.register_queued_intake"
# A try that failed for an unforeseen reason (a bug, the database gone) is tried again after
# this, doubled each time up to an hour: never dropped, never hammering.
FIRST_RETRY = dt.timedelta(seconds=30)
LAST_RETRY = dt.timedelta(hours=1)
# Per tick: a backlog of a burst is left to the workers, which register in parallel.
DRAIN_PER_RUN = 2000
# How long a client can still read a handled intake at /api/v1/intakes/{id}. Then the row
# goes: its case stays, and a retry with its key still finds that case (IdempotencyRecord).
KEEP_HANDLED = dt.timedelta(days=30)
FORGET_PER_RUN = 5000


@dataclasses.dataclass(frozen=True)
class Accepted:
    queued: QueuedIntake
    # False: a retry with an Idempotency-Key seen before; `queued` is the first attempt's.
    created: bool


def intake_accept(
    *,
    scope: Scope,
    request: IntakeRequest,
    idempotency_key: str = "",
    fingerprint: str = "",
    at: dt.datetime | None = None,
) -> Accepted:
    """Check `request` as `case_intake` would and store it for a worker. Raises the same
    `CaseError` (nothing stored) or `IdempotencyConflict`. API clients only: the queue
    answers a program, which can come back for the reference; a resident cannot."""
    if scope.api_client_id is None:
        raise PermissionRefused("The intake queue is for API clients.")
    now = at or timezone.now()
    # Received now: the deadlines count from acceptance, not from the worker's turn.
    request = dataclasses.replace(request, received_at=request.received_at or now)
    try:
        case_intake_check(scope=scope, request=request, at=now)
    except CaseError:
        # A retry is answered with its first attempt, also when it would no longer pass.
        earlier = _earlier(scope, idempotency_key, fingerprint)
        if earlier is not None:
            return Accepted(earlier, created=False)
        raise
    queued = QueuedIntake(
        api_client_id=scope.api_client_id,
        idempotency_key=idempotency_key,
        fingerprint=fingerprint if idempotency_key else "",
        request=_stored(request),
        accepted_at=now,
        next_attempt_at=now,
    )
    try:
        if connection.in_atomic_block:
            # A savepoint, so a duplicate key leaves the caller's transaction usable.
            with transaction.atomic():
                queued.save(force_insert=True)
        else:
            # One INSERT in autocommit is a transaction of its own: committed when it
            # returns, without the round trips of BEGIN and COMMIT.
            queued.save(force_insert=True)
    except IntegrityError:
        # The key's unique index: a retry (or a concurrent one) of an accepted request.
        earlier = _earlier(scope, idempotency_key, fingerprint)
        if earlier is None:
            raise
        return Accepted(earlier, created=False)
    _register_soon(queued.pk)
    if settings.REGIE_DELIVERY != "celery":
        # Registered in this process right after the commit: answer with what it became.
        queued.refresh_from_db()
    return Accepted(queued, created=True)


def _earlier(scope: Scope, key: str, fingerprint: str) -> QueuedIntake | None:
    if not key:
        return None
    earlier = QueuedIntake.objects.filter(api_client_id=scope.api_client_id, idempotency_key=key)
    found = earlier.first()
    if found is not None and found.fingerprint != fingerprint:
        raise IdempotencyConflict(key)
    return found


def _register_soon(queued_id: uuid.UUID) -> None:
    """After the commit: a Celery worker registers it (production); without Celery this
    process does, before the answer goes out (the demo, a single small server)."""
    if settings.REGIE_DELIVERY == "celery":
        send_after_commit(REGISTER_TASK, str(queued_id))
    else:
        transaction.on_commit(lambda: queued_intake_register(queued_id), robust=True)


def queued_intake_register(queued_id: uuid.UUID | str, *, at: dt.datetime | None = None) -> bool:
    """Register one waiting intake as a case, or record why it cannot be. False when it is
    not waiting (done already, another worker has it, or its retry is not due)."""
    now = at or timezone.now()
    waiting = QueuedIntake.objects.filter(
        pk=queued_id, state=QueuedIntake.State.WAITING, next_attempt_at__lte=now
    ).first()
    if waiting is None:
        return False
    reference = _reference_for(waiting)
    with transaction.atomic():
        # SKIP LOCKED: a second worker (or the tick) passes the row instead of waiting for
        # it; the lock is held until the case and the row's new state commit together, so a
        # crash in between leaves the row waiting and the case unwritten.
        queued = (
            QueuedIntake.objects.select_for_update(skip_locked=True)
            .filter(pk=queued_id, state=QueuedIntake.State.WAITING, next_attempt_at__lte=now)
            .first()
        )
        if queued is None:
            return False
        # A compare-and-set for SQLite, which has no row locks but one writer at a time.
        claimed = QueuedIntake.objects.filter(
            pk=queued.pk, state=QueuedIntake.State.WAITING, attempts=queued.attempts
        ).update(attempts=queued.attempts + 1)
        if not claimed:
            return False
        queued.attempts += 1
        try:
            with transaction.atomic():
                _register(queued, now, reference)
        except Exception:
            # Unforeseen: the savepoint undid the half of it; the row waits for a later try.
            log.exception("Queued intake %s not registered (try %s)", queued.pk, queued.attempts)
            delay = min(FIRST_RETRY * 2 ** (queued.attempts - 1), LAST_RETRY)
            queued.next_attempt_at = now + delay
            queued.save(update_fields=["next_attempt_at"])
    return True


def intake_queue_drain(*, now: dt.datetime | None = None, limit: int = DRAIN_PER_RUN) -> int:
    """Register what waits and is due, oldest first; returns how many were handled. For the
    tick: normally a worker took each intake seconds after it was accepted."""
    now = now or timezone.now()
    handled = tried = 0
    while tried < limit:
        due = list(
            QueuedIntake.objects.filter(state=QueuedIntake.State.WAITING, next_attempt_at__lte=now)
            .order_by("next_attempt_at")
            .values_list("pk", flat=True)[: min(100, limit - tried)]
        )
        if not due:
            break
        progressed = sum(queued_intake_register(pk, at=now) for pk in due)
        handled += progressed
        tried += len(due)
        if not progressed:
            break  # all of them in other hands right now
    return handled


def intake_queue_forget(*, now: dt.datetime | None = None, limit: int = FORGET_PER_RUN) -> int:
    """Remove intakes handled longer than KEEP_HANDLED ago, at most `limit` per run (the
    tick runs every minute, so a backlog goes in steps without one long DELETE)."""
    now = now or timezone.now()
    old = QueuedIntake.objects.filter(handled_at__lt=now - KEEP_HANDLED).exclude(
        state=QueuedIntake.State.WAITING
    )
    ids = list(old.values_list("pk", flat=True)[:limit])
    return QueuedIntake.objects.filter(pk__in=ids).delete()[0] if ids else 0


def _reference_for(queued: QueuedIntake) -> str:
    """The case's reference number, taken before the registration's transaction in a short
    one of its own, as a direct intake takes it: inside, the counter's row lock would last
    the whole registration and parallel workers would register one municipality's intakes
    one at a time. A worker that then finds the row taken leaves the number unused
    (references are unique and ascending, not gapless). Empty when the request cannot be
    read: the registration then records why."""
    try:
        request = _restored(queued.request)
        kind, _ = complaint_as_filed(request)
        assert request.received_at is not None
        return references_reserve(
            kind=kind, received=[(request.municipality, request.received_at)]
        )[0]
    except Exception:
        return ""


def _register(queued: QueuedIntake, now: dt.datetime, reference: str = "") -> None:
    client = ApiClient.objects.get(pk=queued.api_client_id)
    try:
        result = case_intake(
            scope=scope_for_api_client(client),
            request=_restored(queued.request),
            idempotency_key=queued.idempotency_key,
            fingerprint=queued.fingerprint,
            at=max(now, queued.accepted_at),
            reference=reference,
        )
    except CaseError as refused:
        # The directory changed since acceptance (an organisation left, a team went).
        _finish(queued, now, errors=refused.errors)
    except PermissionRefused:
        # The client's key was revoked between acceptance and registration.
        _finish(queued, now, errors={"": "Deze koppeling mag geen zaken meer registreren."})
    except IdempotencyConflict:
        # The key was used first by a direct (synchronous) intake with another body.
        reused = "Deze Idempotency-Key is al gebruikt voor een ander verzoek."
        _finish(queued, now, errors={"Idempotency-Key": reused})
    else:
        queued.case = result.case
        _finish(queued, now)


def _finish(
    queued: QueuedIntake, now: dt.datetime, *, errors: dict[str, str] | None = None
) -> None:
    queued.state = QueuedIntake.State.REFUSED if errors else QueuedIntake.State.REGISTERED
    queued.errors = errors or {}
    # The personal data now lives in the case (or was refused): the queue keeps none of it.
    queued.request = {}
    queued.handled_at = now
    queued.save(update_fields=["state", "errors", "request", "handled_at", "case"])


# The request as stored: ids instead of objects, the moment as ISO 8601, the BSN encrypted
# (issue 11: never the plain number at rest). Read back only by `_restored`.


def _stored(request: IntakeRequest) -> dict[str, Any]:
    person = request.submitter
    assert request.received_at is not None
    return {
        "municipality": request.municipality.pk,
        "about": request.about.pk if request.about is not None else None,
        "kind": request.kind,
        "channel": request.channel,
        "description": request.description,
        "domain": request.domain,
        "subject": request.subject,
        "receivedAt": request.received_at.isoformat(),
        "urgency": request.urgency,
        "submitter": {
            "name": person.name,
            "email": person.email,
            "phone": person.phone,
            "anonymous": person.anonymous,
            "address": dataclasses.asdict(person.address),
            "bsn": bsn_encrypt(person.bsn) if person.bsn.strip() else "",
        },
        "onBehalfOfName": request.on_behalf_of_name,
        "onBehalfOfRelation": request.on_behalf_of_relation,
    }


def _restored(stored: dict[str, Any]) -> IntakeRequest:
    person = stored["submitter"]
    about = stored["about"]
    return IntakeRequest(
        municipality=Municipality.objects.get(pk=stored["municipality"]),
        about=Organisation.objects.get(pk=about) if about is not None else None,
        kind=stored["kind"],
        channel=stored["channel"],
        description=stored["description"],
        domain=stored["domain"],
        subject=stored["subject"],
        received_at=dt.datetime.fromisoformat(stored["receivedAt"]),
        urgency=stored["urgency"],
        submitter=Person(
            name=person["name"],
            email=person["email"],
            phone=person["phone"],
            anonymous=person["anonymous"],
            address=Address(**person["address"]),
            bsn=bsn_decrypt(person["bsn"]) if person["bsn"] else "",
        ),
        on_behalf_of_name=stored["onBehalfOfName"],
        on_behalf_of_relation=stored["onBehalfOfRelation"],
    )
