"""Klachtadviescommissie: the complaint goes to the advisory committee (Awb 9:14), ten weeks
instead of six (`services.case_choose_committee`). Only a confirm button."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from regie.cases import deadlines as case_deadlines
from regie.cases import services
from regie.cases.models import CaseDeadline
from regie.ui.case_actions import ActionForm, ActionRequest, CaseAction, Offer, long_date


class CommitteeForm(ActionForm):
    section_id = "adviescommissie"


def _form(req: ActionRequest, data: Mapping[str, Any] | None) -> CommitteeForm:
    return CommitteeForm(data)


def _execute(req: ActionRequest, data: dict[str, Any]) -> CaseDeadline:
    return services.case_choose_committee(case=req.case, scope=req.scope, at=req.now)


def _context(req: ActionRequest, offer: Offer, form: ActionForm) -> dict[str, Any]:
    deadline = offer.found
    if not isinstance(deadline, CaseDeadline):
        return {}
    return {"due_after": case_deadlines.with_options(deadline, committee=True).due}


ACTION = CaseAction(
    slug="adviescommissie",
    template="web/actions/committee.html",
    form=_form,
    check=services.case_choose_committee_check,
    execute=_execute,
    done=lambda req, deadline: (
        "De klachtadviescommissie is ingeschakeld. De klacht moet nu uiterlijk "
        f"{long_date(deadline.due)} afgehandeld zijn."
    ),
    context=_context,
)
