"""Which deadline facts a person can record on the case page, whether they can conclude the
case, and what that would change.

These helpers only decide what the page *offers*. The services in `regie.cases.services`
remain the authority: they check everything again, and a forced POST gets their answer.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from regie.accounts.scope import Scope
from regie.cases import deadlines as case_deadlines
from regie.cases.models import Case, CaseDeadline
from regie.vocabulary import Status


def may_record_facts(scope: Scope) -> bool:
    """Mirrors the services' staff rule: providers, GRs, API clients and the public form do
    not record contact, postponements, the committee or the first conversation, and do not
    conclude a case."""
    return (
        not scope.is_empty
        and not scope.public
        and not scope.organisation_ids()
        and scope.api_client_id is None
    )


def _open(case: Case, type_: str) -> CaseDeadline | None:
    deadline = case_deadlines.current(case, type_)
    if deadline is None or deadline.met_at is not None:
        return None
    return deadline


def acknowledgement_open(case: Case) -> CaseDeadline | None:
    """The acknowledgement of receipt (service norm, Awb 9:6 for complaints) that has not gone
    out yet: no e-mail left the outbox and no letter was recorded."""
    if case.status == Status.AFGEHANDELD:
        return None
    return _open(case, case_deadlines.ACKNOWLEDGEMENT)


def postponable(case: Case) -> CaseDeadline | None:
    """The complaint-handling deadline that may still be postponed once (Awb 9:11, Wkkgz)."""
    deadline = _open(case, case_deadlines.COMPLAINT_HANDLING)
    if deadline is None or deadline.regime not in case_deadlines.POSTPONABLE:
        return None
    if "extended" in deadline.options:
        return None
    return deadline


def committee_possible(case: Case) -> CaseDeadline | None:
    """An open complaint about the municipality that has not gone to the committee yet."""
    deadline = _open(case, case_deadlines.COMPLAINT_HANDLING)
    if deadline is None or deadline.regime != "awb-klacht":
        return None
    if "committee" in deadline.options:
        return None
    return deadline


def first_conversation_open(case: Case) -> CaseDeadline | None:
    """A debt-help request whose first conversation (Wgs art. 4) is not recorded yet."""
    deadline = case_deadlines.current(case, case_deadlines.FIRST_CONVERSATION)
    if deadline is None or case_deadlines.current(case, case_deadlines.DEBT_DECISION):
        return None
    return deadline


def due_after(
    deadline: CaseDeadline, *, committee: bool | None = None, extended: bool | None = None
) -> dt.date:
    """The due date the deadline would get with changed options, so the form can say what
    will happen; the same computation `recompute` stores."""
    return case_deadlines.with_options(deadline, committee=committee, extended=extended).due


@dataclass(frozen=True)
class DeadlineActions:
    """What the case page offers. A deadline is given where the form needs its dates."""

    acknowledgement: CaseDeadline | None = None
    contact: bool = False
    postpone: CaseDeadline | None = None
    postpone_due: dt.date | None = None
    postpone_basis: str = ""
    committee: CaseDeadline | None = None
    committee_due: dt.date | None = None
    first_conversation: CaseDeadline | None = None
    conclude: bool = False


def deadline_actions(case: Case, scope: Scope) -> DeadlineActions:
    if not may_record_facts(scope):
        return DeadlineActions()
    closed = case.status == Status.AFGEHANDELD
    postpone = postponable(case)
    committee = committee_possible(case)
    return DeadlineActions(
        acknowledgement=acknowledgement_open(case),
        # Contact stays possible: a resident may call about the answer they got.
        contact=True,
        postpone=postpone,
        postpone_due=due_after(postpone, extended=True) if postpone else None,
        postpone_basis=postpone.legal_basis if postpone else "",
        committee=committee,
        committee_due=due_after(committee, committee=True) if committee else None,
        first_conversation=None if closed else first_conversation_open(case),
        conclude=not closed,
    )
