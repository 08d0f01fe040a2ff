"""Volgende stap: move the case along its workflow (`services.case_move`, the steps in
`regie.cases.workflow`). Concluding with an outcome is its own action (`conclude`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms

from regie.cases import services
from regie.cases.models import Case
from regie.ui import formkit
from regie.ui.case_actions import ActionForm, ActionRequest, CaseAction
from regie.vocabulary import CONCLUDED_STATUSES, Status

# What each step means, for the person choosing it.
STEP_HELP = {
    Status.IN_GESPREK.value: "Bel of spreek de indiener en zoek samen naar een oplossing.",
    Status.IN_BEHANDELING.value: "De zaak wordt (weer) gewoon behandeld.",
    Status.FORMEEL.value: (
        "Een gesprek lost het niet op, of de indiener wil een formele behandeling "
        "(Awb hoofdstuk 9)."
    ),
    Status.HOORZITTING.value: "De indiener en wie het betreft worden gehoord (Awb 9:10).",
    Status.GEESCALEERD.value: (
        "Leg de zaak bij een leidinggevende of de doorbraakfunctie, omdat het in de "
        "gewone lijn niet lukt."
    ),
    Status.NAZORG.value: "Vraag de indiener over een tijdje hoe het nu gaat.",
    Status.BIJ_OMBUDSMAN.value: "De indiener is naar de ombudsman gegaan.",
    Status.GESLOTEN.value: "Er hoeft niets meer te gebeuren.",
    Status.INGETROKKEN.value: "De indiener wil niet verder met de zaak.",
    Status.UITGEVALLEN.value: (
        "De inwoner is gestopt voordat de hulp klaar was. Registreer dit, zodat het "
        "zichtbaar wordt."
    ),
}
REOPEN_HELP = "Open de zaak opnieuw, bijvoorbeeld omdat het probleem niet is opgelost."


class MoveForm(ActionForm):
    section_id = "volgende-stap"
    service_fields = {"to": "to", "reason": "move_reason"}

    to = forms.ChoiceField(
        label="Volgende stap",
        error_messages={
            "required": "Kies een volgende stap.",
            "invalid_choice": "Kies een van de stappen hieronder.",
        },
    )
    move_reason = formkit.staff_text(
        label="Toelichting",
        help_text=(
            "Komt in de tijdlijn; de indiener ziet dit niet. Nodig bij intrekken, stoppen, "
            "escaleren, de ombudsman en heropenen."
        ),
        required="",
        rows=3,
    )

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["move_reason"].required = False
        reopening = case.status in CONCLUDED_STATUSES
        moves = services.offered_moves(case)
        descriptions = {
            s: (REOPEN_HELP if reopening and s not in CONCLUDED_STATUSES else STEP_HELP[s])
            for s in moves
        }
        field = self.fields["to"]
        assert isinstance(field, forms.ChoiceField)
        field.widget = formkit.DescribedRadioSelect(descriptions)
        # Any status passes the form, so that a step that is no longer possible (a colleague
        # was first) gets the workflow's own reason from the service; the page offers only
        # the steps possible now.
        field.choices = Status.choices
        field.widget.choices = [(s, _label(s, reopening)) for s in moves]


def _label(status: str, reopening: bool) -> str:
    if reopening and status not in CONCLUDED_STATUSES:
        return "Heropenen"
    return str(Status(status).label)


def _form(req: ActionRequest, data: Mapping[str, Any] | None) -> MoveForm:
    return MoveForm(data, case=req.case)


def _execute(req: ActionRequest, data: dict[str, Any]) -> Case:
    return services.case_move(
        case=req.case,
        scope=req.scope,
        to=data["to"],
        reason=data.get("move_reason") or "",
        at=req.now,
    )


ACTION = CaseAction(
    slug="volgende-stap",
    template="web/actions/move.html",
    form=_form,
    check=services.case_move_check,
    execute=_execute,
    done=lambda req, moved: f"{moved.reference} staat nu op: {Status(moved.status).label.lower()}.",
)
