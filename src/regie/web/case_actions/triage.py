"""Triage: the suggestion Regie made at intake, confirmed in one click ("Klopt",
`services.case_confirm_triage`) or corrected with a small form ("Aanpassen",
`services.case_correct_triage`). Below `SURE` nothing is pre-selected: a person decides."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms

from regie.cases import services
from regie.cases.models import TriageSuggestion
from regie.cases.services.triage import crisis_proposed
from regie.directory.models import Topic
from regie.triage.suggestion import SURE
from regie.ui import formkit
from regie.ui.case_actions import ActionForm, ActionRequest, CaseAction, Offer
from regie.vocabulary import Domain, Kind, Norm, Urgency
from regie.web.triage_words import confidence_words, domain_label, kind_label


class ConfirmForm(ActionForm):
    section_id = "triage"


class CorrectForm(ActionForm):
    section_id = "triage-aanpassen"
    service_fields = {
        "domain": "triage_domain",
        "kind": "triage_kind",
        "urgent": "triage_urgent",
        "triage": "triage_domain",
    }

    triage_domain = forms.ChoiceField(
        label="Domein",
        choices=[("", "Kies een domein"), *Domain.choices],
        widget=formkit.select(),
        error_messages={"required": "Kies een domein.", "invalid_choice": "Kies een domein."},
    )
    triage_kind = forms.ChoiceField(
        label="Soort",
        choices=[(k.value, k.label) for k in Kind if k != Kind.KLACHT],
        widget=formkit.select(),
        error_messages={"required": "Kies een soort.", "invalid_choice": "Kies een soort."},
    )
    triage_urgent = forms.TypedChoiceField(
        label="Is het spoed?",
        choices=[
            ("ja", "Ja, spoed: direct bedreigd in bestaan of veiligheid"),
            ("nee", "Nee, normaal"),
        ],
        coerce=lambda value: value == "ja",
        widget=formkit.radios(),
        error_messages={"required": "Kies ja of nee.", "invalid_choice": "Kies ja of nee."},
    )

    def __init__(self, *args: Any, kind: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if kind == Kind.KLACHT:
            # A complaint stays a complaint (Awb 9:4): the only choice is the one it has.
            field = self.fields["triage_kind"]
            assert isinstance(field, forms.ChoiceField)
            field.choices = [(Kind.KLACHT.value, Kind.KLACHT.label)]


def _triage(req: ActionRequest) -> TriageSuggestion | None:
    return TriageSuggestion.objects.filter(case=req.case).first()


def _confirm_form(req: ActionRequest, data: Mapping[str, Any] | None) -> ConfirmForm:
    return ConfirmForm(data)


def _correct_form(req: ActionRequest, data: Mapping[str, Any] | None) -> CorrectForm:
    initial: dict[str, Any] = {"triage_kind": req.case.kind}
    triage = _triage(req)
    if triage is not None and triage.confidence >= SURE:
        # Sure enough to offer as the first choice; below it the person chooses unaided.
        initial["triage_domain"] = triage.domain
        initial["triage_urgent"] = "ja" if triage.urgent else "nee"
    return CorrectForm(data, initial=initial, kind=req.case.kind)


def _confirm(req: ActionRequest, data: dict[str, Any]) -> TriageSuggestion:
    return services.case_confirm_triage(case=req.case, scope=req.scope, at=req.now)


def _correct(req: ActionRequest, data: dict[str, Any]) -> TriageSuggestion:
    return services.case_correct_triage(
        case=req.case,
        scope=req.scope,
        domain=data["triage_domain"],
        kind=data["triage_kind"],
        urgent=data["triage_urgent"],
        at=req.now,
    )


def _context(req: ActionRequest, offer: Offer, form: ActionForm) -> dict[str, Any]:
    triage = offer.found
    if not isinstance(triage, TriageSuggestion):
        return {}
    return {
        "triage": triage,
        "sure": triage.confidence >= SURE,
        "confidence_words": confidence_words(triage.confidence),
        "percent": round(triage.confidence * 100),
        "domain": domain_label(triage.domain),
        "runner_up": domain_label(triage.domain_runner_up) if triage.domain_runner_up else "",
        "kind": kind_label(triage.kind),
        "topic": Topic.objects.filter(slug=triage.topic).values_list("name", flat=True).first()
        if triage.topic
        else "",
        "norm": str(Norm(triage.norm).label) if triage.norm in Norm.values else "",
        "case_domain": domain_label(req.case.domain),
        "crisis": crisis_proposed(req.case, triage),
        "applies_spoed": triage.urgent and req.case.urgency != Urgency.SPOED,
    }


def _done(req: ActionRequest, triage: TriageSuggestion) -> str:
    urgency = "spoed" if req.case.urgency == Urgency.SPOED else "normaal"
    return (
        f"Vastgelegd. De zaak valt nu onder {domain_label(req.case.domain)}, "
        f"soort {kind_label(req.case.kind)}, urgentie {urgency}."
    )


CONFIRM = CaseAction(
    slug="triage",
    template="web/actions/triage.html",
    form=_confirm_form,
    check=services.case_confirm_triage_check,
    execute=_confirm,
    done=_done,
    context=_context,
)
CORRECT = CaseAction(
    slug="triage-aanpassen",
    template="web/actions/triage_correct.html",
    form=_correct_form,
    check=services.case_correct_triage_check,
    execute=_correct,
    done=_done,
    context=_context,
)
