"""Niet behandelen: conclude a complaint without handling it, on a ground of Awb 9:8, within
four weeks of receipt (`services.case_refuse_complaint`)."""

from __future__ import annotations

from typing import Any

from django import forms

from regie.cases import services
from regie.cases.models import Case
from regie.ui import formkit
from regie.ui.case_actions import ActionForm, ActionRequest, CaseAction
from regie.vocabulary import RefusalGround


class RefuseForm(ActionForm):
    section_id = "niet-behandelen"
    service_fields = {"ground": "refusal_ground", "explanation": "refusal_explanation"}

    refusal_ground = forms.ChoiceField(
        label="Waarom wordt de klacht niet behandeld?",
        choices=RefusalGround.choices,
        widget=formkit.radios(),
        error_messages={
            "required": "Kies de reden uit de wet.",
            "invalid_choice": "Kies een van de redenen uit de wet.",
        },
    )
    refusal_explanation = formkit.staff_text(
        label="Uitleg voor de indiener",
        help_text="In gewone woorden: waarom niet, en waar de indiener wel terecht kan. Dit "
        "komt in de brief.",
        required="Schrijf op waarom de klacht niet wordt behandeld. Dit komt in de brief.",
        rows=4,
    )


def _execute(req: ActionRequest, data: dict[str, Any]) -> Case:
    return services.case_refuse_complaint(
        case=req.case,
        scope=req.scope,
        ground=data["refusal_ground"],
        explanation=data["refusal_explanation"],
        at=req.now,
    )


ACTION = CaseAction(
    slug="niet-behandelen",
    template="web/actions/refuse.html",
    form=lambda req, data: RefuseForm(data),
    check=services.case_refuse_complaint_check,
    execute=_execute,
    done=lambda req, case: (
        f"{case.reference} wordt niet behandeld (Awb artikel 9:8). Stuur de indiener vandaag "
        "de brief met de reden en de weg naar de ombudsman."
    ),
)
