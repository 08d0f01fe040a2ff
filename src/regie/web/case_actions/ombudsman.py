"""Naar de ombudsman: record that the complainant went to the ombudsman
(`services.case_refer_to_ombudsman`), and later what the ombudsman found and recommended and
how the municipality follows it up (`services.case_record_ombudsman_outcome`). The dossier for
the ombudsman is a download from the case page (`regie.web.dossier`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms

from regie.cases import services
from regie.cases.models import OmbudsmanReferral
from regie.cases.services.ombudsman import OMBUDSMAN_NAME, THEIR_REFERENCE
from regie.ui import formkit
from regie.ui.case_actions import ActionForm, ActionRequest, CaseAction
from regie.vocabulary import Judgement


class ReferralForm(ActionForm):
    section_id = "ombudsman"
    service_fields = {"ombudsman": "ombudsman_name", "their_reference": "ombudsman_reference"}

    ombudsman_name = forms.CharField(
        label="Welke ombudsman?",
        help_text="Laat leeg voor de ombudsman van de gemeente.",
        required=False,
        max_length=OMBUDSMAN_NAME,
        widget=formkit.text_input(),
        error_messages={"max_length": f"Schrijf hooguit {OMBUDSMAN_NAME} tekens."},
    )
    ombudsman_reference = forms.CharField(
        label="Kenmerk van de ombudsman",
        help_text="Het nummer dat de ombudsman de zaak gaf, als u dat weet.",
        required=False,
        max_length=THEIR_REFERENCE,
        widget=formkit.text_input(autocomplete="off"),
        error_messages={"max_length": f"Schrijf hooguit {THEIR_REFERENCE} tekens."},
    )


def _referral_form(req: ActionRequest, data: Mapping[str, Any] | None) -> ReferralForm:
    return ReferralForm(data)


def _refer(req: ActionRequest, data: dict[str, Any]) -> OmbudsmanReferral:
    return services.case_refer_to_ombudsman(
        case=req.case,
        scope=req.scope,
        ombudsman=data.get("ombudsman_name") or "",
        their_reference=data.get("ombudsman_reference") or "",
        at=req.now,
    )


ACTION = CaseAction(
    slug="ombudsman",
    template="web/actions/ombudsman.html",
    form=_referral_form,
    check=services.case_refer_to_ombudsman_check,
    execute=_refer,
    done=lambda req, referral: f"Vastgelegd: de klacht ligt bij {referral.ombudsman}.",
)


class OutcomeForm(ActionForm):
    section_id = "oordeel-ombudsman"
    service_fields = {
        "judgement": "ombudsman_judgement",
        "findings": "ombudsman_findings",
        "recommendations": "ombudsman_recommendations",
        "response": "ombudsman_response",
    }

    ombudsman_judgement = forms.ChoiceField(
        label="Oordeel van de ombudsman",
        choices=Judgement.choices,
        widget=formkit.radios(),
        error_messages={
            "required": "Kies het oordeel van de ombudsman.",
            "invalid_choice": "Kies een van de oordelen hieronder.",
        },
    )
    ombudsman_findings = formkit.staff_text(
        label="Wat vond de ombudsman?",
        help_text="De bevindingen, kort samengevat.",
        required="Schrijf kort op wat de ombudsman vond.",
        rows=4,
    )
    ombudsman_recommendations = formkit.staff_text(
        label="Aanbevelingen van de ombudsman",
        help_text="Wat de ombudsman de gemeente aanbeveelt.",
        required="",
        rows=3,
    )
    ombudsman_response = formkit.staff_text(
        label="Wat doet de gemeente ermee?",
        help_text="Hoe de gemeente de aanbevelingen opvolgt. Nodig als er aanbevelingen zijn.",
        required="",
        rows=3,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["ombudsman_recommendations"].required = False
        self.fields["ombudsman_response"].required = False


def _outcome_form(req: ActionRequest, data: Mapping[str, Any] | None) -> OutcomeForm:
    return OutcomeForm(data)


def _record_outcome(req: ActionRequest, data: dict[str, Any]) -> OmbudsmanReferral:
    return services.case_record_ombudsman_outcome(
        case=req.case,
        scope=req.scope,
        judgement=data["ombudsman_judgement"],
        findings=data["ombudsman_findings"],
        recommendations=data.get("ombudsman_recommendations") or "",
        response=data.get("ombudsman_response") or "",
        at=req.now,
    )


OUTCOME_ACTION = CaseAction(
    slug="oordeel-ombudsman",
    template="web/actions/ombudsman_outcome.html",
    form=_outcome_form,
    check=services.case_record_ombudsman_outcome_check,
    execute=_record_outcome,
    done=lambda req, referral: "Het oordeel van de ombudsman staat in de tijdlijn.",
)
