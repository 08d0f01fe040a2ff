"""Bridge between the register and the pure deadline calculator (`regie.deadlines`).

Deadlines are computed and stored when the fact that starts them is recorded, and marked met
when the fact that ends them is recorded. A recomputation (postponement, advisory committee)
supersedes the stored row and adds a new one, so every earlier date stays on record.

These functions run inside the transaction of a service in `regie.cases.services`; they do
not append events themselves, the calling service does.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from regie import deadlines as calc
from regie.cases.models import Case, CaseDeadline
from regie.directory.complaints import complaint_regime
from regie.directory.generation import directory_cached
from regie.directory.models import EquatedDay
from regie.vocabulary import CONCLUDED_STATUSES, Domain, Kind, Urgency

# Deadline types: what must happen by the due date. Values are part of the API contract.
ACKNOWLEDGEMENT = "ontvangstbevestiging"
FIRST_CONTACT = "eerste-contact"
COMPLAINT_HANDLING = "afhandeling"
FIRST_CONVERSATION = "eerste-gesprek"
DEBT_DECISION = "besluit-schuldhulp"
# One step up the internal ladder (`cases/services/escalation.py`): the term of that level.
ESCALATION = "escalatie"

# Complaints whose handling term can be postponed or lengthened by a committee.
POSTPONABLE = {"awb-klacht", "wkkgz"}


class StaleDeadline(RuntimeError):
    """The deadline was recomputed by someone else in the meantime."""


def atw_calendar() -> calc.AtwCalendar:
    """The Atw calendar with the decree days an administrator added on top of the known ones;
    one per state of the directory, shared by the process (it keeps each year's holidays)."""
    return directory_cached(
        ("atw-calendar",),
        lambda: calc.AtwCalendar(extra_days=EquatedDay.objects.values_list("day", flat=True)),
    )


def _row(case: Case, type_: str, due: calc.DueDate) -> CaseDeadline:
    return CaseDeadline(
        case=case,
        type=type_,
        regime=due.regime,
        start=due.start,
        due=due.due,
        explanation=list(due.explanation),
        options=list(due.options),
        legal_basis=due.legal_basis,
    )


def _store(case: Case, type_: str, due: calc.DueDate) -> CaseDeadline:
    row = _row(case, type_, due)
    row.save(force_insert=True)
    return row


def store_all(case: Case, found: list[tuple[str, calc.DueDate]]) -> list[CaseDeadline]:
    """Store computed deadlines of a new case in one INSERT; the caller sets `next_due`."""
    return CaseDeadline.objects.bulk_create([_row(case, type_, due) for type_, due in found])


def _complaint_regime(case: Case) -> calc.Regime | None:
    """Which term governs the handling of a complaint: by whom it is about (see
    `directory.complaints.complaint_regime`); no term for other kinds."""
    if case.kind != Kind.KLACHT:
        return None
    return complaint_regime(case.about)


def initial_deadlines(case: Case, calendar: calc.AtwCalendar) -> list[tuple[str, calc.DueDate]]:
    """The deadlines that start at receipt, from kind, domain, urgency and who it is about.

    Pure computation (no queries beyond the case's already-loaded municipality and `about`),
    so a batch can compute many cases with one calendar.
    """
    municipality = case.municipality
    found: list[tuple[str, calc.DueDate]] = []
    has_contact = bool(case.submitter_email or case.submitter_phone)

    if not case.submitter_anonymous and has_contact:
        norm = calc.service_norm(
            "servicenorm-ontvangstbevestiging",
            "Ontvangstbevestiging",
            working_days=municipality.norm_acknowledgement_working_days,
        )
        found.append((ACKNOWLEDGEMENT, calc.compute_due(norm, case.received_at, calendar=calendar)))

    if case.kind in (Kind.KLACHT, Kind.HULPVRAAG) and has_contact:
        # Informal resolution first (Awb 9:5, Ombudsvisie): someone calls back quickly.
        norm = calc.service_norm(
            "servicenorm-eerste-contact",
            "Eerste contact",
            working_days=municipality.norm_first_contact_working_days,
        )
        found.append((FIRST_CONTACT, calc.compute_due(norm, case.received_at, calendar=calendar)))

    regime = _complaint_regime(case)
    if regime is not None:
        due = calc.compute_due(regime, case.received_at, calendar=calendar)
        found.append((COMPLAINT_HANDLING, due))

    if case.kind == Kind.HULPVRAAG and case.domain == Domain.SCHULDHULP:
        crisis = case.urgency == Urgency.SPOED
        due = calc.compute_due(
            "wgs-eerste-gesprek", case.received_at, crisis=crisis, calendar=calendar
        )
        found.append((FIRST_CONVERSATION, due))
    return found


def current(case: Case, type_: str) -> CaseDeadline | None:
    return CaseDeadline.objects.filter(case=case, type=type_, superseded=False).first()


def with_options(
    deadline: CaseDeadline,
    *,
    committee: bool | None = None,
    extended: bool | None = None,
    crisis: bool | None = None,
) -> calc.DueDate:
    """The due date `deadline` gets from the same start with changed options; options not
    mentioned keep their current value. Pure: the case page previews with it, `recompute`
    stores it."""
    options = set(deadline.options)
    for name, wanted in (("committee", committee), ("extended", extended), ("crisis", crisis)):
        if wanted is True:
            options.add(name)
        elif wanted is False:
            options.discard(name)
    return calc.compute_due(
        deadline.regime,
        deadline.start,
        committee="committee" in options,
        extended="extended" in options,
        crisis="crisis" in options,
        calendar=atw_calendar(),
    )


def recompute(
    deadline: CaseDeadline,
    *,
    now: dt.datetime,
    committee: bool | None = None,
    extended: bool | None = None,
    crisis: bool | None = None,
) -> tuple[CaseDeadline, CaseDeadline]:
    """Supersede `deadline` by one computed from the same start with changed options.

    Returns (old, new). Options not mentioned keep their current value, so choosing the
    committee after a postponement keeps the postponement.
    """
    due = with_options(deadline, committee=committee, extended=extended, crisis=crisis)
    # Only a row that is still current may be superseded: two recomputations racing each
    # other must not leave two current deadlines.
    if not CaseDeadline.objects.filter(pk=deadline.pk, superseded=False).update(superseded=True):
        raise StaleDeadline(deadline.pk)
    new = _store(deadline.case, deadline.type, due)
    refresh_next_due(deadline.case, now=now)
    return deadline, new


def start_debt_decision(
    case: Case, first_conversation_at: dt.datetime, *, now: dt.datetime
) -> CaseDeadline:
    """The first conversation starts the term for the written decision (Wgs art. 4a)."""
    regime = calc.get_regime("wgs-besluit")
    weeks = case.municipality.wgs_decision_weeks
    if 0 < weeks < regime.term.amount:
        regime = dataclasses.replace(
            regime,
            term=calc.Term.weeks(weeks),
            note=f"De verordening van {case.municipality.name} stelt {weeks} weken.",
        )
    due = calc.compute_due(regime, first_conversation_at, calendar=atw_calendar())
    stored = _store(case, DEBT_DECISION, due)
    refresh_next_due(case, now=now)
    return stored


def start_term(case: Case, type_: str, due: calc.DueDate, *, now: dt.datetime) -> CaseDeadline:
    """Store a deadline computed by a service (e.g. an escalation's term) and keep `next_due`."""
    stored = _store(case, type_, due)
    refresh_next_due(case, now=now)
    return stored


def mark_met(case: Case, deadline_type: str, at: dt.datetime, *, now: dt.datetime) -> bool:
    """Record that the fact ending this deadline happened. False when there was none open."""
    updated = CaseDeadline.objects.filter(
        case=case, type=deadline_type, superseded=False, met_at__isnull=True
    ).update(met_at=at)
    if updated:
        refresh_next_due(case, now=now)
    return bool(updated)


def refresh_next_due(case: Case, *, now: dt.datetime) -> None:
    """Keep the nearest open due date on the case, so the worklist sorts with one index.

    A concluded case has none: its unmet deadlines are history, not work.
    """
    nearest = (
        None
        if case.status in CONCLUDED_STATUSES
        else CaseDeadline.objects.filter(case=case, superseded=False, met_at__isnull=True)
        .order_by("due")
        .values_list("due", flat=True)
        .first()
    )
    if case.next_due != nearest:
        case.next_due = nearest
        Case.objects.filter(pk=case.pk).update(next_due=nearest, updated_at=now)
