"""Verdagen: postpone the handling of a complaint once, by four weeks (Awb 9:11 lid 2,
`services.case_postpone`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from regie.cases import deadlines as case_deadlines
from regie.cases import services
from regie.cases.models import CaseDeadline
from regie.ui import formkit
from regie.ui.case_actions import ActionForm, ActionRequest, CaseAction, Offer, long_date


class PostponeForm(ActionForm):
    section_id = "verdagen"

    notice_sent_on = formkit.DateField(
        label="Datum van de brief aan de indiener",
        help_text="De brief waarin staat dat de behandeling langer duurt.",
        initial=formkit.today,
        required_message="Vul de datum van de brief in.",
    )
    reason = formkit.staff_text(
        label="Waarom duurt de behandeling langer?",
        help_text="Deze reden komt in de tijdlijn.",
        required="Schrijf op waarom de behandeling langer duurt.",
    )


def _form(req: ActionRequest, data: Mapping[str, Any] | None) -> PostponeForm:
    return PostponeForm(data)


def _execute(req: ActionRequest, data: dict[str, Any]) -> CaseDeadline:
    return services.case_postpone(
        case=req.case,
        scope=req.scope,
        notice_sent_on=data["notice_sent_on"],
        reason=data["reason"],
        at=req.now,
    )


def _context(req: ActionRequest, offer: Offer, form: ActionForm) -> dict[str, Any]:
    """The date it will become: the same computation the service stores."""
    deadline = offer.found
    if not isinstance(deadline, CaseDeadline):
        return {}
    return {"due_after": case_deadlines.with_options(deadline, extended=True).due}


ACTION = CaseAction(
    slug="verdagen",
    template="web/actions/postpone.html",
    form=_form,
    check=services.case_postpone_check,
    execute=_execute,
    done=lambda req, deadline: (
        "De behandeling is verdaagd. De klacht moet nu uiterlijk "
        f"{long_date(deadline.due)} afgehandeld zijn."
    ),
    context=_context,
)
