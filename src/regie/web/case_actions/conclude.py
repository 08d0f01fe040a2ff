"""Afhandelen: close a case with its outcome, informal resolution first
(`services.case_conclude`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms

from regie.cases import services
from regie.cases.models import Case
from regie.ui import formkit
from regie.vocabulary import Kind, Outcome
from regie.web.case_actions.base import ActionForm, ActionRequest, CaseAction
from regie.web.choices import outcome_label, outcomes_for

# What each outcome means, next to its radio button. Plain words first, the article after.
OUTCOME_HELP = {
    Outcome.GEGROND: "De klacht klopt: er is niet goed gehandeld.",
    Outcome.DEELS_GEGROND: "De klacht klopt voor een deel.",
    Outcome.ONGEGROND: "De klacht klopt niet: er is goed gehandeld.",
    Outcome.NIET_BEHANDELD: (
        "Bijvoorbeeld omdat bezwaar mogelijk is of omdat het langer dan een jaar geleden is "
        "(Awb artikel 9:8). Laat dit de indiener binnen 4 weken na ontvangst schriftelijk weten."
    ),
    Outcome.DOORVERWEZEN: (
        "Een andere organisatie of procedure neemt het over, zoals bezwaar of de "
        "klachtenregeling van de aanbieder."
    ),
    Outcome.AFGEROND: "De vraag, melding of het signaal is behandeld.",
}
RESOLVED_HELP = {
    True: (
        "De indiener is tevreden met de oplossing. Een formele afhandeling is dan niet nodig "
        "(Awb artikel 9:5)."
    ),
    False: "Samen met de indiener opgelost.",
}


class ConcludeForm(ActionForm):
    """Only the outcomes that fit the kind are offered, informal resolution first; for a
    complaint that is the normal first route (Awb 9:5)."""

    section_id = "afhandelen"
    # "summary" is already the contact form's field on the same page: ids must be unique.
    service_fields = {"summary": "conclusion"}

    outcome = forms.ChoiceField(
        label="Uitkomst",
        error_messages={
            "required": "Kies een uitkomst.",
            "invalid_choice": "Kies een uitkomst die bij deze zaak past.",
        },
    )
    conclusion = formkit.staff_text(
        label="Hoe is de zaak afgehandeld?",
        help_text=(
            "Kort, in een paar zinnen. Alleen medewerkers zien dit. De indiener ziet alleen "
            "de uitkomst."
        ),
        required="Schrijf kort op hoe de zaak is afgehandeld.",
        rows=4,
    )

    def __init__(self, *args: Any, kind: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        complaint = kind == Kind.KLACHT
        descriptions: Mapping[str, str] = {
            **{str(k): v for k, v in OUTCOME_HELP.items()},
            Outcome.OPGELOST.value: RESOLVED_HELP[complaint],
        }
        field = self.fields["outcome"]
        assert isinstance(field, forms.ChoiceField)
        field.widget = formkit.DescribedRadioSelect(descriptions)
        field.choices = [(o.value, o.label) for o in outcomes_for(kind)]  # also the widget's


def _form(req: ActionRequest, data: Mapping[str, Any] | None) -> ConcludeForm:
    return ConcludeForm(data, kind=req.case.kind)


def _execute(req: ActionRequest, data: dict[str, Any]) -> Case:
    return services.case_conclude(
        case=req.case,
        scope=req.scope,
        outcome=data["outcome"],
        summary=data["conclusion"],
        at=req.now,
    )


ACTION = CaseAction(
    slug="afhandelen",
    template="web/actions/conclude.html",
    form=_form,
    check=services.case_conclude_check,
    execute=_execute,
    done=lambda req, closed: (
        f"{closed.reference} is afgehandeld. Uitkomst: {outcome_label(closed.outcome)}."
    ),
)
