"""What a provider or GR sees of a case: what it needs to solve the problem, never the
municipality's internal work.

- The question (subject and description) and the terms that apply.
- The resident's contact details only when the case is with the organisation (routed or
  forwarded to it, or registered by it): then the municipality shares them to get the
  problem solved. A complaint that is only *about* the organisation stays with the
  municipality, and so do the details.
- On the timeline: receipt, routing and hand-overs with their reasons (the agreed steps),
  acceptance, progress, and contact, notes and the outcome written by its own people. Never
  the municipality's internal notes, contact summaries or conclusion, nor where a letter went.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from regie.accounts.models import Membership
from regie.accounts.scope import Scope
from regie.cases.models import Case, Event, EventType
from regie.ui.case_forms import outcome_label


@dataclass(frozen=True)
class Entry:
    at: dt.datetime
    title: str
    actor: str
    lines: tuple[str, ...] = ()


def with_us(scope: Scope, case: Case) -> bool:
    ids = scope.organisation_ids()
    return case.handling_organisation_id in ids or case.source_organisation_id in ids


def own_people(scope: Scope) -> set[int]:
    """The users of the caller's organisations: what they wrote, they may read back."""
    ids = scope.organisation_ids()
    return set(Membership.objects.filter(organisation_id__in=ids).values_list("user_id", flat=True))


def _payload(event: Event) -> dict[str, Any]:
    return event.payload if isinstance(event.payload, dict) else {}


def _holder(party: object) -> str:
    if not isinstance(party, dict):
        return ""
    return str(party.get("organisationName") or party.get("teamName") or "")


def _text_lines(text: object) -> tuple[str, ...]:
    return tuple(line.strip() for line in str(text or "").splitlines() if line.strip())


def timeline(events: Iterable[Event], ours: set[int]) -> list[Entry]:
    entries: list[Entry] = []
    for event in events:
        p = _payload(event)
        by_us = event.actor_user_id in ours
        # The municipality's people are "de gemeente" here: their names are internal.
        actor = event.actor_label if by_us or event.actor_user_id is None else "De gemeente"
        entry = _entry(event, p, by_us)
        if entry is not None:
            title, lines = entry
            entries.append(Entry(event.at, title, actor, lines))
    return entries


def _entry(event: Event, p: dict[str, Any], by_us: bool) -> tuple[str, tuple[str, ...]] | None:
    kind = event.type
    if kind == EventType.RECEIVED:
        return "Ontvangen", ()
    if kind == EventType.ROUTED:
        return f"Naar {p.get('organisationName') or p.get('teamName') or 'de gemeente'}", (
            (str(p["reason"]),) if p.get("reason") else ()
        )
    if kind == EventType.HANDED_OVER:
        reason = (f"Reden: {p['reason']}",) if p.get("reason") else ()
        if p.get("by") == "organisatie":
            return "Teruggegeven aan de gemeente", reason
        return f"Overgedragen aan {_holder(p.get('after')) or 'de gemeente'}", reason
    if kind == EventType.ACCEPTED:
        return "Geaccepteerd", ()
    if kind == EventType.PROGRESS:
        return "Voortgang", _text_lines(p.get("text"))
    if kind == EventType.CONTACT:
        return "Contact met de indiener", _text_lines(p.get("summary")) if by_us else ()
    if kind == EventType.NOTE_ADDED:
        return ("Notitie", _text_lines(p.get("text"))) if by_us else None
    if kind == EventType.CONCLUDED:
        outcome = f"Uitkomst: {outcome_label(str(p.get('outcome') or ''))}"
        return "Afgehandeld", (outcome, *(_text_lines(p.get("summary")) if by_us else ()))
    if kind == EventType.ACKNOWLEDGED:
        return "Ontvangstbevestiging verstuurd", ()
    return None
