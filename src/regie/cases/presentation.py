"""How case facts are shown to people: labels and rows shared by pages, e-mails and the API."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils import timezone

from regie.cases.models import Case, CaseDeadline

DEADLINE_LABELS = {
    "ontvangstbevestiging": "Ontvangstbevestiging",
    "eerste-contact": "Eerste contact",
    "afhandeling": "Afhandeling van de klacht",
    "niet-behandelen": "Besluit om de klacht niet te behandelen",
    "eerste-gesprek": "Eerste gesprek schuldhulp",
    "besluit-schuldhulp": "Besluit over schuldhulp",
    "escalatie": "Escalatie binnen de gemeente",
}

# Deadlines a submitter sees on the status page and in the acknowledgement.
PUBLIC_DEADLINES = {"afhandeling", "eerste-gesprek", "besluit-schuldhulp"}


@dataclass(frozen=True)
class DeadlineRow:
    type: str
    label: str
    regime: str
    due: dt.date
    explanation: tuple[str, ...]
    met: bool
    state: str  # met | open | due-soon | overdue


def due_state(due: dt.date | None, today: dt.date, soon_days: int | None = None) -> str:
    """Traffic light for an open due date: overdue, due-soon or open ("none" without one)."""
    if due is None:
        return "none"
    if soon_days is None:
        soon_days = settings.REGIE_DUE_SOON_DAYS
    if due < today:
        return "overdue"
    if (due - today).days <= soon_days:
        return "due-soon"
    return "open"


DUE_STATE_LABELS = {
    "overdue": "Te laat",
    "due-soon": "Bijna",
    "open": "Op tijd",
    "met": "Gehaald",
    "none": "Geen termijn",
}


def deadline_state(deadline: CaseDeadline, today: dt.date, soon_days: int | None = None) -> str:
    if deadline.met_at is not None:
        return "met"
    return due_state(deadline.due, today, soon_days)


def deadline_rows(
    case: Case,
    *,
    public: bool = False,
    today: dt.date | None = None,
    stored: Sequence[CaseDeadline] | None = None,
) -> list[DeadlineRow]:
    """The case's current deadlines, nearest first. `stored`: the case's deadlines as just
    written (the intake), so its answer and its acknowledgement need not read them back."""
    today = today or timezone.localdate()
    rows = []
    if stored is not None:
        current = sorted((d for d in stored if not d.superseded), key=lambda d: (d.due, d.pk or 0))
    else:
        current = list(case.deadlines.filter(superseded=False).order_by("due", "pk"))
    for d in current:
        if public and d.type not in PUBLIC_DEADLINES:
            continue
        rows.append(
            DeadlineRow(
                type=d.type,
                label=DEADLINE_LABELS.get(d.type, d.type),
                regime=d.regime,
                due=d.due,
                explanation=tuple(d.explanation),
                met=d.met_at is not None,
                state=deadline_state(d, today),
            )
        )
    return rows


def acknowledged_by(payload: dict[str, Any]) -> str:
    """How an acknowledgement went out: "email" or "post". Events from before the payload
    had `by` only say where it went: an e-mail address has an @, a postal address has not."""
    by = payload.get("by")
    if by in ("email", "post"):
        return str(by)
    return "email" if "@" in str(payload.get("to") or "") else "post"
