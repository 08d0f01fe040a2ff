"""Eerste gesprek: the first debt-help conversation (Wgs art. 4), which starts the term for
the decision (`services.case_record_first_conversation`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from regie.cases import services
from regie.cases.models import CaseDeadline
from regie.ui import formkit
from regie.ui.case_actions import (
    ActionForm,
    ActionRequest,
    CaseAction,
    in_the_minute,
    long_date,
)


class FirstConversationForm(ActionForm):
    section_id = "eerste-gesprek"
    service_fields = {"held_at": "held_on"}

    held_on = formkit.DateField(
        label="Datum van het gesprek",
        initial=formkit.today,
        required_message="Vul de datum van het gesprek in.",
    )
    held_time = formkit.TimeField(
        label="Tijd van het gesprek",
        initial=formkit.now_to_the_minute,
        required_message="Vul de tijd van het gesprek in.",
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        data["held_at"] = self.moment(data, "held_on", "held_time")
        return data


def _form(req: ActionRequest, data: Mapping[str, Any] | None) -> FirstConversationForm:
    return FirstConversationForm(data)


def _execute(req: ActionRequest, data: dict[str, Any]) -> CaseDeadline:
    return services.case_record_first_conversation(
        case=req.case, scope=req.scope, held_at=in_the_minute(data["held_at"], req.case.received_at)
    )


ACTION = CaseAction(
    slug="eerste-gesprek",
    template="web/actions/first_conversation.html",
    form=_form,
    check=services.case_record_first_conversation_check,
    execute=_execute,
    done=lambda req, decision: (
        "Het eerste gesprek is vastgelegd. Het besluit over schuldhulp moet er "
        f"uiterlijk {long_date(decision.due)} zijn."
    ),
)
