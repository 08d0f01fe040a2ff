"""How cases look in staff pages: due-date traffic lights, regimes and one-line summaries."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone
from django.utils.text import Truncator

from regie.cases.deadlines import COMPLAINT_HANDLING
from regie.cases.models import Case
from regie.cases.presentation import DUE_STATE_LABELS, DeadlineRow, due_state
from regie.deadlines import REGIMES
from regie.deadlines.regimes import COMPLAINT_SCHEME_PREFIX, SERVICE_NORM_PREFIX
from regie.vocabulary import CONCLUDED_STATUSES

# States that only a closed case has. A deadline of a closed case that was never met is no
# longer a task: it was missed (its date had passed when the case closed) or it lapsed.
CLOSED_STATE_LABELS = {
    "closed": "Afgehandeld",
    "missed": "Niet gehaald",
    "lapsed": "Niet meer nodig",
}


def state_label(state: str) -> str:
    return DUE_STATE_LABELS.get(state) or CLOSED_STATE_LABELS[state]


@dataclass(frozen=True)
class Due:
    """The nearest due date with its traffic light. The word always goes with the colour:
    the state must be readable without seeing colour (WCAG 1.4.1)."""

    date: dt.date | None
    state: str  # overdue | due-soon | open | met | none | closed

    @property
    def word(self) -> str:
        return state_label(self.state).lower()


def due_of(next_due: dt.date | None, today: dt.date) -> Due:
    return Due(next_due, due_state(next_due, today))


def regime_label(identifier: str) -> str:
    if identifier in REGIMES:
        return REGIMES[identifier].label
    if identifier.startswith(SERVICE_NORM_PREFIX):
        return "Servicenorm van de gemeente"
    if identifier.startswith(COMPLAINT_SCHEME_PREFIX):
        return "Klachtenregeling van de aanbieder"
    return identifier


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


def _row_due(case: Case, today: dt.date) -> Due:
    # A closed case is nobody's task any more, whatever deadline it never met.
    if case.status in CONCLUDED_STATUSES:
        return Due(None, "closed")
    return due_of(case.next_due, today)


def worklist_rows(cases: list[Case], today: dt.date) -> list[WorklistRow]:
    return [WorklistRow(case=c, summary=summary_of(c), due=_row_due(c, today)) for c in cases]


# Deadlines whose explanation is shown open: the handling term of a complaint is the one a
# postponement or the committee changes, and a handler must see the new date and why.
EXPLAINED_OPEN = {COMPLAINT_HANDLING}


@dataclass(frozen=True)
class DeadlineView:
    row: DeadlineRow
    regime: str
    state: str
    state_word: str
    open: bool = False  # show the explanation without a click


def _closed_state(row: DeadlineRow, concluded_at: dt.datetime | None) -> str:
    if concluded_at is None or row.met:
        return row.state
    concluded_on = timezone.localtime(concluded_at).date()
    return "missed" if row.due < concluded_on else "lapsed"


def deadline_views(
    rows: list[DeadlineRow], concluded_at: dt.datetime | None = None
) -> list[DeadlineView]:
    """`concluded_at` is the moment a closed case was concluded (None while it is open)."""
    views = []
    for r in rows:
        state = _closed_state(r, concluded_at)
        views.append(
            DeadlineView(
                row=r,
                regime=regime_label(r.regime),
                state=state,
                state_word=state_label(state),
                open=r.type in EXPLAINED_OPEN,
            )
        )
    return views
