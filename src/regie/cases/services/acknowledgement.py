"""The acknowledgement of receipt (Awb 9:6: in writing; a service norm sets the days).

With an e-mail address it goes through the outbox at intake and Regie records it itself once
the mail server has accepted it (`acknowledgement_sent`); without one, a staff member sends a
letter and records it (`case_record_acknowledgement`). Either way the deadline is met and the
timeline says how it went.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import dateformat, timezone

from regie import limits
from regie.accounts.scope import Scope
from regie.cases import deadlines as case_deadlines
from regie.cases.models import Case, CaseDeadline, Event, EventType
from regie.cases.presentation import deadline_rows
from regie.cases.services.common import (
    CaseError,
    append_event,
    check_moment,
    lock_case,
    require_handles,
    require_open,
    require_visible,
    text_problem,
)
from regie.cases.urls_public import status_url
from regie.notifications.models import OutboundEmail
from regie.notifications.outbox import outbox_send_after_commit, outbox_write
from regie.vocabulary import Kind

PURPOSE = "ontvangstbevestiging"
# Room for " (KL-0363-2026-000123)" within the outbox's 300 characters.
SUBJECT_LENGTH = 250
# The internal note when the public form's acknowledgement was not e-mailed; `SKIPPED` in its
# payload lets the receipt page say so too.
SKIPPED = {"acknowledgement": "not-emailed"}
NOT_EMAILED = (
    "Regie heeft geen ontvangstbevestiging gemaild: naar dit e-mailadres ging kort geleden al "
    "een bevestiging (bescherming tegen misbruik van het formulier). De ontvangstbevestiging is "
    "dus nog niet verstuurd. Stuur haar zelf, per e-mail of per brief, en leg dat vast."
)
# The actor of what Regie does by itself (sending mail), on the timeline.
SYSTEM = Scope(actor_label="Regie (automatisch)")


# The municipality's own words for the acknowledgement (its letter template, edited in
# Beheer) live in a room above the register (`regie.documents`), which plugs its writer in
# when the application starts (`DocumentsConfig.ready`): the register never imports it. A
# writer returns (subject, body), or None to keep Regie's own e-mail.
OwnWords = Callable[[Case, dt.datetime], "tuple[str, str] | None"]
_own_words: list[OwnWords] = []


def acknowledgement_in_own_words(writer: OwnWords) -> None:
    """Let `writer` word the acknowledgement e-mail (one writer; a second call replaces it)."""
    _own_words[:] = [writer]


def acknowledgement_queue(
    *,
    case: Case,
    now: dt.datetime,
    send_at_once: bool = True,
    public: bool = False,
    deadlines: Sequence[CaseDeadline] | None = None,
) -> OutboundEmail | None:
    """Write the acknowledgement e-mail into the outbox, inside the intake transaction; it is
    sent after commit (or, with `send_at_once=False`, by the next delivery run), and
    `acknowledgement_sent` records it.

    From the public form (`public`), an address that had an acknowledgement within
    REGIE_ACK_WINDOW_MINUTES gets no second one: anyone may type any address, and the
    municipality must not become a tool to flood someone's mailbox (issue 11). The case stays
    registered; the acknowledgement stays owed (its deadline is not met) and an internal note
    tells staff to send it. Returns None then. `deadlines`: the case's deadlines as the
    intake just wrote them, so they are not read back."""
    if public and _recently_acknowledged(case.submitter_email, now):
        append_event(case, SYSTEM, EventType.NOTE_ADDED, {"text": NOT_EMAILED, **SKIPPED}, at=now)
        return None
    context = {
        "case": case,
        "name": case.submitter_name,
        "kind_label": Kind(case.kind).label,
        "received": timezone.localtime(case.received_at),
        "status_url": status_url(case),
        "deadlines": deadline_rows(
            case, public=True, today=timezone.localdate(now), stored=deadlines
        ),
    }
    subject = f"Wij hebben uw {Kind(case.kind).label.lower()} ontvangen"
    own = next((words for writer in _own_words if (words := writer(case, now))), None)
    if own is not None:
        own_subject, body = own
        # What a visitor typed never goes into a mail header: a subject that the
        # municipality's template filled with the submitter's name keeps Regie's own.
        one_line = " ".join(own_subject.split())
        name = " ".join(case.submitter_name.split())
        if not (name and name in one_line):
            subject = one_line[:SUBJECT_LENGTH]
    else:
        body = render_to_string("cases/email/acknowledgement.txt", context)
    email = outbox_write(
        case_id=case.pk,
        purpose=PURPOSE,
        to=case.submitter_email,
        subject=f"{subject} ({case.reference})",
        body=body,
        now=now,
    )
    if send_at_once:
        outbox_send_after_commit(email, after_sent=acknowledgement_sent)
    return email


def _recently_acknowledged(address: str, now: dt.datetime) -> bool:
    if settings.REGIE_ACK_WINDOW_MINUTES <= 0:
        return False  # 0 turns the window off
    since = now - dt.timedelta(minutes=settings.REGIE_ACK_WINDOW_MINUTES)
    # Bounded on both sides: an intake recorded at an earlier moment (the demo's history, an
    # import of old complaints) is not held back by mail written since.
    return OutboundEmail.objects.filter(
        purpose=PURPOSE, to__iexact=address.strip(), created_at__gte=since, created_at__lte=now
    ).exists()


def acknowledgement_skipped(events: Iterable[Event]) -> bool:
    """Whether the public form's acknowledgement e-mail was left out (see above)."""
    return any(
        e.type == EventType.NOTE_ADDED
        and isinstance(e.payload, dict)
        and e.payload.get("acknowledgement") == SKIPPED["acknowledgement"]
        for e in events
    )


