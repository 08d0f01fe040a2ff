"""Moving a case along its workflow (`regie.cases.workflow`): the informal conversation,
formal handling, the hearing, escalation, follow-up, the ombudsman, closing, withdrawal,
drop-out and reopening.

Concluding with an outcome is `case_conclude`, which meets the handling term; every other
step is `case_move`, which appends exactly one STATUS_CHANGED event {from, to, reason}.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from regie.accounts.scope import Scope
from regie.cases import deadlines as case_deadlines
from regie.cases import workflow
from regie.cases.models import Case, EventType
from regie.cases.services.common import (
    CaseError,
    append_event,
    check_moment,
    lock_case,
    moments,
    raise_if,
    require_handles,
    require_move,
    require_visible,
    staff_text,
)
from regie.vocabulary import CONCLUDED_STATUSES, Status

# Steps that need a reason on the timeline: they end or reverse the normal course, and
# someone will later ask why (the register of 9:12a, the ombudsman, the resident).
REASON_REQUIRED = frozenset(
    {Status.INGETROKKEN, Status.UITGEVALLEN, Status.GEESCALEERD, Status.BIJ_OMBUDSMAN}
)
REASON_PROMPT = {
    Status.INGETROKKEN: "Schrijf op hoe en waarom de indiener de zaak heeft ingetrokken.",
    Status.UITGEVALLEN: "Schrijf op waarom de hulpvraag is gestopt.",
    Status.GEESCALEERD: "Schrijf op waarom de zaak hoger in de organisatie moet worden gelegd.",
    Status.BIJ_OMBUDSMAN: "Schrijf op wat de indiener aan de ombudsman heeft voorgelegd.",
}
REOPEN_PROMPT = "Schrijf op waarom de zaak weer wordt geopend."


# Steps with an action of their own, because they record more than a status: the conclusion
# (outcome), the hearing (when and where, `complaint_procedure.py`), the follow-up (its date,
# `follow_up.py`), the escalation (level and term, `escalation.py`) and the ombudsman (who,
# their reference, later the outcome, `ombudsman.py`). `case_move` points to that action, so
# no case reaches such a status without what the status promises.
OWN_ACTION = {
    Status.AFGEHANDELD: "Handel de zaak af met een uitkomst (Afhandelen).",
    Status.HOORZITTING: "Bied het horen aan met een datum en plaats (Horen aanbieden).",
    Status.NAZORG: "Plan de nazorg met een datum (Nazorg plannen).",
    Status.GEESCALEERD: "Escaleer de zaak met het niveau en de reden (Escaleren).",
    Status.BIJ_OMBUDSMAN: "Leg vast bij welke ombudsman de klacht ligt (Naar de ombudsman).",
}


def offered_moves(case: Case) -> list[str]:
    """The next steps `case_move` takes, in the order of `Status` (conclusion, escalation and
    the ombudsman have their own actions)."""
    allowed = workflow.next_statuses(case) - set(OWN_ACTION)
    return [s.value for s in Status if s in allowed]


def is_reopening(case: Case, to: str) -> bool:
    return case.status in CONCLUDED_STATUSES and to not in CONCLUDED_STATUSES


def reason_required(case: Case, to: str) -> str:
    """The prompt when this step needs a reason, else ""."""
    if is_reopening(case, to):
        return REOPEN_PROMPT
    return REASON_PROMPT.get(Status(to), "") if to in Status.values else ""


def case_move_check(*, case: Case, scope: Scope, at: dt.datetime | None = None) -> list[str]:
    """Whoever handles the case moves it along; the steps open from here."""
    require_handles(scope, case)
    moves = offered_moves(case)
    if not moves:
        raise CaseError({"status": "Voor deze zaak is geen volgende stap mogelijk."})
    return moves


def case_move(
    *, case: Case, scope: Scope, to: str, reason: str = "", at: dt.datetime | None = None
) -> Case:
    require_visible(scope, case)
    at, now = moments(at)
    with transaction.atomic():
        locked = lock_case(case, scope)
        try:
            case_move_check(case=locked, scope=scope, at=at)
        except CaseError:
            # Only steps with their own action are open (an escalated signal): a step outside
            # the table still gets the workflow's own reason, a step inside it the pointer.
            if to in Status.values and workflow.next_statuses(locked):
                if to in OWN_ACTION and workflow.may_move(locked, to):
                    raise CaseError({"to": OWN_ACTION[Status(to)]}) from None
                require_move(locked, to)
            raise
        if to not in Status.values:
            raise CaseError({"to": "Kies een volgende stap."})
        if to in OWN_ACTION and workflow.may_move(locked, to):
            raise CaseError({"to": OWN_ACTION[Status(to)]})
        require_move(locked, to)
        errors: dict[str, str] = {}
        reason = staff_text(errors, "reason", reason, required=reason_required(locked, to))
        raise_if(errors)
        check_moment(at, locked, "at", now)
        latest = locked.events.order_by("-at").values_list("at", flat=True).first()
        if latest is not None and at < latest:
            raise CaseError({"at": "Deze stap ligt vóór de laatste gebeurtenis op de tijdlijn."})
        before = locked.status
        fields = ["status", "updated_at"]
        if is_reopening(locked, to):
            # The outcome and conclusion before stay on the timeline; the case is open again.
            locked.concluded_at = None
            locked.outcome = ""
            fields += ["concluded_at", "outcome"]
        elif to in CONCLUDED_STATUSES and locked.concluded_at is None:
            locked.concluded_at = at  # withdrawn, dropped out: the handling ends here
            fields.append("concluded_at")
        locked.status = to
        locked.save(update_fields=fields)
        if before == Status.GEESCALEERD:
            # Back to handling, or withdrawn: the escalation's term has done its work.
            case_deadlines.mark_met(locked, case_deadlines.ESCALATION, at, now=now)
        case_deadlines.refresh_next_due(locked, now=now)
        append_event(
            locked,
            scope,
            EventType.STATUS_CHANGED,
            {"from": before, "to": to, "reason": reason},
            at=at,
        )
    return locked
