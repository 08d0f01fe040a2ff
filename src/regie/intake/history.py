"""What the submitter may see of a case's life, for the private status page.

Built from the timeline by an allow-list: only milestones are shown, never notes, names of
staff, or anything in an event's payload. A new event type stays invisible until it is
added here on purpose.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.utils import dateformat, dateparse, timezone

from regie.cases.models import Case, Event, EventType
from regie.cases.presentation import acknowledged_by
from regie.vocabulary import CONCLUDED_STATUSES, Kind, Outcome, Status

STATUS_TEXT = {
    Status.ONTVANGEN.value: "Ontvangen. Een medewerker gaat er zo snel mogelijk mee aan de slag.",
    Status.IN_GESPREK.value: "In gesprek. Wij zoeken samen met u naar een oplossing.",
    Status.IN_BEHANDELING.value: "In behandeling. Een medewerker is ermee bezig.",
    Status.FORMEEL.value: "In behandeling. Wij behandelen uw klacht volgens de klachtregeling.",
    Status.HOORZITTING.value: "In behandeling. U kunt uw klacht mondeling toelichten.",
    Status.GEESCALEERD.value: "In behandeling. Een leidinggevende kijkt mee.",
    Status.AFGEHANDELD.value: "Afgehandeld.",
    Status.NAZORG.value: "Afgehandeld. Wij vragen u nog hoe het nu gaat.",
    Status.BIJ_OMBUDSMAN.value: "Afgehandeld. De ombudsman kijkt naar uw klacht.",
    Status.GESLOTEN.value: "Gesloten.",
    Status.INGETROKKEN.value: "Ingetrokken.",
    Status.UITGEVALLEN.value: "Gestopt.",
}

# What a step means for the resident, in the timeline on the status page ({word}: klacht,
# hulpvraag ...). Never the reason the handler wrote: that stays internal.
STEP_TEXT = {
    Status.IN_GESPREK.value: "Wij zoeken samen met u naar een oplossing.",
    Status.FORMEEL.value: "Wij behandelen uw klacht volgens de klachtregeling.",
    Status.HOORZITTING.value: "U krijgt de kans uw klacht mondeling toe te lichten.",
    Status.GEESCALEERD.value: "Een leidinggevende kijkt mee naar uw {word}.",
    Status.NAZORG.value: "Wij vragen u binnenkort hoe het nu gaat.",
    Status.BIJ_OMBUDSMAN.value: "Uw klacht ligt bij de ombudsman.",
    Status.GESLOTEN.value: "Uw {word} is gesloten.",
    Status.INGETROKKEN.value: "Uw {word} is ingetrokken.",
    Status.UITGEVALLEN.value: "De hulp is gestopt.",
}


# The outcome in words for the submitter. Only the outcome: the handler's summary of how the
# case was handled is internal (the submitter gets the reasoned answer itself by letter).
PUBLIC_OUTCOME = {
    Outcome.OPGELOST.value: "Opgelost in overleg",
    Outcome.GEGROND.value: "Klacht gegrond",
    Outcome.DEELS_GEGROND.value: "Klacht deels gegrond",
    Outcome.ONGEGROND.value: "Klacht ongegrond",
    Outcome.NIET_BEHANDELD.value: "Niet in behandeling genomen",
    Outcome.DOORVERWEZEN.value: "Doorverwezen",
    Outcome.AFGEROND.value: "Afgerond",
}


@dataclass(frozen=True)
class PublicStep:
    at: dt.datetime
    text: str


def kind_word(case: Case) -> str:
    return Kind(case.kind).label.lower()


def status_text(case: Case) -> str:
    return STATUS_TEXT.get(case.status, Status(case.status).label)


def _payload(event: Event) -> dict[str, Any]:
    return event.payload if isinstance(event.payload, dict) else {}


def _status_of(event: Event) -> str:
    payload = _payload(event)
    return str(payload.get("to") or payload.get("status") or "")


def _new_due(event: Event, key: str) -> str:
    """The new due date of a recomputed deadline, in Dutch (the date only, never the reason)."""
    deadline = _payload(event).get(key)
    due = (
        dateparse.parse_date(str(deadline.get("due") or "")) if isinstance(deadline, dict) else None
    )
    return dateformat.format(due, "l j F Y") if due else ""


def _concluded(event: Event) -> str:
    day = dateformat.format(timezone.localtime(event.at), "j F Y")
    outcome = PUBLIC_OUTCOME.get(str(_payload(event).get("outcome") or ""))
    return f"Afgehandeld op {day}." + (f" Uitkomst: {outcome}." if outcome else "")


def _with_due(text: str, due: str) -> str:
    return f"{text} U krijgt uiterlijk {due} antwoord." if due else text


HOLDER_EVENTS = (EventType.ROUTED, EventType.HANDED_OVER, EventType.ACCEPTED)

# The internal ladder and the ombudsman, for the complainant: that it happened, never who or
# why (an exception made by the doorbraak function is internal, and so is its cost).
ESCALATED_TEXT = (
    "Wij hebben uw zaak binnen de gemeente hoger gelegd. Iemand met meer mogelijkheden kijkt "
    "mee om het op te lossen."
)
ESCALATED_AGAIN = "Wij hebben uw zaak binnen de gemeente nog een stap hoger gelegd."
OMBUDSMAN_REFERRED_TEXT = (
    "Uw klacht ligt bij de ombudsman. De ombudsman onderzoekt hoe de gemeente met uw klacht "
    "is omgegaan."
)
OMBUDSMAN_OUTCOME_TEXT = (
    "De ombudsman heeft een oordeel gegeven. De gemeente heeft vastgelegd wat zij daarmee doet."
)

# The hearing (Awb 9:10) for the complainant: when, and whether by phone. Never the place as
# staff typed it (it may name a colleague), the hearing report or the reason not to hear: the
# complainant gets those by letter.
HEARING_EVENTS = (EventType.HEARING_OFFERED, EventType.HEARING_HELD, EventType.HEARING_SKIPPED)
SKIPPED_TEXT = {
    "afgezien": "U heeft laten weten dat u niet gehoord wilt worden. Wij behandelen uw klacht "
    "zonder gesprek.",
    "geen-reactie": "Wij hebben niet op tijd gehoord dat u uw klacht wilt toelichten. Wij "
    "behandelen uw klacht zonder gesprek.",
}
SKIPPED_OTHERWISE = "Wij behandelen uw klacht zonder gesprek. In onze brief leest u waarom."


def _hearing_text(event: Event) -> str:
    payload = _payload(event)
    if event.type == EventType.HEARING_OFFERED:
        planned = dateparse.parse_datetime(str(payload.get("plannedAt") or ""))
        when = (
            " op " + dateformat.format(timezone.localtime(planned), "l j F Y \\o\\m H:i") + " uur"
            if planned
            else ""
        )
        how = " Het gesprek is telefonisch." if payload.get("byPhone") else ""
        return f"Wij hebben u uitgenodigd om uw klacht toe te lichten{when}.{how}"
    if event.type == EventType.HEARING_HELD:
        held = dateparse.parse_date(str(payload.get("heldOn") or ""))
        day = " op " + dateformat.format(held, "j F Y") if held else ""
        return f"Wij hebben met u over uw klacht gesproken{day}."
    return SKIPPED_TEXT.get(str(payload.get("ground") or ""), SKIPPED_OTHERWISE)


def _holder_text(event: Event, word: str) -> str:
    payload = _payload(event)
    if event.type == EventType.ACCEPTED:
        name = payload.get("organisationName") or "De organisatie"
        return f"{name} is ermee aan de slag gegaan."
    if event.type == EventType.ROUTED:
        name = payload.get("organisationName")
        return f"Uw {word} ligt bij {name}. Zij doen dit werk voor de gemeente." if name else ""
    after = payload.get("after") if isinstance(payload.get("after"), dict) else {}
    name = after.get("organisationName") if isinstance(after, dict) else ""
    if name:
        return f"Uw {word} is doorgestuurd naar {name}. De gemeente houdt zicht op wat er gebeurt."
    return f"Uw {word} ligt nu bij de gemeente, bij een ander team."


def public_history(case: Case, events: Iterable[Event]) -> list[PublicStep]:
    word = kind_word(case)
    steps: list[PublicStep] = []
    in_progress_shown = False
    for event in events:
        if event.type == EventType.RECEIVED:
            steps.append(PublicStep(event.at, f"Wij hebben uw {word} ontvangen."))
        elif event.type == EventType.ACKNOWLEDGED:
            # An e-mail from the outbox, or a letter recorded by staff. Never where it went.
            by = "per e-mail" if acknowledged_by(_payload(event)) == "email" else "per post"
            steps.append(PublicStep(event.at, f"Wij hebben u een bevestiging gestuurd {by}."))
        elif event.type == EventType.ASSIGNED:
            # Assigning a person starts the handling; who it is stays internal.
            if _payload(event).get("handler") and not in_progress_shown:
                steps.append(PublicStep(event.at, "Een medewerker is ermee aan de slag gegaan."))
                in_progress_shown = True
        elif event.type == EventType.STATUS_CHANGED:
            new_status = _status_of(event)
            if _payload(event).get("from") in CONCLUDED_STATUSES and (
                new_status not in CONCLUDED_STATUSES
            ):
                steps.append(PublicStep(event.at, f"Uw {word} is weer geopend."))
                in_progress_shown = True
            elif new_status in STEP_TEXT:
                steps.append(PublicStep(event.at, STEP_TEXT[new_status].format(word=word)))
            elif new_status == Status.IN_BEHANDELING and not in_progress_shown:
                steps.append(PublicStep(event.at, "Een medewerker is ermee aan de slag gegaan."))
                in_progress_shown = True
            elif new_status == Status.AFGEHANDELD:
                steps.append(PublicStep(event.at, f"Uw {word} is afgehandeld."))
            elif new_status == Status.ONTVANGEN:
                steps.append(PublicStep(event.at, f"Uw {word} is weer geopend."))
                in_progress_shown = False
        elif event.type == EventType.CONTACT:
            # What was said stays internal; that there was contact is the submitter's own.
            steps.append(PublicStep(event.at, "Wij hebben contact met u gehad."))
        elif event.type == EventType.POSTPONED:
            text = "Wij hebben meer tijd nodig om uw klacht te behandelen."
            steps.append(PublicStep(event.at, _with_due(text, _new_due(event, "after"))))
        elif event.type == EventType.COMMITTEE:
            text = "Een klachtadviescommissie geeft advies over uw klacht."
            steps.append(PublicStep(event.at, _with_due(text, _new_due(event, "after"))))
        elif event.type == EventType.FIRST_CONVERSATION:
            steps.append(PublicStep(event.at, "Het eerste gesprek heeft plaatsgevonden."))
        elif event.type == EventType.CONCLUDED:
            steps.append(PublicStep(event.at, _concluded(event)))
        elif event.type == EventType.ESCALATED:
            # That it went up within the municipality; never to whom, at what level, or why.
            again = _payload(event).get("from") == Status.GEESCALEERD
            steps.append(PublicStep(event.at, ESCALATED_AGAIN if again else ESCALATED_TEXT))
        elif event.type == EventType.OMBUDSMAN_REFERRED:
            steps.append(PublicStep(event.at, OMBUDSMAN_REFERRED_TEXT))
        elif event.type == EventType.OMBUDSMAN_OUTCOME:
            steps.append(PublicStep(event.at, OMBUDSMAN_OUTCOME_TEXT))
        elif event.type in HEARING_EVENTS:
            steps.append(PublicStep(event.at, _hearing_text(event)))
        elif event.type in HOLDER_EVENTS and (text := _holder_text(event, word)):
            # Who is responsible is the resident's business (the ombudsman's first point);
            # the names of staff and the reasons stay internal.
            steps.append(PublicStep(event.at, text))
        elif event.type in RESIDENT_EVENTS:
            steps.append(PublicStep(event.at, _resident_step(event, word)))
    return steps


# Follow-up and what the submitter did on this page: that it happened, never the words (the
# page is a link that may be passed on; staff read the words on their timeline).
RESIDENT_EVENTS = (
    EventType.INFORMATION_ADDED,
    EventType.FOLLOW_UP_PLANNED,
    EventType.FOLLOW_UP_ANSWERED,
)


def _resident_step(event: Event, word: str) -> str:
    payload = _payload(event)
    if event.type == EventType.INFORMATION_ADDED:
        with_file = " en een bestand meegestuurd" if payload.get("attachment") else ""
        return f"U heeft informatie toegevoegd{with_file}."
    if event.type == EventType.FOLLOW_UP_PLANNED:
        due = dateparse.parse_date(str(payload.get("due") or ""))
        when = " rond " + dateformat.format(due, "j F Y") if due else " binnenkort"
        return f"Wij vragen u{when} hoe het nu gaat."
    asked = "U heeft ons laten weten" if payload.get("by") == "indiener" else "U heeft ons verteld"
    if payload.get("solved"):
        return f"{asked} dat het probleem is opgelost. Uw {word} is gesloten."
    return f"{asked} dat het probleem nog niet is opgelost. Uw {word} is weer geopend."


def acknowledgement_state(case: Case, events: Iterable[Event]) -> str:
    """'sent' when the confirmation e-mail left, 'pending' when it is still on its way (the
    outbox retries), 'none' when the submitter gave no e-mail address. A letter by post is
    no e-mail: the e-mail may still be on its way."""
    if not case.submitter_email:
        return "none"
    if any(
        e.type == EventType.ACKNOWLEDGED and acknowledged_by(_payload(e)) == "email" for e in events
    ):
        return "sent"
    return "pending"
