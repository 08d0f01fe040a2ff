"""Contact vastleggen: a call or a visit with the submitter (`services.case_record_contact`);
it meets the first-contact norm."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from regie.cases import services
from regie.cases.models import Event
from regie.ui import formkit
from regie.web.case_actions.base import ActionForm, ActionRequest, CaseAction, in_the_minute


class ContactForm(ActionForm):
    section_id = "contact"
    service_fields = {"at": "contact_date"}

    contact_date = formkit.DateField(
        label="Datum van het contact",
        initial=formkit.today,
        required_message="Vul de datum van het contact in.",
    )
    contact_time = formkit.TimeField(
        label="Tijd van het contact",
        initial=formkit.now_to_the_minute,
        required_message="Vul de tijd van het contact in.",
    )
    summary = formkit.staff_text(
        label="Wat heeft u besproken?",
        help_text="Kort, in een paar zinnen. Alleen medewerkers zien dit.",
        required="Schrijf kort op wat u besproken heeft.",
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        data["at"] = self.moment(data, "contact_date", "contact_time")
        return data


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
