"""The case timeline in Dutch, one readable entry per event type (staff only)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.utils import dateformat, dateparse

from regie.cases.models import Event, EventType
from regie.cases.presentation import DEADLINE_LABELS, acknowledged_by
from regie.vocabulary import Channel, Domain, Kind, Outcome, Procedure, Status


@dataclass(frozen=True)
class TimelineEntry:
    at: dt.datetime
    title: str
    actor: str
    lines: tuple[str, ...] = ()
    note: str = ""  # an internal note, shown as the person wrote it
    date_only: bool = False  # a letter has a date; the time on record is not a real one


def _label(choices: Any, value: object) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return str(value or "onbekend")


def _received(p: dict[str, Any]) -> tuple[str, tuple[str, ...]]:
    lines: tuple[str, ...] = (
        f"Soort: {_label(Kind, p.get('kind'))}",
        f"Domein: {_label(Domain, p.get('domain'))}",
    )
    if p.get("filedAs") == Kind.KLACHT:
        lines += (
            "Ingediend als klacht, zonder naam: geen klacht in de zin van de Awb (artikel 9:4). "
            "Geregistreerd als signaal en wel opgepakt (artikel 9:2).",
        )
    if procedure := p.get("procedure"):
        lines += (f"Procedure: {_label(Procedure, procedure)}",)
    return f"Ontvangen via {_label(Channel, p.get('channel')).lower()}", lines


def _assigned(p: dict[str, Any]) -> tuple[str, tuple[str, ...]]:
    team = p.get("teamName") or "geen team"
    handler = p.get("handlerName") or "nog niemand"
    return "Toegewezen", (f"Team: {team}", f"Behandelaar: {handler}")


# What staff record for a letter when they leave the address out.
NO_ADDRESS = "per post"


def _acknowledged(p: dict[str, Any]) -> tuple[str, tuple[str, ...]]:
    by = "per e-mail" if acknowledged_by(p) == "email" else "per post"
    to = str(p.get("to") or "").strip()
    return f"Ontvangstbevestiging verstuurd {by}", (
        (f"Naar: {to}",) if to and to != NO_ADDRESS else ()
    )


def _status_changed(p: dict[str, Any]) -> tuple[str, tuple[str, ...]]:
    new = p.get("to") or p.get("status")
    reason = p.get("reason") or p.get("note")
    return f"Status gewijzigd naar: {_label(Status, new).lower()}", (
        (str(reason),) if reason else ()
    )


def _day(value: object) -> str:
    day = dateparse.parse_date(str(value or "")[:10])
    return dateformat.format(day, "l j F Y") if day else ""


def _due_line(deadline: object, prefix: str = "Nieuwe datum") -> tuple[str, ...]:
    due = _day(deadline.get("due")) if isinstance(deadline, dict) else ""
    return (f"{prefix}: uiterlijk {due}",) if due else ()


def _deadline_set(p: dict[str, Any]) -> tuple[str, tuple[str, ...]]:
    kind = str(p.get("type") or "")
    label = DEADLINE_LABELS.get(kind, kind or "termijn")
    due = _day(p.get("due"))
    return f"Termijn berekend: {label}", ((f"uiterlijk {due}",) if due else ())


def _contact(p: dict[str, Any]) -> tuple[str, tuple[str, ...]]:
    summary = p.get("summary")
    return "Contact met de indiener", ((str(summary),) if summary else ())


def _before_after(p: dict[str, Any]) -> tuple[str, ...]:
    """A recomputed deadline: the date it had, then the date it has now."""
    return _due_line(p.get("before"), "Eerdere datum") + _due_line(p.get("after"))


def _postponed(p: dict[str, Any]) -> tuple[str, tuple[str, ...]]:
    lines: tuple[str, ...] = ()
    if sent := _day(p.get("noticeSentOn")):
        lines += (f"Brief aan de indiener verstuurd op {sent}",)
    if reason := p.get("reason"):
        lines += (f"Reden: {reason}",)
    return "Behandeling verdaagd", lines + _before_after(p)


def _committee(p: dict[str, Any]) -> tuple[str, tuple[str, ...]]:
    return "Klachtadviescommissie ingeschakeld", _before_after(p)


def _first_conversation(p: dict[str, Any]) -> tuple[str, tuple[str, ...]]:
    return "Eerste gesprek gevoerd", _due_line(p.get("decision"), "Besluit over schuldhulp")


def _concluded(p: dict[str, Any]) -> tuple[str, tuple[str, ...]]:
    # The summary is staff text: it may run over several lines, each its own paragraph.
    summary = [line.strip() for line in str(p.get("summary") or "").splitlines()]
    outcome = f"Uitkomst: {_label(Outcome, p.get('outcome'))}"
    return "Afgehandeld", (outcome, *(line for line in summary if line))


def _holder(party: object) -> str:
    if not isinstance(party, dict):
        return ""
    return str(party.get("organisationName") or party.get("teamName") or "")


def _routed(p: dict[str, Any]) -> tuple[str, tuple[str, ...]]:
    to = p.get("organisationName") or p.get("teamName") or "onbekend"
    reason = p.get("reason")
    return f"Naar {to} gestuurd (wegwijzer)", ((str(reason),) if reason else ())


def _handed_over(p: dict[str, Any]) -> tuple[str, tuple[str, ...]]:
    before, after = _holder(p.get("before")), _holder(p.get("after"))
    if p.get("by") == "organisatie":
        title = f"Teruggegeven aan de gemeente door {before}" if before else "Teruggegeven"
    else:
        title = f"Overgedragen aan {after}" if after else "Overgedragen"
    lines: tuple[str, ...] = (
        (f"Lag bij: {before}",) if before and p.get("by") != "organisatie" else ()
    )
    if reason := p.get("reason"):
        lines += (f"Reden: {reason}",)
    return title, lines


def _accepted(p: dict[str, Any]) -> tuple[str, tuple[str, ...]]:
    return f"Geaccepteerd door {p.get('organisationName') or 'de organisatie'}", ()


def _progress(p: dict[str, Any]) -> tuple[str, tuple[str, ...]]:
    text = [line.strip() for line in str(p.get("text") or "").splitlines()]
    return "Voortgang van de organisatie", tuple(line for line in text if line)


def _employee_named(p: dict[str, Any]) -> tuple[str, tuple[str, ...]]:
    name = p.get("employeeName") or "een medewerker"
    return f"Klacht gaat over {name}", ("Deze persoon behandelt de klacht niet (Awb 9:7).",)


RENDERERS: dict[str, Callable[[dict[str, Any]], tuple[str, tuple[str, ...]]]] = {
    EventType.RECEIVED: _received,
    EventType.ASSIGNED: _assigned,
    EventType.ACKNOWLEDGED: _acknowledged,
    EventType.STATUS_CHANGED: _status_changed,
    EventType.DEADLINE_SET: _deadline_set,
    EventType.CONTACT: _contact,
    EventType.POSTPONED: _postponed,
    EventType.COMMITTEE: _committee,
    EventType.FIRST_CONVERSATION: _first_conversation,
    EventType.CONCLUDED: _concluded,
    EventType.ROUTED: _routed,
    EventType.HANDED_OVER: _handed_over,
    EventType.ACCEPTED: _accepted,
    EventType.PROGRESS: _progress,
    EventType.EMPLOYEE_NAMED: _employee_named,
}


def timeline_entries(events: Iterable[Event]) -> list[TimelineEntry]:
    entries = []
    for event in events:
        payload = event.payload if isinstance(event.payload, dict) else {}
        actor = event.actor_label or "Systeem"
        if event.type == EventType.NOTE_ADDED:
            entries.append(
                TimelineEntry(event.at, "Interne notitie", actor, note=str(payload.get("text", "")))
            )
            continue
        render = RENDERERS.get(event.type)
        if render is None:
            # A type added elsewhere still shows up, with its own label, until it gets words.
            entries.append(TimelineEntry(event.at, _label(EventType, event.type), actor))
            continue
        title, lines = render(payload)
        letter = event.type == EventType.ACKNOWLEDGED and acknowledged_by(payload) == "post"
        entries.append(TimelineEntry(event.at, title, actor, lines, date_only=letter))
    return entries
