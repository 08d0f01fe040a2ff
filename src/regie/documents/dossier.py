"""The dossier for the ombudsman (Awb 9:18 and further): what the ombudsman needs to judge how
the municipality handled a complaint, as JSON (`dossier_json`) and as a PDF/A (`dossier_pdf`).

Contents: the facts of the case (reference, kind, receipt, what it is about, procedure,
outcome, the judgement per complaint element, the complainant's name and address); every
event of the timeline that may be shared, each with its date, its type and a plain-language
description; and every letter of the case with its full text.

What may be shared: everything on the timeline except internal notes. A note is shared only
when the person who wrote it said so (`"shareable": true` in its payload, the checkbox "mag
gedeeld worden met de ombudsman"). The staff timeline's words live in `web`, which this room
may not import; the descriptions below are written for a reader outside the municipality and
fall back to the event's own label and texts for a type they do not know yet.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone

from regie.cases.models import Case, Event, EventType
from regie.deadlines.dutch import format_date
from regie.documents.models import Letter
from regie.documents.pdf import render_pdf
from regie.vocabulary import (
    Channel,
    Domain,
    EscalationLevel,
    HearingSkipGround,
    Judgement,
    Kind,
    LetterKind,
    Norm,
    Outcome,
    Procedure,
    Status,
)

Describe = Callable[[dict[str, Any]], list[str]]


def is_shared(event: Event) -> bool:
    """Every event goes to the ombudsman, except an internal note not marked shareable."""
    if event.type != EventType.NOTE_ADDED:
        return True
    payload = event.payload if isinstance(event.payload, dict) else {}
    return payload.get("shareable") is True


def shared_events(case: Case) -> list[Event]:
    return [e for e in case.events.order_by("at", "pk") if is_shared(e)]


def _label(choices: Any, value: object) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return str(value or "")


def _day(value: object) -> str:
    try:
        return format_date(dt.date.fromisoformat(str(value or "")[:10]))
    except ValueError:
        return ""


def _lines(*parts: object) -> list[str]:
    """Non-empty texts, a multi-line text split into its lines."""
    found: list[str] = []
    for part in parts:
        for line in str(part or "").splitlines():
            if line.strip():
                found.append(line.strip())
    return found


def _step(p: dict[str, Any]) -> list[str]:
    before, after = p.get("from"), p.get("to")
    if before and after and before != after:
        return [
            f"Status: van {_label(Status, before).lower()} naar {_label(Status, after).lower()}."
        ]
    return []


def _received(p: dict[str, Any]) -> list[str]:
    found = [
        f"Binnengekomen als {_label(Kind, p.get('kind')).lower()} "
        f"via {_label(Channel, p.get('channel')).lower()}.",
    ]
    if p.get("domain"):
        found.append(f"Domein: {_label(Domain, p.get('domain'))}.")
    if p.get("procedure"):
        found.append(f"Procedure: {_label(Procedure, p.get('procedure'))}.")
    return found


def _assigned(p: dict[str, Any]) -> list[str]:
    return [
        f"Team: {p.get('teamName') or 'geen team'}. "
        f"Behandelaar: {p.get('handlerName') or 'nog niemand'}."
    ]


def _acknowledged(p: dict[str, Any]) -> list[str]:
    by = p.get("by")
    if by not in ("email", "post"):
        by = "email" if "@" in str(p.get("to") or "") else "post"
    return [f"De ontvangst is schriftelijk bevestigd, per {'e-mail' if by == 'email' else 'post'}."]


def _deadline(p: dict[str, Any]) -> list[str]:
    due = _day(p.get("due"))
    return [f"Termijn ({p.get('type') or 'termijn'}): uiterlijk {due}."] if due else []


def _before_after(p: dict[str, Any]) -> list[str]:
    found = []
    for key, word in (("before", "Eerdere datum"), ("after", "Nieuwe datum")):
        value = p.get(key)
        if isinstance(value, dict) and (due := _day(value.get("due"))):
            found.append(f"{word}: uiterlijk {due}.")
    return found


def _postponed(p: dict[str, Any]) -> list[str]:
    sent = _day(p.get("noticeSentOn"))
    return _lines(
        f"Brief over de verdaging verstuurd op {sent}." if sent else "",
        f"Reden: {p['reason']}" if p.get("reason") else "",
    ) + _before_after(p)


def _concluded(p: dict[str, Any]) -> list[str]:
    return [f"Uitkomst: {_label(Outcome, p.get('outcome'))}.", *_lines(p.get("summary"))]


def _handed_over(p: dict[str, Any]) -> list[str]:
    def holder(value: object) -> str:
        if not isinstance(value, dict):
            return ""
        return str(value.get("organisationName") or value.get("teamName") or "")

    before, after = holder(p.get("before")), holder(p.get("after"))
    return _lines(
        f"Van: {before}." if before else "",
        f"Naar: {after}." if after else "",
        f"Reden: {p['reason']}" if p.get("reason") else "",
    )


def _escalated(p: dict[str, Any]) -> list[str]:
    level = _label(EscalationLevel, p.get("level")).lower()
    found = [f"De zaak is binnen de gemeente voorgelegd aan: {level}."]
    if p.get("previousLevel"):
        found.append(
            f"Daarvoor lag de zaak bij: {_label(EscalationLevel, p['previousLevel']).lower()}."
        )
    if p.get("assignedToName"):
        found.append(f"Opgepakt door: {p['assignedToName']}.")
    if due := _day(p.get("due")):
        found.append(f"Termijn voor dit niveau: uiterlijk {due}.")
    return found + _lines(f"Reden: {p['reason']}" if p.get("reason") else "")


def _exception(p: dict[str, Any]) -> list[str]:
    return _lines(
        f"Uitzondering op de regels: {p.get('exception') or ''}",
        f"Besloten door: {p['decidedByName']}." if p.get("decidedByName") else "",
        f"Kosten: € {p['costEuros']}." if p.get("costEuros") else "",
    )


def _referred(p: dict[str, Any]) -> list[str]:
    return _lines(
        f"De indiener is naar {p.get('ombudsman') or 'de ombudsman'} gegaan.",
        f"Kenmerk van de ombudsman: {p['theirReference']}." if p.get("theirReference") else "",
    )


def _ombudsman_outcome(p: dict[str, Any]) -> list[str]:
    return _lines(
        f"Oordeel: {_label(Judgement, p.get('judgement')).lower()}.",
        f"Bevindingen: {p.get('findings') or ''}",
        f"Aanbevelingen: {p['recommendations']}" if p.get("recommendations") else "",
        f"Wat de gemeente ermee doet: {p['response']}" if p.get("response") else "",
    )


def _hearing_skipped(p: dict[str, Any]) -> list[str]:
    return _lines(
        f"Grond: {_label(HearingSkipGround, p.get('ground'))}." if p.get("ground") else "",
        p.get("explanation"),
    )


def _note(p: dict[str, Any]) -> list[str]:
    return _lines(p.get("text"))


# The texts a person wrote, in the order a reader wants them; used for types without words
# of their own here (added by colleagues later), so nothing written is left out.
TEXT_KEYS = (
    "summary",
    "reason",
    "text",
    "report",
    "explanation",
    "findings",
    "recommendations",
    "response",
    "exception",
    "comment",
    "subject",
)


def _generic(p: dict[str, Any]) -> list[str]:
    found = _step(p)
    for key in TEXT_KEYS:
        value = p.get(key)
        if isinstance(value, str):
            found += _lines(value)
    return found


DESCRIBE: dict[str, Describe] = {
    EventType.RECEIVED: _received,
    EventType.ASSIGNED: _assigned,
    EventType.NOTE_ADDED: _note,
    EventType.ACKNOWLEDGED: _acknowledged,
    EventType.STATUS_CHANGED: lambda p: _step(p) + _lines(p.get("reason")),
    EventType.DEADLINE_SET: _deadline,
    EventType.CONTACT: lambda p: _lines(p.get("summary")) or ["Contact met de indiener."],
    EventType.POSTPONED: _postponed,
    EventType.COMMITTEE: lambda p: ["De klachtadviescommissie is ingeschakeld.", *_before_after(p)],
    EventType.CONCLUDED: _concluded,
    EventType.HANDED_OVER: _handed_over,
    EventType.ROUTED: lambda p: _lines(
        f"Naar: {p.get('organisationName') or p.get('teamName') or 'onbekend'}.", p.get("reason")
    ),
    EventType.ACCEPTED: lambda p: [
        f"Geaccepteerd door {p.get('organisationName') or 'de organisatie'}."
    ],
    EventType.PROGRESS: lambda p: _lines(p.get("text")),
    EventType.EMPLOYEE_NAMED: lambda p: [
        f"De klacht gaat over {p.get('employeeName') or 'een medewerker'}; "
        "deze persoon behandelt de klacht niet (Awb 9:7)."
    ],
    EventType.HEARING_SKIPPED: _hearing_skipped,
    EventType.ESCALATED: _escalated,
    EventType.EXCEPTION_MADE: _exception,
    EventType.OMBUDSMAN_REFERRED: _referred,
    EventType.OMBUDSMAN_OUTCOME: _ombudsman_outcome,
}


def describe(event: Event) -> list[str]:
    """The event in plain Dutch, one sentence a line."""
    payload = event.payload if isinstance(event.payload, dict) else {}
    found = DESCRIBE.get(event.type, _generic)(payload)
    return found or [_label(EventType, event.type) + "."]


def _moment(at: dt.datetime) -> dt.datetime:
    return timezone.localtime(at)


def _event_entry(event: Event) -> dict[str, Any]:
    at = _moment(event.at)
    return {
        "id": event.pk,
        "at": at.isoformat(),
        "date": at.strftime("%d-%m-%Y"),
        "time": at.strftime("%H:%M"),
        "type": event.type,
        "typeLabel": _label(EventType, event.type),
        "actor": event.actor_label,
        "description": describe(event),
    }


def _letter_entry(letter: Letter) -> dict[str, Any]:
    at = _moment(letter.created_at)
    return {
        "id": letter.pk,
        "kind": letter.kind,
        "kindLabel": _label(LetterKind, letter.kind),
        "channel": letter.channel,
        "channelLabel": _label(Letter.Channel, letter.channel),
        "at": at.isoformat(),
        "date": at.strftime("%d-%m-%Y"),
        "subject": letter.subject,
        "body": letter.body,
        "recipientName": letter.recipient_name,
        "recipientAddress": letter.recipient_address,
        "recipientEmail": letter.recipient_email,
    }


def _case_facts(case: Case) -> dict[str, Any]:
    return {
        "reference": case.reference,
        "municipality": case.municipality.name,
        "kind": case.kind,
        "kindLabel": _label(Kind, case.kind),
        "domain": case.domain,
        "domainLabel": _label(Domain, case.domain),
        "channel": case.channel,
        "channelLabel": _label(Channel, case.channel),
        "receivedAt": _moment(case.received_at).isoformat(),
        "subject": case.subject,
        "description": case.description,
        "about": case.about.name if case.about_id and case.about else "De gemeente zelf",
        "procedure": case.procedure,
        "procedureLabel": _label(Procedure, case.procedure) if case.procedure else "",
        "status": case.status,
        "statusLabel": _label(Status, case.status),
        "outcome": case.outcome,
        "outcomeLabel": _label(Outcome, case.outcome) if case.outcome else "",
        "concludedAt": _moment(case.concluded_at).isoformat() if case.concluded_at else None,
        "complainant": {
            "name": case.submitter_name,
            "address": {
                "street": case.submitter_street,
                "houseNumber": case.submitter_house_number,
                "postcode": case.submitter_postcode,
                "city": case.submitter_city,
            },
            "onBehalfOf": case.on_behalf_of_name,
        },
    }


def _judgements(case: Case) -> list[dict[str, Any]]:
    return [
        {
            "element": j.element,
            "judgement": j.judgement,
            "judgementLabel": _label(Judgement, j.judgement),
            "norm": j.norm,
            "normLabel": _label(Norm, j.norm) if j.norm else "",
            "reasons": j.reasons,
            "measures": j.measures,
            "concludedAt": _moment(j.concluded_at).isoformat(),
        }
        for j in case.judgements.order_by("concluded_at", "position")
    ]


def _referrals(case: Case) -> list[dict[str, Any]]:
    return [
        {
            "ombudsman": r.ombudsman,
            "referredAt": _moment(r.referred_at).isoformat(),
            "theirReference": r.their_reference,
            "judgement": r.judgement,
            "judgementLabel": _label(Judgement, r.judgement) if r.judgement else "",
            "findings": r.findings,
            "recommendations": r.recommendations,
            "response": r.response,
            "outcomeAt": _moment(r.outcome_at).isoformat() if r.outcome_at else None,
        }
        for r in case.ombudsman_referrals.order_by("referred_at", "pk")
    ]


def dossier_json(case: Case, *, at: dt.datetime | None = None) -> dict[str, Any]:
    """The dossier as JSON-ready data (lowerCamelCase keys, ISO 8601 moments in Dutch time)."""
    made = _moment(at or timezone.now())
    letters: Iterable[Letter] = Letter.objects.filter(case=case).order_by("created_at", "pk")
    return {
        "dossier": {
            "createdAt": made.isoformat(),
            "for": case.municipality.ombudsman_name,
            "sharing": (
                "Alle gebeurtenissen van de tijdlijn en alle brieven. Interne notities alleen "
                "als de schrijver ze heeft gemarkeerd als 'mag gedeeld worden met de ombudsman'."
            ),
        },
        "case": _case_facts(case),
        "judgements": _judgements(case),
        "ombudsmanReferrals": _referrals(case),
        "events": [_event_entry(e) for e in shared_events(case)],
        "letters": [_letter_entry(letter) for letter in letters],
    }


def dossier_html(case: Case, *, at: dt.datetime | None = None) -> str:
    data = dossier_json(case, at=at)
    made = dt.datetime.fromisoformat(data["dossier"]["createdAt"])
    facts = data["case"]
    received = dt.datetime.fromisoformat(facts["receivedAt"])
    concluded = facts["concludedAt"] and dt.datetime.fromisoformat(facts["concludedAt"])
    address = facts["complainant"]["address"]
    address_line = (
        f"{address['street']} {address['houseNumber']}, {address['postcode']} {address['city']}"
        if address["street"]
        else ""
    )
    return render_to_string(
        "documents/dossier.html",
        {
            "data": data,
            "facts": facts,
            "made": format_date(made.date()),
            "received": f"{format_date(received.date())}, {received:%H:%M} uur",
            "concluded": format_date(concluded.date()) if concluded else "",
            "address_line": address_line,
        },
    )


def dossier_pdf(case: Case, *, at: dt.datetime | None = None) -> bytes:
    """The dossier as PDF/A-2b, for the ombudsman's file."""
    return render_pdf(dossier_html(case, at=at))


def dossier_filename(case: Case, extension: str) -> str:
    return f"dossier-ombudsman-{case.reference}.{extension}"
