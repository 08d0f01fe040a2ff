"""How cases look in staff pages: due-date traffic light and one-line summaries."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.text import Truncator

from regie.cases.models import Case

SOON_DAYS = 3  # same horizon as presentation.deadline_state, so both pages agree

# Word first, colour second: the state must be readable without seeing colour (WCAG 1.4.1).
DUE_WORDS = {
    "overdue": "te laat",
    "due-soon": "bijna",
    "open": "op tijd",
    "met": "gehaald",
    "none": "geen termijn",
}


@dataclass(frozen=True)
class Due:
    date: dt.date | None
    state: str  # overdue | due-soon | open | none

    @property
    def word(self) -> str:
        return DUE_WORDS[self.state]


def due_of(next_due: dt.date | None, today: dt.date) -> Due:
    if next_due is None:
        return Due(None, "none")
    if next_due < today:
        return Due(next_due, "overdue")
    if (next_due - today).days <= SOON_DAYS:
        return Due(next_due, "due-soon")
    return Due(next_due, "open")


def summary_of(case: Case, words: int = 12) -> str:
    """The subject, or else the first words of the description."""
    if case.subject:
        return case.subject
    return Truncator(" ".join(case.description.split())).words(words, truncate=" …")


@dataclass(frozen=True)
class WorklistRow:
    case: Case
    summary: str
    due: Due


def worklist_rows(cases: list[Case], today: dt.date) -> list[WorklistRow]:
    return [
        WorklistRow(case=c, summary=summary_of(c), due=due_of(c.next_due, today)) for c in cases
    ]
