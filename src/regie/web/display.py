"""How cases look in staff pages: due-date traffic lights, regimes and one-line summaries."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.dates import MONTHS_3
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

from regie.cases.deadlines import COMPLAINT_HANDLING
from regie.cases.models import BOUNCED_AFTER, Case
from regie.cases.presentation import DUE_STATE_LABELS, DeadlineRow, due_state
from regie.deadlines import REGIMES
from regie.deadlines.regimes import COMPLAINT_SCHEME_PREFIX, SERVICE_NORM_PREFIX
from regie.vocabulary import CONCLUDED_STATUSES, Kind, Status, Urgency

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
    return _summary(case.subject, case.description, words)


def _summary(subject: str, description: str, words: int = 12) -> str:
    if subject:
        return subject
    return Truncator(" ".join(description.split())).words(words, truncate=" …")


# What the worklist shows of a case and of the team, provider and person handling it: the
# page reads these columns as plain values, no model instances (at fifty rows of up to five
# instances each, making them cost more than reading the rows: bench/scale.py).
WORKLIST_COLUMNS = (
    "id",
    "reference",
    "kind",
    "urgency",
    "status",
    "received_at",
    "subject",
    "description",
    "handovers",
    "accepted_at",
    "next_due",
    "municipality__name",
    "handling_team__name",
    "handling_organisation__name",
    "handler__username",
    "handler__first_name",
    "handler__last_name",
)
KIND_LABELS = dict(Kind.choices)
STATUS_LABELS = dict(Status.choices)


def worklist_values(cases: QuerySet[Case]) -> QuerySet[Case, dict[str, Any]]:
    """`cases` as the rows `worklist_rows` reads (WORKLIST_COLUMNS)."""
    return cases.values(*WORKLIST_COLUMNS)


@dataclass(frozen=True)
class WorklistRow:
    """One line of the worklist, in words ready for the page.

    Why not the case itself: the template engine resolves every `row.case.x` step by step,
    and at fifty rows of eight cells that was a third of the page's time (bench/scale.py)."""

    href: str
    reference: str
    bounced: bool
    handovers: int
    kind: str
    urgent: bool
    summary: str
    municipality: str
    received: str
    due_date: str  # "" without a date
    due_state: str
    due_word: str
    status: str
    organisation: str  # the provider or joint arrangement handling it, "" when none
    organisation_accepted: bool
    handler: str  # the person or else the team handling it, "" when nobody


def short_date(value: dt.date | dt.datetime) -> str:
    """As the template filter `date:"j b Y"` writes it (1 dec 2026), without the filter."""
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value).date()
    return f"{value.day} {MONTHS_3[value.month]} {value.year}"


def _row_due(status: str, next_due: dt.date | None, today: dt.date) -> Due:
    # A closed case is nobody's task any more, whatever deadline it never met.
    if status in CONCLUDED_STATUSES:
        return Due(None, "closed")
    return due_of(next_due, today)


def _handled_by(row: Mapping[str, Any]) -> str:
    if row["handler__username"]:
        # As User.get_full_name(), else the username.
        full_name = f"{row['handler__first_name']} {row['handler__last_name']}".strip()
        return full_name or row["handler__username"]
    return row["handling_team__name"] or ""


def worklist_rows(values: Iterable[Mapping[str, Any]], today: dt.date) -> list[WorklistRow]:
    """The rows of `worklist_values`, in words."""
    # One reverse() for the page: the case address differs only in its reference.
    marker = "REFERENCE"
    prefix, suffix = reverse("web:case", kwargs={"reference": marker}).split(marker)
    rows = []
    for row in values:
        due = _row_due(row["status"], row["next_due"], today)
        rows.append(
            WorklistRow(
                href=f"{prefix}{row['reference']}{suffix}",
                reference=row["reference"],
                bounced=row["handovers"] >= BOUNCED_AFTER,
                handovers=row["handovers"],
                kind=KIND_LABELS.get(row["kind"], row["kind"]),
                urgent=row["urgency"] == Urgency.SPOED,
                summary=_summary(row["subject"], row["description"]),
                municipality=row["municipality__name"],
                received=short_date(row["received_at"]),
                due_date=short_date(due.date) if due.date else "",
                due_state=due.state,
                due_word=due.word,
                status=STATUS_LABELS.get(row["status"], row["status"]),
                organisation=row["handling_organisation__name"] or "",
                organisation_accepted=row["accepted_at"] is not None,
                handler=_handled_by(row),
            )
        )
    return rows


def _row_html(row: WorklistRow) -> str:
    bounced = (
        f'<br><strong class="regie-flag">van hand tot hand ({row.handovers} keer)</strong>'
        if row.bounced
        else ""
    )
    urgent = " <strong>(spoed)</strong>" if row.urgent else ""
    due_date = f"{escape(row.due_date)}<br>" if row.due_date else ""
    who: str
    if row.organisation:
        who = escape(row.organisation)
        if not row.organisation_accepted:
            who += " <em>(nog niet geaccepteerd)</em>"
        if row.due_state == "overdue":
            who += '<br><strong class="regie-flag">te laat bij de aanbieder</strong>'
    elif row.handler:
        who = escape(row.handler)
    else:
        who = "<em>niemand</em>"
    cell = '<td class="utrecht-table__cell{}" data-label="{}" role="cell">{}</td>'
    return "".join(
        (
            '<tr class="utrecht-table__row" role="row">',
            cell.format(
                " regie-nowrap",
                "Kenmerk",
                f'<a class="utrecht-link utrecht-link--html-a" href="{escape(row.href)}">'
                f"{escape(row.reference)}</a>{bounced}",
            ),
            cell.format("", "Soort", f"{escape(row.kind)}{urgent}"),
            cell.format("", "Onderwerp", escape(row.summary)),
            cell.format("", "Gemeente", escape(row.municipality)),
            cell.format(" regie-nowrap", "Ontvangen", escape(row.received)),
            cell.format(
                "",
                "Eerstvolgende termijn",
                f'{due_date}<span class="regie-due regie-due--{escape(row.due_state)}">'
                f"{escape(row.due_word)}</span>",
            ),
            cell.format("", "Status", escape(row.status)),
            cell.format("", "Behandelaar", who),
            "</tr>",
        )
    )


def worklist_rows_html(rows: Iterable[WorklistRow]) -> SafeString:
    """The table rows of the worklist as HTML, written here rather than by the template
    engine: fifty rows of eight cells with their conditions were a quarter of the page's
    Python time (cProfile of /werk). Every value is escaped; the markup is the template's
    own, to the character (tests/web/test_worklist_rows_html.py compares them)."""
    return mark_safe("".join(_row_html(row) for row in rows))


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
