"""Contact vastleggen: a call or a visit with the submitter (`services.case_record_contact`);
it meets the first-contact norm."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from regie.cases import services
from regie.cases.models import Event
from regie.ui.case_actions import ActionRequest, CaseAction, in_the_minute
from regie.ui.case_forms import ContactForm


def _form(req: ActionRequest, data: Mapping[str, Any] | None) -> ContactForm:
    return ContactForm(data)


def _execute(req: ActionRequest, data: dict[str, Any]) -> Event:
    return services.case_record_contact(
        case=req.case,
        scope=req.scope,
        at=in_the_minute(data["at"], req.case.received_at),
        summary=data["summary"],
    )


ACTION = CaseAction(
    slug="contact",
    template="web/actions/contact.html",
    form=_form,
    check=services.case_record_contact_check,
    execute=_execute,
    done=lambda req, _: "Het contact met de indiener staat in de tijdlijn.",
)