def acknowledgement_sent(email: OutboundEmail, sent_at: dt.datetime) -> None:
    """What happens after the outbox sent a message: for an acknowledgement, Regie records
    the fact on the case. Other mail needs nothing, so any sender may pass this along."""
    if email.purpose != PURPOSE or email.case_id is None:
        return
    case = Case.objects.get(pk=email.case_id)
    case_record_acknowledgement_emailed(case=case, to=email.to, sent_at=sent_at)


def case_record_acknowledgement_emailed(*, case: Case, to: str, sent_at: dt.datetime) -> Event:
    """The acknowledgement e-mail went out: Regie itself records the fact.

    Not reachable from any screen or the API; only the outbox, through
    `acknowledgement_sent`, calls it after the mail server accepted the message.
    """
    with transaction.atomic():
        case_deadlines.mark_met(case, case_deadlines.ACKNOWLEDGEMENT, sent_at, now=sent_at)
        return append_event(
            case, SYSTEM, EventType.ACKNOWLEDGED, {"to": to, "by": "email"}, at=sent_at
        )


def case_record_acknowledgement_check(
    *, case: Case, scope: Scope, at: dt.datetime | None = None
) -> CaseDeadline:
    """An open case whose acknowledgement has not gone out yet: no e-mail left the outbox
    and no letter was recorded. Whoever handles the case sends it: the municipality, or the
    provider or GR it is with (its own complaints, for one)."""
    require_handles(scope, case)
    require_open(case)
    deadline = case_deadlines.current(case, case_deadlines.ACKNOWLEDGEMENT)
    if deadline is None:
        raise CaseError(
            {"deadline": "Voor deze zaak hoeft geen ontvangstbevestiging te worden verstuurd."}
        )
    if deadline.met_at is not None:
        sent_on = dateformat.format(timezone.localdate(deadline.met_at), "l j F Y")
        raise CaseError({"deadline": f"De ontvangstbevestiging is al verstuurd, op {sent_on}."})
    return deadline


def case_record_acknowledgement(
    *, case: Case, scope: Scope, to: str, sent_at: dt.datetime, by: str = "post"
) -> Event:
    """Staff record that the acknowledgement (Awb 9:6: in writing) went out at `sent_at`,
    usually a letter to someone who left no e-mail address. It meets the deadline."""
    require_visible(scope, case)
    now = timezone.now()
    with transaction.atomic():
        # Locked and checked, so a second click or a colleague who was first gets a message
        # instead of a second letter on the timeline.
        locked = lock_case(case, scope)
        case_record_acknowledgement_check(case=locked, scope=scope, at=sent_at)
        if by not in ("email", "post"):
            raise CaseError({"by": "Kies e-mail of post."})
        problem = text_problem(to, limits.POSTAL_ADDRESS)
        if problem:
            raise CaseError({"to": problem})
        check_moment(sent_at, locked, "sent_at", now)
        case_deadlines.mark_met(locked, case_deadlines.ACKNOWLEDGEMENT, sent_at, now=now)
        return append_event(locked, scope, EventType.ACKNOWLEDGED, {"to": to, "by": by}, at=sent_at)
