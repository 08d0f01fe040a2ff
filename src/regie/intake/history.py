"""What the submitter may see of a case's life, for the private status page.

Built from the timeline by an allow-list: only milestones are shown, never notes, names of
staff, or anything in an event's payload. A new event type stays invisible until it is
added here on purpose.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from regie.cases.models import Case, Event, EventType
from regie.vocabulary import Kind, Status

STATUS_TEXT = {
    Status.ONTVANGEN.value: "Ontvangen. Een medewerker gaat er zo snel mogelijk mee aan de slag.",
    Status.IN_BEHANDELING.value: "In behandeling. Een medewerker is ermee bezig.",
    Status.AFGEHANDELD.value: "Afgehandeld.",
}


@dataclass(frozen=True)
class PublicStep:
    at: dt.datetime
    text: str


def kind_word(case: Case) -> str:
    return Kind(case.kind).label.lower()


def status_text(case: Case) -> str:
    return STATUS_TEXT.get(case.status, Status(case.status).label)


def _status_of(event: Event) -> str:
    payload = event.payload if isinstance(event.payload, dict) else {}
    return str(payload.get("to") or payload.get("status") or "")


def public_history(case: Case, events: Iterable[Event]) -> list[PublicStep]:
    word = kind_word(case)
    steps: list[PublicStep] = []
    in_progress_shown = False
    for event in events:
        if event.type == EventType.RECEIVED:
            steps.append(PublicStep(event.at, f"Wij hebben uw {word} ontvangen."))
        elif event.type == EventType.ACKNOWLEDGED:
            steps.append(PublicStep(event.at, "Wij hebben u een bevestiging gestuurd per e-mail."))
        elif event.type == EventType.ASSIGNED:
            # Assigning a person starts the handling; who it is stays internal.
            payload = event.payload if isinstance(event.payload, dict) else {}
            if payload.get("handler") and not in_progress_shown:
                steps.append(PublicStep(event.at, "Een medewerker is ermee aan de slag gegaan."))
                in_progress_shown = True
        elif event.type == EventType.STATUS_CHANGED:
            new_status = _status_of(event)
            if new_status == Status.IN_BEHANDELING and not in_progress_shown:
                steps.append(PublicStep(event.at, "Een medewerker is ermee aan de slag gegaan."))
                in_progress_shown = True
            elif new_status == Status.AFGEHANDELD:
                steps.append(PublicStep(event.at, f"Uw {word} is afgehandeld."))
            elif new_status == Status.ONTVANGEN:
                steps.append(PublicStep(event.at, f"Uw {word} is weer geopend."))
                in_progress_shown = False
    return steps


def acknowledgement_state(case: Case, events: Iterable[Event]) -> str:
    """'sent' when the confirmation e-mail left, 'pending' when it is still on its way (the
    outbox retries), 'none' when the submitter gave no e-mail address."""
    if not case.submitter_email:
        return "none"
    if any(e.type == EventType.ACKNOWLEDGED for e in events):
        return "sent"
    return "pending"
