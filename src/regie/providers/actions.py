"""What a provider or GR does with a case in its portal, as data (see `regie.ui.case_actions`):
accept it, report progress, record contact, conclude it, or give it back. The same services
as the municipality's; their checks let the organisation in where it may act."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from django.utils import timezone

from regie.cases import services
from regie.cases.models import Case, Event
from regie.cases.services.complaint_procedure import under_awb
from regie.ui import formkit
from regie.ui.case_actions import ActionForm, ActionRequest, CaseAction, in_the_minute, long_date
from regie.ui.case_forms import ConcludeForm, ContactForm, outcome_label, outcomes_for
from regie.vocabulary import Outcome


class AcceptForm(ActionForm):
    section_id = "accepteren"


class UpdateForm(ActionForm):
    section_id = "voortgang"
    service_fields = {"text": "update"}

    update = formkit.staff_text(
        label="Wat is er gebeurd of afgesproken?",
        help_text="De gemeente leest dit. De inwoner niet.",
        required="Schrijf op wat er is gebeurd.",
        rows=4,
    )


class GiveBackForm(ActionForm):
    section_id = "teruggeven"
    service_fields = {"reason": "give_back_reason"}

    give_back_reason = formkit.staff_text(
        label="Waarom geeft u de zaak terug?",
        help_text="Bijvoorbeeld: dit is geen werk voor ons. De gemeente leest de reden.",
        required="Schrijf op waarom.",
    )


def _accept(req: ActionRequest, data: dict[str, Any]) -> Case:
    return services.case_accept(case=req.case, scope=req.scope, at=req.now)


def _update(req: ActionRequest, data: dict[str, Any]) -> Event:
    return services.case_add_update(case=req.case, scope=req.scope, text=data["update"], at=req.now)


def _contact(req: ActionRequest, data: dict[str, Any]) -> Event:
    return services.case_record_contact(
        case=req.case,
        scope=req.scope,
        at=in_the_minute(data["at"], req.case.received_at),
        summary=data["summary"],
    )


def _conclude(req: ActionRequest, data: dict[str, Any]) -> Case:
    return services.case_conclude(
        case=req.case,
        scope=req.scope,
        outcome=data["outcome"],
        summary=data["conclusion"],
        at=req.now,
    )


def _conclude_form(req: ActionRequest, data: Mapping[str, Any] | None) -> ConcludeForm:
    """The outcomes the organisation may choose. Not handling a complaint under the Awb
    (9:8) needs its ground and its four weeks: the municipality's own step, or the API."""
    form = ConcludeForm(data, kind=req.case.kind)
    if under_awb(req.case):
        field = form.fields["outcome"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [
            (o.value, o.label) for o in outcomes_for(req.case.kind) if o != Outcome.NIET_BEHANDELD
        ]
    return form


def _give_back(req: ActionRequest, data: dict[str, Any]) -> Case:
    return services.case_give_back(
        case=req.case, scope=req.scope, reason=data["give_back_reason"], at=req.now
    )


def _no_data(form: type[ActionForm]) -> Any:
    def make(req: ActionRequest, data: Mapping[str, Any] | None) -> ActionForm:
        return form(data)

    return make


ACTIONS: tuple[CaseAction, ...] = (
    CaseAction(
        slug="accepteren",
        template="providers/actions/accept.html",
        form=_no_data(AcceptForm),
        check=services.case_accept_check,
        execute=_accept,
        done=lambda req, case: (
            f"U heeft {case.reference} geaccepteerd op "
            f"{long_date(timezone.localdate(req.now))}. De gemeente ziet dat."
        ),
    ),
    CaseAction(
        slug="voortgang",
        template="providers/actions/update.html",
        form=_no_data(UpdateForm),
        check=services.case_add_update_check,
        execute=_update,
        done=lambda req, _: "De voortgang staat in de tijdlijn. De gemeente ziet hem.",
    ),
    CaseAction(
        slug="contact",
        template="providers/actions/contact.html",
        form=_no_data(ContactForm),
        check=services.case_record_contact_check,
        execute=_contact,
        done=lambda req, _: "Het contact met de indiener staat in de tijdlijn.",
    ),
    CaseAction(
        slug="afhandelen",
        template="providers/actions/conclude.html",
        form=_conclude_form,
        check=services.case_conclude_check,
        execute=_conclude,
        done=lambda req, case: (
            f"{case.reference} is afgehandeld. Uitkomst: {outcome_label(case.outcome)}. "
            "De gemeente ziet de uitkomst."
        ),
    ),
    CaseAction(
        slug="teruggeven",
        template="providers/actions/give_back.html",
        form=_no_data(GiveBackForm),
        check=services.case_give_back_check,
        execute=_give_back,
        done=lambda req, case: f"{case.reference} is teruggegeven aan de gemeente.",
    ),
)
BY_SLUG = {action.slug: action for action in ACTIONS}
