"""The internal ladder: teamleider → manager → doorbraak (`EscalationLevel`), each step with
its own term, before the ombudsman (the Ombudsvisie: solve it at the lowest step that can).

`case_escalate` puts a case (or an escalated case one level higher) with someone who has more
mandate; `case_record_exception` records, at the doorbraak level, which exception to the rules
was made to solve the resident's problem, by whom and at what cost, so the municipality can
learn which rules get in residents' way. Leaving the escalation (back to handling, withdrawn,
concluded) is `case_move` / `case_conclude`; both mark the escalation's term met.

Terms (working days, counted on the Atw calendar so a term over Easter or Christmas does not
lose days; a municipality's own norm, not a statutory term, and the explanation says so):

- teamleider 5 working days: the team lead knows the case and the people; a working week is
  enough to call the resident and decide, and it keeps the escalation well inside the six
  weeks of Awb 9:11.
- manager 5 working days: the manager decides on what the team lead could not (priority,
  capacity, another department); a longer term would only add waiting for the resident.
- doorbraak 10 working days: an unorthodox solution usually needs other departments, a
  provider or a budget holder on board, and the doorbraak function is meant for the cases
  that are stuck; two working weeks is what the doorbraak approach takes for a first
  solution.

Climbing: an escalated case may go up, never down, and may skip a level. Skipping is allowed
because the lowest useful step is not always the next one: when the team lead is part of the
problem, or when the resident faces eviction or a cut-off, waiting for a level that cannot
help costs days the resident does not have. The reason is required, so the timeline says why
a level was skipped. Going down is refused: the higher level has the mandate, and handing it
back is "back to handling" (`case_move`), which ends the escalation.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.contrib.auth.models import User
from django.db import transaction

from regie import deadlines as calc
from regie.accounts.scope import Scope
from regie.cases import deadlines as case_deadlines
from regie.cases.models import Case, Escalation, EventType
from regie.cases.services.common import (
    CaseError,
    append_event,
    check_moment,
    lock_case,
    moments,
    raise_if,
    require_handles,
    require_may_handle,
    require_move,
    require_visible,
    staff_text,
)
from regie.cases.services.complaint_procedure import (
    display_name,
    employee_conflict,
    employees_of,
)
from regie.vocabulary import EscalationLevel, Status

LADDER: tuple[str, ...] = (
    EscalationLevel.TEAMLEIDER,
    EscalationLevel.MANAGER,
    EscalationLevel.DOORBRAAK,
)
# Working days per level (see the module docstring for why).
TERM_WORKING_DAYS: dict[str, int] = {
    EscalationLevel.TEAMLEIDER: 5,
    EscalationLevel.MANAGER: 5,
    EscalationLevel.DOORBRAAK: 10,
}
# The highest cost an exception can record (the column holds 10 digits, 2 after the point).
MAX_COST = Decimal("99999999.99")


def escalation_regime(level: str) -> calc.Regime:
    label = EscalationLevel(level).label
    return calc.service_norm(
        f"servicenorm-escalatie-{level}",
        f"Escalatie naar {label.lower()}",
        working_days=TERM_WORKING_DAYS[level],
        start_event="de escalatie",
    )


def escalation_due(level: str, at: dt.datetime | dt.date) -> calc.DueDate:
    """The due date of an escalation to `level` raised at `at` (pure; the page previews it)."""
    return calc.compute_due(escalation_regime(level), at, calendar=case_deadlines.atw_calendar())


def current_escalation(case: Case) -> Escalation | None:
    """The escalation the case is in now: the latest one, while the case is escalated."""
    if case.status != Status.GEESCALEERD:
        return None
    return case.escalations.order_by("-raised_at", "-pk").first()


def levels_open(case: Case) -> list[str]:
    """The levels the case can go to now: any level when it is not escalated, a higher one
    when it is."""
    current = current_escalation(case)
    if current is None:
        return list(LADDER)
    return list(LADDER[LADDER.index(current.level) + 1 :])


def case_escalate_check(*, case: Case, scope: Scope, at: dt.datetime | None = None) -> list[str]:
    """Whoever handles the case puts it higher up: from handling, per the workflow, or one or
    more levels up while escalated. Returns the levels open now."""
    require_handles(scope, case)
    if case.status != Status.GEESCALEERD:
        require_move(case, Status.GEESCALEERD)
    levels = levels_open(case)
    if not levels:
        raise CaseError(
            {
                "status": "De zaak ligt al bij de doorbraakfunctie. Hoger kan niet binnen "
                "de gemeente."
            }
        )
    return levels


def case_escalate(
    *,
    case: Case,
    scope: Scope,
    level: str,
    reason: str,
    assigned_to: User | None = None,
    at: dt.datetime | None = None,
) -> Escalation:
    """Put the case with `level` of the internal ladder, with that level's term (stored as a
    deadline, so the worklist shows it), and one ESCALATED event."""
    require_visible(scope, case)
    at, now = moments(at)
    with transaction.atomic():
        locked = lock_case(case, scope)
        levels = case_escalate_check(case=locked, scope=scope, at=at)
        current = current_escalation(locked)
        errors: dict[str, str] = {}
        if level not in EscalationLevel.values:
            errors["level"] = "Kies naar wie de zaak gaat."
        elif level not in levels:
            assert current is not None
            errors["level"] = (
                f"De zaak ligt al bij: {EscalationLevel(current.level).label.lower()}. "
                "Escaleren kan alleen naar een hoger niveau. Terug naar de gewone behandeling "
                "gaat via Volgende stap."
            )
        reason = staff_text(
            errors,
            "reason",
            reason,
            required="Schrijf op waarom de zaak hoger in de organisatie moet worden gelegd.",
        )
        if assigned_to is not None:
            if not employees_of(locked).filter(pk=assigned_to.pk).exists():
                errors["assigned_to"] = "Kies iemand van deze gemeente."
            elif conflict := employee_conflict(locked, assigned_to):
                errors["assigned_to"] = conflict
        raise_if(errors)
        check_moment(at, locked, "at", now)
        latest = locked.events.order_by("-at").values_list("at", flat=True).first()
        if latest is not None and at < latest:
            raise CaseError({"at": "Deze stap ligt vóór de laatste gebeurtenis op de tijdlijn."})

        before = locked.status
        if current is not None:
            # The lower level's term ends here: it did its part by passing the case up.
            case_deadlines.mark_met(locked, case_deadlines.ESCALATION, at, now=now)
        if before != Status.GEESCALEERD:
            locked.status = Status.GEESCALEERD
            locked.save(update_fields=["status", "updated_at"])
        due = escalation_due(level, at)
        case_deadlines.start_term(locked, case_deadlines.ESCALATION, due, now=now)
        escalation = Escalation.objects.create(
            case=locked,
            level=level,
            reason=reason,
            raised_at=at,
            raised_by_id=scope.user_id,
            assigned_to=assigned_to,
            due=due.due,
        )
        append_event(
            locked,
            scope,
            EventType.ESCALATED,
            {
                "escalation": escalation.pk,
                "level": level,
                "previousLevel": current.level if current is not None else "",
                "reason": reason,
                "due": due.due.isoformat(),
                "from": before,
                "to": Status.GEESCALEERD.value,
                "assignedTo": assigned_to.pk if assigned_to else None,
                "assignedToName": display_name(assigned_to) if assigned_to else "",
            },
            at=at,
        )
    return escalation


def case_record_exception_check(
    *, case: Case, scope: Scope, at: dt.datetime | None = None
) -> Escalation:
    """Municipal staff record the exception the doorbraak function made, once per escalation,
    while the case is with it. Returns that escalation."""
    require_may_handle(scope)
    current = current_escalation(case)
    if current is None:
        raise CaseError({"status": "Deze zaak is niet geëscaleerd."})
    if current.level != EscalationLevel.DOORBRAAK:
        raise CaseError(
            {
                "status": "Alleen de doorbraakfunctie mag een uitzondering op de regels maken. "
                "Escaleer de zaak eerst naar de doorbraakfunctie."
            }
        )
    if current.decided_at is not None:
        raise CaseError({"status": "Voor deze escalatie is de uitzondering al vastgelegd."})
    return current


def _cost(errors: dict[str, str], value: Decimal | int | str | None) -> Decimal | None:
    if value is None or value == "":
        errors["cost_euros"] = (
            "Vul in wat de uitzondering kost, in euro's. Kost het niets, vul 0 in."
        )
        return None
    try:
        cost = Decimal(str(value))
    except InvalidOperation:
        errors["cost_euros"] = "Vul een bedrag in euro's in, bijvoorbeeld 250 of 1250,50."
        return None
    if not cost.is_finite() or cost < 0:
        errors["cost_euros"] = "Vul een bedrag van 0 euro of meer in."
        return None
    if cost > MAX_COST or cost != cost.quantize(Decimal("0.01")):
        errors["cost_euros"] = "Vul een bedrag in hele centen in, kleiner dan 100 miljoen euro."
        return None
    return cost


def case_record_exception(
    *,
    case: Case,
    scope: Scope,
    exception: str,
    cost_euros: Decimal | int | str | None,
    decided_by: User | None,
    at: dt.datetime | None = None,
) -> Escalation:
    """Record on the current doorbraak escalation what exception to the rules was made, who
    decided it and what it cost (one EXCEPTION_MADE event)."""
    require_visible(scope, case)
    at, now = moments(at)
    with transaction.atomic():
        locked = lock_case(case, scope)
        escalation = case_record_exception_check(case=locked, scope=scope, at=at)
        errors: dict[str, str] = {}
        exception = staff_text(
            errors,
            "exception",
            exception,
            required="Schrijf op welke uitzondering op de regels is gemaakt.",
        )
        cost = _cost(errors, cost_euros)
        if decided_by is None:
            errors["decided_by"] = "Kies wie de uitzondering heeft besloten."
        elif not employees_of(locked).filter(pk=decided_by.pk).exists():
            errors["decided_by"] = "Kies iemand van deze gemeente."
        raise_if(errors)
        assert decided_by is not None
        assert cost is not None
        check_moment(at, locked, "at", now)
        if at < escalation.raised_at:
            raise CaseError({"at": "Dit tijdstip ligt vóór de escalatie naar de doorbraakfunctie."})
        escalation.exception = exception
        escalation.cost_euros = cost
        escalation.decided_by = decided_by
        escalation.decided_at = at
        escalation.save(update_fields=["exception", "cost_euros", "decided_by", "decided_at"])
        Case.objects.filter(pk=locked.pk).update(updated_at=now)
        append_event(
            locked,
            scope,
            EventType.EXCEPTION_MADE,
            {
                "escalation": escalation.pk,
                "exception": exception,
                "costEuros": f"{cost:.2f}",
                "decidedBy": decided_by.pk,
                "decidedByName": display_name(decided_by),
            },
            at=at,
        )
    return escalation
