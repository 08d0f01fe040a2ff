"""The actions on the case page, as data: one entry per action, one view serves them all
(`regie.web.case_page`).

Adding an action: write the service and its check in `regie.cases.services`, a module here
with its form and `ACTION`, a template in `web/templates/web/actions/`, an entry below, and a
test. The order below is the order on the page (and in the error summary).
"""

from __future__ import annotations

from regie.ui.case_actions import ActionRequest, CaseAction, Offer
from regie.web.case_actions import (
    acknowledgement,
    assign,
    committee,
    conclude,
    contact,
    employee,
    escalate,
    first_conversation,
    follow_up,
    hand_over,
    hearing,
    letter,
    move,
    note,
    ombudsman,
    postpone,
    refuse,
    triage,
)

ACTIONS: tuple[CaseAction, ...] = (
    triage.CONFIRM,
    triage.CORRECT,
    acknowledgement.ACTION,
    contact.ACTION,
    postpone.ACTION,
    committee.ACTION,
    first_conversation.ACTION,
    move.ACTION,
    hearing.OFFER,
    hearing.RECORD,
    hearing.SKIP,
    conclude.ACTION,
    refuse.ACTION,
    escalate.ACTION,
    escalate.EXCEPTION_ACTION,
    ombudsman.ACTION,
    ombudsman.OUTCOME_ACTION,
    follow_up.PLAN,
    follow_up.CHECK_IN,
    assign.ACTION,
    hand_over.ACTION,
    employee.ACTION,
    letter.ACTION,
    note.ACTION,
)
BY_SLUG = {action.slug: action for action in ACTIONS}

__all__ = ["ACTIONS", "BY_SLUG", "ActionRequest", "CaseAction", "Offer"]
